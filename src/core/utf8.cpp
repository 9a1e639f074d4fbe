// UTF-8 validation and display widths by utf8proc, for every caller (see the header).
#include "gitreorg/core/utf8.hpp"

#include <utf8proc.h>

#include <algorithm>

namespace gitreorg::core {

std::size_t utf8_sequence_length(std::string_view s) {
  if (s.empty()) return 0;
  utf8proc_int32_t cp = 0;
  // At most 4 bytes are read; the length passed keeps a truncated sequence from reading past `s`.
  utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                        static_cast<utf8proc_ssize_t>(s.size()), &cp);
  return n > 0 ? static_cast<std::size_t>(n) : 0;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8_sequence_length(s.substr(i));
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string sanitize_utf8(std::string_view s, char replacement) {
  std::string out(s);
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8_sequence_length(s.substr(i));
    if (n == 0) out[i++] = replacement;
    else i += n;
  }
  return out;
}

std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                          static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (n <= 0) {
      ++width;
      ++i;
      continue;
    }
    width += static_cast<std::size_t>(std::max(0, utf8proc_charwidth(cp)));
    i += static_cast<std::size_t>(n);
  }
  return width;
}

}  // namespace gitreorg::core

// git-compatible path quoting, so output can be pasted back into git commands.
#include "gitreorg/report/quote_path.hpp"

#include <fmt/format.h>

namespace gitreorg::report {

std::string quote_path(std::string_view path, bool quote_non_ascii) {
  auto escaped = [quote_non_ascii](unsigned char c) { return c < 0x20 || c == 0x7f || (c > 0x7f && quote_non_ascii); };
  bool plain = true;
  for (unsigned char c : path)
    if (escaped(c) || c == '"' || c == '\\') plain = false;
  if (plain) return std::string(path);
  std::string out = "\"";
  for (unsigned char c : path) {
    switch (c) {
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\v': out += "\\v"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      default:
        if (escaped(c)) out += fmt::format("\\{:03o}", c);
        else out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

}  // namespace gitreorg::report

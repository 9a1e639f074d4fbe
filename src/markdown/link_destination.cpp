// Parsing a Markdown link destination's raw bytes (CommonMark's link destination syntax).
#include "markdown/link_destination.hpp"

#include <cctype>

namespace gitreorg::markdown {

RawDestination parse_destination(std::string_view text, std::size_t pos, bool stop_at_paren) {
  RawDestination d;
  bool newline = false;
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r')) {
    if (text[pos] == '\n') {
      if (newline) return d;
      newline = true;
    }
    ++pos;
  }
  if (pos >= text.size()) return d;
  if (text[pos] == '<') {
    std::size_t i = pos + 1;
    while (i < text.size() && text[i] != '>' && text[i] != '\n' && text[i] != '<') i += text[i] == '\\' ? 2 : 1;
    if (i >= text.size() || text[i] != '>') return d;
    d = {pos + 1, i - pos - 1, true, true};
    return d;
  }
  std::size_t i = pos;
  int depth = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c <= ' ') break;
    if (c == '\\' && i + 1 < text.size() && std::ispunct(static_cast<unsigned char>(text[i + 1]))) {
      i += 2;
      continue;
    }
    if (c == '(') ++depth;
    if (c == ')') {
      if (depth == 0 && stop_at_paren) break;
      --depth;
    }
    ++i;
  }
  if (i == pos) return d;
  d = {pos, i - pos, false, true};
  return d;
}

}  // namespace gitreorg::markdown

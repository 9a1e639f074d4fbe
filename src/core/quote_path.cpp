// git-compatible path quoting, so output can be pasted back into git commands.
#include "gitreorg/core/quote_path.hpp"

#include <fmt/format.h>

namespace gitreorg::core {

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

std::optional<std::string> unquote_path(std::string_view line) {
  if (line.empty() || line.front() != '"') return std::string(line);
  std::string out;
  for (std::size_t i = 1; i < line.size(); ++i) {
    char c = line[i];
    if (c == '"') {
      if (i + 1 != line.size()) return std::nullopt;
      return out;
    }
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++i == line.size()) return std::nullopt;
    switch (line[i]) {
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'v': out += '\v'; break;
      case 'f': out += '\f'; break;
      case 'r': out += '\r'; break;
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      default: {
        if (i + 2 >= line.size()) return std::nullopt;
        int v = 0;
        for (int k = 0; k < 3; ++k) {
          char d = line[i + k];
          if (d < '0' || d > '7') return std::nullopt;
          v = v * 8 + (d - '0');
        }
        if (v > 0377) return std::nullopt;
        out += static_cast<char>(v);
        i += 2;
      }
    }
  }
  return std::nullopt;  // no closing quote
}

}  // namespace gitreorg::core

// git-compatible path quoting, so output can be pasted back into git commands.
#include "gitreorg/core/quote_path.hpp"

#include <fmt/format.h>

#include "gitreorg/core/utf8.hpp"

namespace gitreorg::core {

namespace {

enum class NonAscii { quoted, raw, raw_if_utf8 };

// How many bytes from `path[i]` are copied as they are, 0 if that byte is escaped (`"` and `\` aside):
// a whole UTF-8 sequence for raw_if_utf8.
std::size_t plain_run(std::string_view path, std::size_t i, NonAscii non_ascii) {
  auto c = static_cast<unsigned char>(path[i]);
  if (c < 0x20 || c == 0x7f) return 0;
  if (c < 0x80) return 1;
  switch (non_ascii) {
    case NonAscii::quoted: return 0;
    case NonAscii::raw: return 1;
    case NonAscii::raw_if_utf8: return utf8_sequence_length(path.substr(i));
  }
  return 0;
}

// `c` as git writes it in a quoted path: a C escape, or three octal digits.
void append_escape(std::string& out, unsigned char c) {
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
    default: out += fmt::format("\\{:03o}", c);
  }
}

std::string quote(std::string_view path, NonAscii non_ascii) {
  bool plain = true;
  for (std::size_t i = 0; i < path.size() && plain;) {
    std::size_t n = plain_run(path, i, non_ascii);
    if (n == 0 || path[i] == '"' || path[i] == '\\') plain = false;
    i += n;
  }
  if (plain) return std::string(path);
  std::string out = "\"";
  for (std::size_t i = 0; i < path.size();) {
    auto c = static_cast<unsigned char>(path[i]);
    std::size_t n = plain_run(path, i, non_ascii);
    if (n > 0 && c != '"' && c != '\\') {
      out.append(path, i, n);
      i += n;
      continue;
    }
    append_escape(out, c);
    ++i;
  }
  out += '"';
  return out;
}

}  // namespace

std::string quote_path(std::string_view path, bool quote_non_ascii) {
  return quote(path, quote_non_ascii ? NonAscii::quoted : NonAscii::raw);
}

std::string quote_path_utf8(std::string_view path) { return quote(path, NonAscii::raw_if_utf8); }

std::string escape_control_utf8(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = text[i] == '\t' ? 1 : plain_run(text, i, NonAscii::raw_if_utf8);
    if (n == 0) {
      append_escape(out, static_cast<unsigned char>(text[i++]));
    } else {
      out.append(text, i, n);
      i += n;
    }
  }
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

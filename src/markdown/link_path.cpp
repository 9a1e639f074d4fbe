// Destination text handling shared by every rewriter and the link checker.
#include "gitreorg/markdown/link_path.hpp"

#include "gitreorg/core/path.hpp"
#include "gitreorg/markdown/html_entities.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

namespace gitreorg::markdown {
namespace {

std::vector<std::string_view> split_segments(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    std::size_t slash = s.find('/', start);
    if (slash == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, slash - start));
    start = slash + 1;
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, unsigned long cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;  // as CommonMark
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Percent-encodes the bytes of one path segment that `syntax` cannot carry as they are.
std::string encode_segment(std::string_view seg, Syntax syntax, bool encode_spaces, bool encode_non_ascii) {
  if (syntax == Syntax::plain) return std::string(seg);
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (char ch : seg) {
    auto c = static_cast<unsigned char>(ch);
    bool enc = c < 0x20 || c == 0x7F || c == '%' || c == '?' || c == '#';
    if (c == ' ') enc = encode_spaces || syntax != Syntax::markdown_angle;
    if (c >= 0x80) enc = encode_non_ascii;
    if (syntax == Syntax::markdown || syntax == Syntax::markdown_angle)
      enc = enc || c == '(' || c == ')' || c == '<' || c == '>' || c == '\\' || c == '[' || c == ']';
    if (syntax == Syntax::html) enc = enc || c == '"' || c == '\'' || c == '<' || c == '>' || c == '&';
    // GitHub's own URLs (its permalinks: encodeURI, plus `#` and `?`), and `'`, `(`, `)`, which end a
    // URL in text (github_urls.cpp), so that the URL written is found whole again.
    if (syntax == Syntax::url) enc = enc || std::string_view("\"<>[\\]^`{|}'()").find(ch) != std::string_view::npos;
    if (enc) {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

}  // namespace

SplitDestination split_destination(std::string_view raw, Syntax syntax) {
  bool markdown = syntax == Syntax::markdown || syntax == Syntax::markdown_angle;
  std::size_t cut = std::string_view::npos, hash = std::string_view::npos;
  for (std::size_t i = 0; i < raw.size() && hash == std::string_view::npos; ++i) {
    char c = raw[i];
    if (markdown && c == '\\') {  // `\#` is a character of the path
      ++i;
      continue;
    }
    if ((markdown || syntax == Syntax::html) && c == '&' && i + 1 < raw.size() && raw[i + 1] == '#') {
      std::size_t semi = raw.find(';', i);  // `&#35;` is a character, not a fragment
      if (semi != std::string_view::npos && semi - i <= 10) {
        i = semi;
        continue;
      }
    }
    if (c == '?' && cut == std::string_view::npos) cut = i;
    if (c == '#') hash = i;
  }
  if (cut == std::string_view::npos) cut = hash;
  SplitDestination d;
  d.path = raw.substr(0, cut);
  if (cut != std::string_view::npos) d.suffix = raw.substr(cut);
  if (hash != std::string_view::npos) {
    d.has_fragment = true;
    d.fragment = raw.substr(hash + 1);
  }
  return d;
}

bool has_scheme(std::string_view dest) {
  if (dest.substr(0, 2) == "//") return true;
  if (dest.empty() || !std::isalpha(static_cast<unsigned char>(dest[0]))) return false;
  for (std::size_t i = 1; i < dest.size(); ++i) {
    char c = dest[i];
    if (c == ':') return true;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '.' && c != '-') return false;
  }
  return false;
}

std::string percent_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string decode_entities(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      std::size_t semi = s.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 33) {
        std::string_view body = s.substr(i + 1, semi - i - 1);
        if (body.size() >= 2 && body[0] == '#') {
          bool is_hex = body[1] == 'x' || body[1] == 'X';
          std::string_view digits = body.substr(is_hex ? 2 : 1);
          unsigned long cp = 0;
          bool ok = !digits.empty() && digits.size() <= (is_hex ? 6u : 7u);
          for (char c : digits) {
            int v = is_hex ? hex_value(c) : (std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : -1);
            if (v < 0) ok = false;
            cp = cp * (is_hex ? 16 : 10) + static_cast<unsigned long>(v < 0 ? 0 : v);
          }
          if (ok) {
            append_utf8(out, cp);
            i = semi;
            continue;
          }
        } else if (auto text = named_entity(body)) {
          out += *text;
          i = semi;
          continue;
        }
      }
    }
    out += s[i];
  }
  return out;
}

std::string markdown_unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && std::ispunct(static_cast<unsigned char>(s[i + 1]))) {
      // An escaped `&` must not start an entity: protect it from decode_entities below.
      out += s[i + 1] == '&' ? std::string("&amp;") : std::string(1, s[i + 1]);
      ++i;
    } else {
      out += s[i];
    }
  }
  return decode_entities(out);
}

std::string decode(std::string_view raw, Syntax syntax) {
  switch (syntax) {
    case Syntax::markdown:
    case Syntax::markdown_angle: return percent_decode(markdown_unescape(raw));
    case Syntax::html: return percent_decode(decode_entities(raw));
    case Syntax::url: return percent_decode(raw);
    case Syntax::plain: return std::string(raw);
  }
  return std::string(raw);
}

std::optional<std::string> resolve_path(std::string_view base_dir, std::string_view rel) {
  std::vector<std::string_view> parts;
  if (rel.empty() || rel.front() != '/') {
    for (std::string_view seg : split_segments(base_dir))
      if (!seg.empty()) parts.push_back(seg);
  }
  for (std::string_view seg : split_segments(rel)) {
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
      continue;
    }
    parts.push_back(seg);
  }
  std::string out;
  for (std::string_view p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

std::string relative_path(std::string_view from_dir, std::string_view to) {
  std::vector<std::string_view> a, b;
  if (!from_dir.empty()) a = split_segments(from_dir);
  if (!to.empty()) b = split_segments(to);
  std::size_t common = 0;
  while (common < a.size() && common < b.size() && a[common] == b[common]) ++common;
  std::string out;
  for (std::size_t i = common; i < a.size(); ++i) out += out.empty() ? ".." : "/..";
  for (std::size_t i = common; i < b.size(); ++i) {
    if (!out.empty()) out += '/';
    out += b[i];
  }
  return out.empty() ? "." : out;
}

std::string route_keeping_path(std::string_view old_dir, std::string_view old_rel, std::string_view new_dir,
                               std::string_view new_target) {
  std::size_t up = 0;
  std::vector<std::string_view> old_down;
  for (std::string_view seg : split_segments(old_rel)) {
    if (seg.empty() || seg == ".") continue;
    if (seg != "..") {
      old_down.push_back(seg);
    } else if (!old_down.empty()) {
      return relative_path(new_dir, new_target);  // `a/../b`: no route worth keeping
    } else {
      ++up;
    }
  }
  std::vector<std::string_view> from, old_from, new_down;
  if (!new_dir.empty()) from = split_segments(new_dir);
  if (!old_dir.empty()) old_from = split_segments(old_dir);
  if (up == 0 || old_from.size() != from.size() || up > from.size()) return relative_path(new_dir, new_target);
  // The link climbs `up` levels to a turning directory, then descends; the route holds when the turn
  // still holds the target and the descent re-enters the climbed path no more than it did (a link
  // that climbed to the root on purpose keeps doing so; one that now climbs out and back in is redone).
  std::size_t turn = from.size() - up;
  if (!new_target.empty()) new_down = split_segments(new_target);
  if (new_down.size() < turn || !std::equal(from.begin(), from.begin() + turn, new_down.begin()))
    return relative_path(new_dir, new_target);
  new_down.erase(new_down.begin(), new_down.begin() + turn);
  auto reentered = [&](const std::vector<std::string_view>& dir, const std::vector<std::string_view>& down) {
    std::size_t n = 0;
    while (turn + n < dir.size() && n < down.size() && dir[turn + n] == down[n]) ++n;
    return n;
  };
  if (reentered(from, new_down) > reentered(old_from, old_down)) return relative_path(new_dir, new_target);
  std::string out;
  for (std::size_t i = 0; i < up; ++i) out += i ? "/.." : "..";
  for (std::string_view seg : new_down) out += "/" + std::string(seg);
  return out;
}

std::string encode_like(std::string_view new_path, std::string_view old_raw, Syntax syntax) {
  // Original spellings of the segments the link already had, by their decoded form.
  std::map<std::string, std::string, std::less<>> spelled;
  bool raw_space = false;
  for (std::string_view seg : split_segments(old_raw)) {
    spelled.emplace(decode(seg, syntax), std::string(seg));
    if (seg.find(' ') != std::string_view::npos) raw_space = true;
  }
  bool encode_spaces = !(syntax == Syntax::markdown_angle && raw_space);
  bool encode_non_ascii = false, raw_non_ascii = false;
  for (std::size_t i = 0; i < old_raw.size(); ++i) {
    if (old_raw[i] == '%' && i + 2 < old_raw.size() && hex_value(old_raw[i + 1]) >= 8 && hex_value(old_raw[i + 2]) >= 0)
      encode_non_ascii = true;
    if (static_cast<unsigned char>(old_raw[i]) >= 0x80) raw_non_ascii = true;
  }
  // A URL encodes non-ASCII bytes as GitHub does, unless it was written with them as they are.
  if (syntax == Syntax::url && !raw_non_ascii) encode_non_ascii = true;
  std::string out;
  bool first = true;
  for (std::string_view seg : split_segments(new_path)) {
    if (!first) out += '/';
    first = false;
    if (auto it = spelled.find(seg); it != spelled.end())
      out += it->second;
    else
      out += encode_segment(seg, syntax, encode_spaces, encode_non_ascii);
  }
  return out;
}

std::string retarget(std::string_view old_raw_path, Syntax syntax, std::string_view old_dir, std::string_view new_dir,
                     std::string_view new_target) {
  bool root_relative = !old_raw_path.empty() && old_raw_path.front() == '/';
  bool dot_prefix = old_raw_path.substr(0, 2) == "./" || old_raw_path == ".";
  bool trailing = old_raw_path.size() > 1 && old_raw_path.back() == '/';
  std::string path;
  if (root_relative) {
    path = "/" + std::string(new_target);
  } else {
    path = route_keeping_path(old_dir, decode(old_raw_path, syntax), new_dir, new_target);
    if (path != "." && dot_prefix && path.substr(0, 3) != "../") {
      path = "./" + path;
    }
  }
  if (trailing && path.back() != '/') path += '/';
  return encode_like(path, old_raw_path, syntax);
}

}  // namespace gitreorg::markdown

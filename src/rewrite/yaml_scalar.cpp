// Scalar extents in YAML source. Marks are byte offsets from the first byte after a BOM; a scalar's
// mark is its first byte (the quote, or the `|` / `>` of a block scalar).
#include "rewrite/yaml_scalar.hpp"

#include <cctype>

namespace gitreorg::rewrite {
namespace {

using Syntax = MappedValue::Syntax;

void push(MappedValue& v, char c, std::size_t from, std::size_t to) {
  v.value += c;
  v.from.push_back(from);
  v.to.push_back(to);
}

std::size_t line_end(std::string_view t, std::size_t pos) {
  std::size_t e = t.find('\n', pos);
  return e == std::string_view::npos ? t.size() : e;
}

}  // namespace

std::optional<YAML::Node> load_yaml(std::string_view text, YAML::Mark* error_at, std::string* error) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    if (error_at) *error_at = e.mark;
    if (error) *error = e.msg;
    return std::nullopt;
  }
}

std::size_t yaml_mark_offset(std::string_view text) { return text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0; }

std::optional<YamlScalar> locate_scalar(std::string_view t, const YAML::Node& node, bool in_flow) {
  if (!node.IsScalar() || node.Mark().pos < 0) return std::nullopt;
  std::optional<YamlScalar> s = scalar_at(t, static_cast<std::size_t>(node.Mark().pos) + yaml_mark_offset(t), in_flow);
  // A block scalar's value is its lines as written (yaml-cpp's is folded and chomped).
  if (!s || (s->style != '|' && s->style != '>' && s->value.value != node.Scalar())) return std::nullopt;
  return s;
}

std::optional<YamlScalar> scalar_at(std::string_view t, std::size_t pos, bool in_flow) {
  if (pos >= t.size()) return std::nullopt;
  YamlScalar s;
  s.begin = pos;
  char c = t[pos];
  if (c == '\'') {
    s.style = c;
    s.value.syntax = Syntax::yaml_single;
    std::size_t j = pos + 1;
    for (;; ++j) {
      if (j >= t.size() || t[j] == '\n' || t[j] == '\r') return std::nullopt;
      if (t[j] == '\'') {
        if (j + 1 < t.size() && t[j + 1] == '\'') {
          push(s.value, '\'', j, j + 2);
          ++j;
          continue;
        }
        break;
      }
      push(s.value, t[j], j, j + 1);
    }
    s.end = j + 1;
  } else if (c == '"') {
    s.style = c;
    s.value.syntax = Syntax::yaml_double;
    std::size_t j = pos + 1;
    while (true) {
      if (j >= t.size() || t[j] == '\n' || t[j] == '\r') return std::nullopt;
      if (t[j] == '"') break;
      if (t[j] == '\\') {
        if (j + 1 >= t.size()) return std::nullopt;
        char e = t[j + 1];
        char d = e == 'n' ? '\n' : e == 't' ? '\t' : e;
        if (e == 'x' || e == 'u' || e == 'U') return std::nullopt;
        push(s.value, d, j, j + 2);
        j += 2;
        continue;
      }
      push(s.value, t[j], j, j + 1);
      ++j;
    }
    s.end = j + 1;
  } else if (c == '|' || c == '>') {
    s.style = c;
    std::size_t j = line_end(t, pos);
    if (j >= t.size()) return std::nullopt;
    ++j;
    std::size_t indent = std::string::npos;
    std::size_t last = j;
    while (j < t.size()) {
      std::size_t e = line_end(t, j);
      std::size_t content_end = e > j && t[e - 1] == '\r' ? e - 1 : e;
      std::size_t k = j;
      while (k < content_end && t[k] == ' ') ++k;
      if (k == content_end) {  // blank line
        if (e < t.size()) push(s.value, '\n', e, e + 1);
        j = e + 1;
        continue;
      }
      if (indent == std::string::npos) indent = k - j;
      if (k - j < indent) break;
      for (std::size_t i = j + indent; i < content_end; ++i) push(s.value, t[i], i, i + 1);
      if (e < t.size()) push(s.value, '\n', e, e + 1);
      last = e;
      j = e + 1;
    }
    s.end = last;
    return s;
  } else {
    std::size_t e = line_end(t, pos);
    std::size_t j = pos;
    for (; j < e; ++j) {
      char d = t[j];
      if (d == '#' && j > pos && (t[j - 1] == ' ' || t[j - 1] == '\t')) break;
      if (in_flow && (d == ',' || d == ']' || d == '}')) break;
      if (d == ':' && (j + 1 == e || t[j + 1] == ' ' || t[j + 1] == '\r')) break;
    }
    while (j > pos && (t[j - 1] == ' ' || t[j - 1] == '\t' || t[j - 1] == '\r')) --j;
    for (std::size_t i = pos; i < j; ++i) push(s.value, t[i], i, i + 1);
    s.end = j;
  }
  return s;
}

std::string quote_scalar(std::string_view value, char style) {
  if (style == 0) {
    bool needs = value.empty() || std::string_view("*!&[]{}'\"|>%@`#,?:-").find(value[0]) != std::string_view::npos ||
                 value.find(": ") != std::string_view::npos || value.find(" #") != std::string_view::npos ||
                 value.back() == ' ' || value.back() == ':';
    if (!needs) return std::string(value);
    style = '\'';
  }
  std::string out(1, style);
  for (char c : value) {
    if (style == '\'' && c == '\'') out += '\'';
    if (style == '"' && (c == '"' || c == '\\')) out += '\\';
    out += c;
  }
  out += style;
  return out;
}

}  // namespace gitreorg::rewrite

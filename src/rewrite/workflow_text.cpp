// A workflow read by the shape of its lines. A `run: |` block is taken to end where its author meant
// it to: a heredoc terminator at column 0 (`EOF`), which ends the block scalar for a YAML parser, is
// still part of the script.
#include "rewrite/workflow_text.hpp"

#include <cctype>
#include <optional>
#include <string>

#include "rewrite/workflow_filters.hpp"
#include "rewrite/yaml_scalar.hpp"

namespace gitreorg::rewrite {
namespace {

struct Line {
  std::size_t begin = 0, end = 0;  // end: before "\n" or "\r\n"
};

std::vector<Line> split_lines(std::string_view t) {
  std::vector<Line> out;
  for (std::size_t b = 0; b < t.size();) {
    std::size_t e = t.find('\n', b);
    std::size_t next = e == std::string_view::npos ? t.size() : e + 1;
    if (e == std::string_view::npos) e = t.size();
    if (e > b && t[e - 1] == '\r') --e;
    out.push_back({b, e});
    b = next;
  }
  return out;
}

// A line as YAML would see it: where its content starts, behind a comment marker or not, and where
// the key is (after a `- ` that starts a list item).
struct Shape {
  bool blank = true;
  bool commented = false;
  bool item = false;      // `- ...`
  std::size_t indent = 0;  // columns before the content (before `#` when commented)
  std::size_t key = 0;     // offset of what follows `- ` (or of the content)
};

class TextReader {
 public:
  TextReader(std::string_view path, std::string_view text, const MovedTree& tree, const PathMentions& mentions,
             bool commented_only, diag::Sink& sink, std::vector<core::Edit>& edits, std::vector<ReviewItem>& review)
      : path_(path), t_(text), mentions_(mentions), commented_only_(commented_only), edits_(edits), review_(review),
        index_(text), lines_(split_lines(text)), filters_(path, text, index_, tree, sink, edits) {}

  TextWorkflow run() {
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      Shape s = shape(lines_[i]);
      if (s.blank) continue;
      std::size_t v;
      if (!s.commented && (v = after_key(lines_[i], s.key, "run"))) {
        i = run_script(i, s, v);
      } else if ((v = after_key(lines_[i], s.key, "paths")) || (v = after_key(lines_[i], s.key, "paths-ignore"))) {
        i = filter_list(i, s, v);
      } else if (!s.commented && !commented_only_ && (v = after_key(lines_[i], s.key, "working-directory"))) {
        path_value(lines_[i], v, false);
      } else if (!s.commented && !commented_only_ && (v = after_key(lines_[i], s.key, "uses"))) {
        path_value(lines_[i], v, true);
      }
    }
    return out_;
  }

 private:
  std::size_t skip_spaces(std::size_t i, std::size_t end) const {
    while (i < end && (t_[i] == ' ' || t_[i] == '\t')) ++i;
    return i;
  }

  Shape shape(const Line& l) const {
    Shape s;
    std::size_t p = skip_spaces(l.begin, l.end);
    if (p == l.end) return s;
    s.indent = p - l.begin;
    if (t_[p] == '#') {
      s.commented = true;
      while (p < l.end && t_[p] == '#') ++p;
      p = skip_spaces(p, l.end);
      if (p == l.end) return s;
    }
    s.blank = false;
    if (t_[p] == '-' && (p + 1 == l.end || t_[p + 1] == ' ')) {
      s.item = true;
      p = skip_spaces(p + 1, l.end);
    }
    s.key = p;
    return s;
  }

  // `name:` at `at`: the offset of its value (spaces skipped), else 0.
  std::size_t after_key(const Line& l, std::size_t at, std::string_view name) const {
    std::size_t e = at + name.size();
    if (e > l.end || t_.substr(at, name.size()) != name) return 0;
    e = skip_spaces(e, l.end);
    if (e >= l.end || t_[e] != ':' || (e + 1 < l.end && t_[e + 1] != ' ' && t_[e + 1] != '\t')) return 0;
    return skip_spaces(e + 1, l.end);
  }

  // The heredoc a script line opens (`<<EOF`, `<< 'EOF'`, `<<-"END"`): its terminator, else "".
  std::string heredoc(const Line& l) const {
    for (std::size_t i = t_.find("<<", l.begin); i != std::string_view::npos && i + 2 <= l.end; i = t_.find("<<", i + 2)) {
      if ((i > l.begin && t_[i - 1] == '<') || (i + 2 < l.end && t_[i + 2] == '<')) continue;
      std::size_t j = i + 2;
      if (j < l.end && t_[j] == '-') ++j;
      j = skip_spaces(j, l.end);
      while (j < l.end && (t_[j] == '\'' || t_[j] == '"' || t_[j] == '\\')) ++j;
      std::size_t w = j;
      while (j < l.end && (std::isalnum(static_cast<unsigned char>(t_[j])) || t_[j] == '_')) ++j;
      if (j > w) return std::string(t_.substr(w, j - w));
    }
    return "";
  }

  std::string trimmed(const Line& l) const {
    std::size_t b = skip_spaces(l.begin, l.end), e = l.end;
    while (e > b && (t_[e - 1] == ' ' || t_[e - 1] == '\t')) --e;
    return std::string(t_.substr(b, e - b));
  }

  // `run:` at line i: a one-line script or a block; returns the block's last line.
  std::size_t run_script(std::size_t i, const Shape& s, std::size_t v) {
    const Line& l = lines_[i];
    static const std::vector<MentionBase> root{{"", ""}};
    if (v < l.end && (t_[v] == '|' || t_[v] == '>')) {
      std::size_t key_col = s.key - l.begin, last = i;
      std::string terminator;
      for (std::size_t j = i + 1; j < lines_.size(); ++j) {
        const Line& b = lines_[j];
        std::size_t p = skip_spaces(b.begin, b.end);
        if (!terminator.empty()) {
          if (trimmed(b) == terminator) terminator.clear();
          last = j;
          continue;
        }
        if (p == b.end) continue;
        if (p - b.begin <= key_col) break;
        terminator = heredoc(b);
        last = j;
      }
      if (last > i && !commented_only_)
        mentions_.rewrite_range(path_, t_, lines_[i + 1].begin, lines_[last].end, root, index_, edits_, review_);
      return last;
    }
    if (v < l.end && t_[v] != '#' && !commented_only_)
      if (std::optional<YamlScalar> sc = scalar_at(t_, v, false))
        mentions_.rewrite_mapped(path_, t_, sc->value, root, index_, edits_, review_);
    return i;
  }

  void path_value(const Line& l, std::size_t v, bool local_action) {
    if (v >= l.end || t_[v] == '#') return;
    std::optional<YamlScalar> sc = scalar_at(t_, v, false);
    if (!sc || (local_action && !sc->value.value.starts_with("./"))) return;
    rewrite_path_scalar(path_, t_, *sc, mentions_, index_, edits_, review_);
  }

  // The event a key at line i belongs to: the nearest line above it indented less (`push:`).
  std::string parent_key(std::size_t i, std::size_t indent) const {
    while (i-- > 0) {
      Shape s = shape(lines_[i]);
      if (s.blank || s.commented || s.indent >= indent) continue;
      std::size_t colon = t_.find(':', s.key);
      if (colon == std::string_view::npos || colon > lines_[i].end) return "";
      return std::string(t_.substr(s.key, colon - s.key));
    }
    return "";
  }

  std::optional<FilterEntry> entry_at(std::size_t pos, bool in_flow) const {
    std::optional<YamlScalar> sc = scalar_at(t_, pos, in_flow);
    if (!sc || sc->style == '|' || sc->style == '>' || sc->value.value.empty()) return std::nullopt;
    return FilterEntry{sc->value.value, sc, pos};
  }

  // `paths:` or `paths-ignore:` at line i (`v`: its value); returns the list's last line.
  std::size_t filter_list(std::size_t i, const Shape& key, std::size_t v) {
    const Line& l = lines_[i];
    std::string name(t_.substr(key.key, t_.find(':', key.key) - key.key));
    while (!name.empty() && name.back() == ' ') name.pop_back();
    std::string event = parent_key(i, key.indent);
    std::string where = (event.empty() ? "" : "on." + event + ".") + name;
    std::vector<FilterEntry> active, commented;
    std::vector<FilterEntry>& mine = key.commented ? commented : active;
    std::size_t last = i;
    bool flow = v < l.end && t_[v] == '[';
    if (flow) {
      std::vector<FilterEntry> items;
      std::size_t p = v + 1;
      bool closed = false;
      while (true) {
        p = skip_spaces(p, l.end);
        if (p < l.end && t_[p] == ']') {
          closed = true;
          break;
        }
        std::optional<FilterEntry> e = p < l.end ? entry_at(p, true) : std::nullopt;
        if (!e) break;
        p = skip_spaces(e->scalar->end, l.end);
        items.push_back(std::move(*e));
        if (p < l.end && t_[p] == ',') ++p;
      }
      if (closed) mine = std::move(items);
    } else if (v == l.end || t_[v] == '#') {
      for (std::size_t j = i + 1; j < lines_.size(); ++j) {
        Shape s = shape(lines_[j]);
        if (s.blank) continue;
        if (!s.commented && (key.commented || !s.item || s.indent < key.indent)) break;
        if (!s.item) continue;  // a comment inside the list
        last = j;
        if (std::optional<FilterEntry> e = entry_at(s.key, false)) (s.commented ? commented : active).push_back(std::move(*e));
      }
    }
    bool changed = false;
    if (!key.commented) out_.path_filters = true;
    if (!active.empty() && !commented_only_ && filters_.rewrite(active, flow, where, true, key.key, changed) && changed)
      ++out_.changed_filters;
    for (const FilterEntry& e : commented) {
      std::size_t before = edits_.size();
      filters_.rewrite({e}, flow, where + " (commented out)", false, e.pos, changed);
      if (edits_.size() > before) ++out_.commented_filters;
    }
    return last;
  }

  std::string_view path_, t_;
  const PathMentions& mentions_;
  bool commented_only_;
  std::vector<core::Edit>& edits_;
  std::vector<ReviewItem>& review_;
  core::LineIndex index_;
  std::vector<Line> lines_;
  FilterListEditor filters_;
  TextWorkflow out_;
};

}  // namespace

TextWorkflow rewrite_workflow_as_text(std::string_view path, std::string_view text, const MovedTree& tree,
                                      const PathMentions& mentions, bool commented_only, diag::Sink& sink,
                                      std::vector<core::Edit>& edits, std::vector<ReviewItem>& review) {
  return TextReader(path, text, tree, mentions, commented_only, sink, edits, review).run();
}

}  // namespace gitreorg::rewrite

// A workflow read by the shape of its lines. A `run: |` block is taken to end where its author meant
// it to: a heredoc terminator at column 0 (`EOF`), which ends the block scalar for a YAML parser, is
// still part of the script.
#include "rewrite/workflow_text.hpp"

#include <cctype>
#include <optional>
#include <string>

#include "gitreorg/markdown/link_path.hpp"
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
    // The lines of every `run:` block first: they are script, not keys, when looking for a step's
    // working directory.
    script_.assign(lines_.size(), false);
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      Shape s = shape(lines_[i]);
      std::size_t v;
      if (s.blank || s.commented || !(v = after_key(lines_[i], s.key, "run"))) continue;
      std::size_t last = block_last(i, s, v);
      for (std::size_t j = i + 1; j <= last; ++j) script_[j] = true;
      i = last;
    }
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

  // The last line of the `run:` at line i (`v`: its value): i itself for a one-line script.
  std::size_t block_last(std::size_t i, const Shape& s, std::size_t v) const {
    const Line& l = lines_[i];
    if (v >= l.end || (t_[v] != '|' && t_[v] != '>')) return i;
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
    return last;
  }

  // `run:` at line i: a one-line script or a block; returns the block's last line.
  std::size_t run_script(std::size_t i, const Shape& s, std::size_t v) {
    const Line& l = lines_[i];
    std::size_t last = block_last(i, s, v);
    if (commented_only_) return last;
    std::vector<MentionBase> bases = run_bases(i);
    if (last > i) {
      mentions_.rewrite_range(path_, t_, lines_[i + 1].begin, lines_[last].end, bases, index_, edits_, review_);
    } else if (v < l.end && t_[v] != '#') {
      if (std::optional<YamlScalar> sc = scalar_at(t_, v, false))
        mentions_.rewrite_mapped(path_, t_, sc->value, bases, index_, edits_, review_);
    }
    return last;
  }

  // Keys are found by the column they start at; script lines, comments and blank lines are skipped.
  bool is_key_line(std::size_t j, Shape& s) const {
    s = shape(lines_[j]);
    return !s.blank && !s.commented && !script_[j];
  }
  std::size_t column(std::size_t j, const Shape& s) const { return s.key - lines_[j].begin; }

  // The key `name` of the mapping line i belongs to (a step: from its `- ` to the next one).
  std::optional<std::size_t> sibling(std::size_t i, std::string_view name) const {
    Shape s;
    if (!is_key_line(i, s)) return std::nullopt;
    std::size_t col = column(i, s);
    if (after_key(lines_[i], s.key, name)) return i;
    for (std::size_t j = i; !s.item && j-- > 0;) {
      Shape above;
      if (!is_key_line(j, above) || column(j, above) > col) continue;
      if (column(j, above) < col) break;
      if (after_key(lines_[j], above.key, name)) return j;
      if (above.item) break;  // the mapping's first key
    }
    for (std::size_t j = i + 1; j < lines_.size(); ++j) {
      if (!is_key_line(j, s) || column(j, s) > col) continue;
      if (column(j, s) < col || s.item) break;
      if (after_key(lines_[j], s.key, name)) return j;
    }
    return std::nullopt;
  }

  // The key `name` right below the key at line k.
  std::optional<std::size_t> child(std::size_t k, std::string_view name) const {
    Shape s;
    if (!is_key_line(k, s)) return std::nullopt;
    std::size_t col = column(k, s);
    std::optional<std::size_t> inner;
    for (std::size_t j = k + 1; j < lines_.size(); ++j) {
      if (!is_key_line(j, s)) continue;
      if (column(j, s) <= col) break;
      if (!inner) inner = column(j, s);
      if (column(j, s) == *inner && after_key(lines_[j], s.key, name)) return j;
    }
    return std::nullopt;
  }

  // The key line holding the mapping line i belongs to (a step's `steps:`).
  std::optional<std::size_t> parent(std::size_t i) const {
    Shape s;
    if (!is_key_line(i, s)) return std::nullopt;
    std::size_t col = column(i, s);
    for (std::size_t j = i; j-- > 0;)
      if (is_key_line(j, s) && column(j, s) < col) return j;
    return std::nullopt;
  }

  // `defaults.run.working-directory` below the key line `defaults` (nullopt: none).
  std::optional<std::size_t> default_wd(std::optional<std::size_t> defaults) const {
    if (!defaults) return std::nullopt;
    std::optional<std::size_t> run = child(*defaults, "run");
    return run ? child(*run, "working-directory") : std::nullopt;
  }

  // Where the script of the `run:` at line i is read from: the step's `working-directory:`, else its
  // job's `defaults.run.working-directory`, else the workflow's; the root when there is none.
  std::vector<MentionBase> run_bases(std::size_t i) const {
    std::optional<std::size_t> wd = sibling(i, "working-directory");
    std::optional<std::size_t> steps = parent(i);
    if (!wd && steps && sibling(*steps, "steps") == steps) wd = default_wd(sibling(*steps, "defaults"));
    for (std::size_t j = 0; !wd && j < lines_.size(); ++j) {
      Shape s;
      if (is_key_line(j, s) && column(j, s) == 0 && !s.item && after_key(lines_[j], s.key, "defaults")) wd = default_wd(j);
    }
    if (!wd) return {{"", ""}};
    Shape s = shape(lines_[*wd]);
    std::optional<YamlScalar> sc = scalar_at(t_, after_key(lines_[*wd], s.key, "working-directory"), false);
    if (!sc || sc->value.value.find("${{") != std::string::npos) return {};  // an expression: nobody knows
    std::optional<std::string> old_dir = markdown::resolve_path("", sc->value.value);
    if (!old_dir) return {};
    std::optional<std::string> new_dir = mentions_.moves().new_path(*old_dir);
    return {{*old_dir, new_dir ? *new_dir : *old_dir}};
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
    if (!active.empty() && !commented_only_ && filters_.rewrite(active, flow, where, true, key.key, changed, name == "paths") &&
        changed)
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
  std::vector<bool> script_;  // lines inside a `run:` block
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

// Workflows are parsed with yaml-cpp only to find things: every change is an edit at the bytes of one
// scalar (located from its mark), so comments, quoting, anchors, layout and line endings stay. A
// filter entry that becomes several patterns is followed by new list items copying its line's
// indentation and `- `, or, in a flow list, by `, 'pattern'`.
#include "gitreorg/rewrite/workflows.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>

#include "gitreorg/core/path.hpp"
#include "gitreorg/markdown/link_path.hpp"
#include "gitreorg/rewrite/reference_kind.hpp"
#include "rewrite/yaml_scalar.hpp"

namespace gitreorg::rewrite {
namespace {

bool is_yaml_name(std::string_view p) { return p.ends_with(".yml") || p.ends_with(".yaml"); }

// `paths` or `paths-ignore` filters on any event.
bool has_path_filters(const YAML::Node& root) {
  if (!root.IsMap() || !root["on"] || !root["on"].IsMap()) return false;
  for (const auto& ev : root["on"])
    if (ev.second.IsMap() && (ev.second["paths"] || ev.second["paths-ignore"])) return true;
  return false;
}

std::string join_quoted(const std::vector<std::string>& patterns, char style, std::string_view sep) {
  std::string out;
  for (const std::string& p : patterns) {
    if (!out.empty()) out += sep;
    out += quote_scalar(p, style);
  }
  return out;
}

class WorkflowRewriter {
 public:
  WorkflowRewriter(std::string_view path, std::string_view text, const MovedTree& tree, const PathMentions& mentions,
                   diag::Sink& sink, std::vector<ReviewItem>& review)
      : path_(path), text_(text), tree_(tree), mentions_(mentions), sink_(sink), review_(review), lines_(text) {}

  WorkflowResult run(const YAML::Node& doc) {
    if (doc["on"] && doc["on"].IsMap()) {
      for (const auto& ev : doc["on"]) {
        if (!ev.second.IsMap()) continue;
        for (const char* key : {"paths", "paths-ignore"}) {
          const YAML::Node list = ev.second[key];
          if (list && list.IsSequence()) filter_list(list, "on." + ev.first.as<std::string>() + "." + key);
        }
      }
    }
    std::optional<std::string> root_wd = working_directory(doc["defaults"]);
    if (doc["jobs"] && doc["jobs"].IsMap()) {
      for (const auto& job : doc["jobs"]) {
        if (!job.second.IsMap()) continue;
        std::optional<std::string> wd = working_directory(job.second["defaults"]);
        if (!wd) wd = root_wd;
        local_uses(job.second["uses"]);
        steps(job.second["steps"], wd);
      }
    }
    if (doc["runs"] && doc["runs"].IsMap()) steps(doc["runs"]["steps"], std::nullopt);
    hash_files(doc, false);
    return finish();
  }

 private:
  void filter_list(const YAML::Node& list, const std::string& where) {
    bool flow = list.Style() == YAML::EmitterStyle::Flow;
    std::vector<Glob> before, after;
    bool changed = false;
    for (const YAML::Node& item : list) {
      if (!item.IsScalar()) return;
      std::optional<Glob> g = Glob::parse(item.Scalar(), GlobDialect::github_filter);
      if (!g) return;
      before.push_back(*g);
      GlobTransform t = transform_glob(*g, tree_);
      std::optional<YamlScalar> s = locate_scalar(text_, item, flow);
      if (t.status == GlobTransform::Status::unchanged) {
        after.push_back(*g);
        continue;
      }
      if (t.status == GlobTransform::Status::impossible || !s) {
        after.push_back(*g);
        changed = true;
        warn(item, "filter `" + g->text() + "` in `" + where + "` cannot follow the move (it matched " +
                       std::to_string(t.matched) + " files); left as is");
        continue;
      }
      for (const std::string& p : t.patterns) after.push_back(*Glob::parse(p, GlobDialect::github_filter));
      replace_with_list(*s, t.patterns, flow, "workflow-filter");
    }
    if (!changed && select_old(before, tree_) != select_new(after, tree_)) changed = true;
    if (changed) {
      ++changed_;
      warn(list, "`" + where + "` selects different files after the move");
    }
  }

  // Replaces the scalar `s` by `patterns`: the first in its place, the others after it.
  void replace_with_list(const YamlScalar& s, const std::vector<std::string>& patterns, bool flow, const char* kind) {
    int line = lines_.line(s.begin);
    std::string original(text_.substr(s.begin, s.end - s.begin));
    if (patterns.size() == 1 || flow) {
      edits_.push_back(core::Edit{s.begin, s.end - s.begin, join_quoted(patterns, s.style, ", "), line, kind, original});
      return;
    }
    edits_.push_back(core::Edit{s.begin, s.end - s.begin, quote_scalar(patterns[0], s.style), line, kind, original});
    std::size_t line_start = s.begin == 0 ? 0 : text_.rfind('\n', s.begin - 1);
    line_start = line_start == std::string_view::npos ? 0 : (s.begin == 0 ? 0 : line_start + 1);
    std::string lead(text_.substr(line_start, s.begin - line_start));
    std::size_t spaces = lead.find_first_not_of(' ');
    if (spaces == std::string::npos || lead.substr(spaces) != "- ") lead = std::string(spaces == std::string::npos ? lead.size() : spaces, ' ') + "- ";
    std::size_t e = text_.find('\n', s.end);
    std::string eol = e != std::string_view::npos && e > 0 && text_[e - 1] == '\r' ? "\r\n" : "\n";
    std::string added;
    for (std::size_t i = 1; i < patterns.size(); ++i) {
      std::string item = lead + quote_scalar(patterns[i], s.style);
      added += e == std::string_view::npos ? eol + item : item + eol;
    }
    std::size_t at = e == std::string_view::npos ? text_.size() : e + 1;
    edits_.push_back(core::Edit{at, 0, added, line, kind, ""});
  }

  std::optional<std::string> working_directory(const YAML::Node& defaults) {
    if (!defaults || !defaults.IsMap() || !defaults["run"] || !defaults["run"].IsMap()) return std::nullopt;
    const YAML::Node wd = defaults["run"]["working-directory"];
    if (!wd || !wd.IsScalar()) return std::nullopt;
    path_scalar(wd);
    return wd.Scalar();
  }

  void local_uses(const YAML::Node& uses) {
    if (uses && uses.IsScalar() && uses.Scalar().rfind("./", 0) == 0) path_scalar(uses);
  }

  void steps(const YAML::Node& list, const std::optional<std::string>& default_wd) {
    if (!list || !list.IsSequence()) return;
    for (const YAML::Node& step : list) {
      if (!step.IsMap()) continue;
      std::optional<std::string> wd = default_wd;
      if (const YAML::Node w = step["working-directory"]; w && w.IsScalar()) {
        path_scalar(w);
        wd = w.Scalar();
      }
      local_uses(step["uses"]);
      if (const YAML::Node r = step["run"]; r && r.IsScalar()) script(r, wd);
    }
  }

  // A scalar whose whole value is a path relative to the repository root.
  void path_scalar(const YAML::Node& node) {
    std::optional<YamlScalar> s = locate_scalar(text_, node, false);
    if (!s || s->value.value.empty()) return;
    const std::vector<MentionBase> root{{"", ""}};
    const std::string& v = s->value.value;
    if (v.find("${{") != std::string::npos) {
      mentions_.rewrite_mapped(path_, text_, s->value, root, lines_, edits_, review_);
      return;
    }
    MentionOutcome o = mentions_.rewrite_word(v, root, false, true);
    std::size_t from = s->value.from.front(), to = s->value.to.back();
    std::string raw(text_.substr(from, to - from));
    if (o.status == MentionOutcome::Status::review) review_.push_back({std::string(path_), lines_.line(from), raw, o.reason});
    if (o.status != MentionOutcome::Status::rewritten) return;
    if (raw.size() == v.size())
      edits_.push_back(core::Edit{from, to - from, o.replacement, lines_.line(from), "workflow-path", raw});
    else
      edits_.push_back(core::Edit{s->begin, s->end - s->begin, quote_scalar(o.replacement, s->style), lines_.line(from), "workflow-path",
                            std::string(text_.substr(s->begin, s->end - s->begin))});
  }

  // A `run:` script: words read from its working directory (the root when none).
  void script(const YAML::Node& node, const std::optional<std::string>& wd) {
    std::optional<YamlScalar> s = locate_scalar(text_, node, false);
    if (!s) return;
    std::vector<MentionBase> bases;
    if (!wd) {
      bases.push_back({"", ""});
    } else if (wd->find("${{") == std::string::npos) {
      if (std::optional<std::string> old_dir = markdown::resolve_path("", *wd)) {
        std::optional<std::string> new_dir = mentions_.moves().new_path(*old_dir);
        bases.push_back({*old_dir, new_dir ? *new_dir : *old_dir});
      }
    }
    mentions_.rewrite_mapped(path_, text_, s->value, bases, lines_, edits_, review_);
  }

  void hash_files(const YAML::Node& node, bool flow) {
    // An alias is the node it names (same mark): visit each node once, so that a self-referential
    // anchor (`on: &on {x: *on}`) or a billion laughs cannot recurse forever or blow up.
    YAML::Mark mark = node.Mark();
    if (!hash_files_seen_.emplace(mark.pos, mark.line, mark.column).second) return;
    if (node.IsMap() || node.IsSequence()) {
      bool inner = node.Style() == YAML::EmitterStyle::Flow;
      if (node.IsMap()) {
        for (const auto& kv : node) hash_files(kv.second, inner);
      } else {
        for (const YAML::Node& n : node) hash_files(n, inner);
      }
      return;
    }
    if (!node.IsScalar() || node.Scalar().find("hashFiles(") == std::string::npos) return;
    std::optional<YamlScalar> s = locate_scalar(text_, node, flow);
    if (!s) return;
    const std::string& v = s->value.value;
    for (std::size_t at = v.find("hashFiles("); at != std::string::npos; at = v.find("hashFiles(", at + 1)) {
      std::size_t i = at + 10;
      while (i < v.size()) {
        while (i < v.size() && v[i] == ' ') ++i;
        if (i >= v.size() || v[i] != '\'') break;
        std::size_t a = i + 1, j = a;
        std::string arg;
        while (j < v.size()) {
          if (v[j] == '\'' && j + 1 < v.size() && v[j + 1] == '\'') {
            arg += '\'';
            j += 2;
            continue;
          }
          if (v[j] == '\'') break;
          arg += v[j++];
        }
        if (j >= v.size()) break;
        hash_argument(*s, arg, i, j + 1);
        i = j + 1;
        while (i < v.size() && v[i] == ' ') ++i;
        if (i >= v.size() || v[i] != ',') break;
        ++i;
      }
    }
  }

  // One argument `'pattern'` at value bytes [a, b) (quotes included).
  void hash_argument(const YamlScalar& s, const std::string& pattern, std::size_t a, std::size_t b) {
    std::optional<Glob> g = Glob::parse(pattern, GlobDialect::github_filter);
    if (!g) return;
    GlobTransform t = transform_glob(*g, tree_);
    if (t.status == GlobTransform::Status::unchanged) return;
    std::size_t from = s.value.from[a], to = s.value.to[b - 1];
    std::string raw(text_.substr(from, to - from));
    if (t.status == GlobTransform::Status::impossible || raw.size() != b - a) {
      ++changed_;
      sink_.warning(std::string(path_), {lines_.line(from), lines_.column(from)},
                    "hashFiles pattern `" + pattern + "` cannot follow the move; left as is");
      return;
    }
    std::string repl;
    for (const std::string& p : t.patterns) {
      if (!repl.empty()) repl += ", ";
      repl += quote_scalar(p, '\'');
    }
    edits_.push_back(core::Edit{from, to - from, repl, lines_.line(from), "hash-files", raw});
  }

  void warn(const YAML::Node& node, std::string message) {
    std::size_t pos = static_cast<std::size_t>(std::max(0, node.Mark().pos)) + yaml_mark_offset(text_);
    sink_.warning(std::string(path_), {lines_.line(pos), lines_.column(pos)}, std::move(message));
  }

  // Edits sorted; a path mention overlapping a more specific edit (a hashFiles argument) is dropped.
  WorkflowResult finish() {
    WorkflowResult out;
    out.changed_filters = changed_;
    out.edits = merge_edits(std::move(edits_));
    return out;
  }

  std::string_view path_, text_;
  const MovedTree& tree_;
  const PathMentions& mentions_;
  diag::Sink& sink_;
  std::vector<ReviewItem>& review_;
  core::LineIndex lines_;
  std::vector<core::Edit> edits_;
  std::set<std::tuple<int, int, int>> hash_files_seen_;  // marks of the nodes hash_files visited
  std::size_t changed_ = 0;
};

}  // namespace

bool is_workflow_path(std::string_view path) {
  constexpr std::string_view dir = ".github/workflows/";
  return path.substr(0, dir.size()) == dir && path.find('/', dir.size()) == std::string_view::npos && is_yaml_name(path);
}

bool is_action_path(std::string_view path) {
  std::string_view name = core::base_name(path);
  return name == "action.yml" || name == "action.yaml";
}

WorkflowResult rewrite_workflow(std::string_view old_path, std::string_view text, const MovedTree& tree,
                                const PathMentions& mentions, diag::Sink& sink, std::vector<ReviewItem>& review) {
  YAML::Mark at;
  std::string why;
  std::optional<YAML::Node> root = load_yaml(text, &at, &why);
  if (!root) {
    // GitHub cannot read such a workflow either; say where, so it can be fixed before the move.
    diag::Position pos = at.is_null() ? diag::Position{} : diag::Position{at.line + 1, at.column + 1};
    sink.warning(std::string(old_path), pos, "not valid YAML (" + why + "): its paths were not updated");
    return {};
  }
  WorkflowResult out;
  // yaml-cpp throws on shapes a workflow never has (a scalar document, `on[...]` of a scalar, a map
  // as a key): such a file is left as it is.
  try {
    out = WorkflowRewriter(old_path, text, tree, mentions, sink, review).run(*root);
  } catch (const YAML::Exception& e) {
    sink.warning(std::string(old_path), {}, "not a workflow yaml-cpp can walk (" + e.msg + "): its paths were not updated");
  }
  out.path_filters = has_path_filters(*root);
  return out;
}

bool workflow_applies(const FileInput& file, const RewriteContext& ctx) {
  return ctx.moving && file.regular() && (is_workflow_path(file.old_path) || is_action_path(file.old_path));
}

KindResult workflow_rewrite(const FileInput& file, const RewriteContext& ctx, diag::Sink& sink) {
  KindResult out;
  WorkflowResult w = rewrite_workflow(file.old_path, *file.text, ctx.moved_tree, ctx.mentions, sink, out.review);
  if (w.changed_filters) out.counts["filter-changed"] = w.changed_filters;
  out.path_filters = w.path_filters && is_workflow_path(file.old_path);
  out.edits = std::move(w.edits);
  return out;
}

}  // namespace gitreorg::rewrite

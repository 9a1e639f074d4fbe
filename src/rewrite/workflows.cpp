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
#include "rewrite/workflow_filters.hpp"
#include "rewrite/workflow_text.hpp"
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
          if (list && list.IsSequence())
            filter_list(list, "on." + ev.first.as<std::string>() + "." + key, std::string_view(key) == "paths");
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
  // `exclusions`: a `paths` list, where `!` excludes (not `paths-ignore`).
  void filter_list(const YAML::Node& list, const std::string& where, bool exclusions) {
    bool flow = list.Style() == YAML::EmitterStyle::Flow;
    std::vector<FilterEntry> entries;
    for (const YAML::Node& item : list) {
      if (!item.IsScalar()) return;
      entries.push_back({item.Scalar(), locate_scalar(text_, item, flow), mark_pos(item)});
    }
    bool changed = false;
    FilterListEditor(path_, text_, lines_, tree_, sink_, edits_).rewrite(entries, flow, where, true, mark_pos(list), changed,
                                                                          exclusions);
    if (changed) ++changed_;
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
    if (std::optional<YamlScalar> s = locate_scalar(text_, node, false))
      rewrite_path_scalar(path_, text_, *s, mentions_, lines_, edits_, review_);
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

  std::size_t mark_pos(const YAML::Node& node) const {
    return static_cast<std::size_t>(std::max(0, node.Mark().pos)) + yaml_mark_offset(text_);
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

bool is_disabled_workflow_path(std::string_view path) {
  constexpr std::string_view dir = ".github/workflows/";
  if (path.substr(0, dir.size()) != dir || path.find('/', dir.size()) != std::string_view::npos || is_yaml_name(path)) return false;
  std::string_view name = path.substr(dir.size());
  std::size_t at = name.find(".yml.");
  if (at == std::string_view::npos) at = name.find(".yaml.");
  return at != std::string_view::npos && at > 0;
}

namespace {

// "3 filter entries and 2 paths": what a reading as text rewrote.
std::string text_summary(const std::vector<core::Edit>& edits) {
  std::size_t filters = 0, paths = 0;
  for (const core::Edit& e : edits) {
    if (e.kind != "workflow-filter") ++paths;
    else if (e.length > 0) ++filters;  // not the list items added after an entry
  }
  return std::to_string(filters) + " filter entries and " + std::to_string(paths) + " paths rewritten";
}

WorkflowResult as_text(std::string_view old_path, std::string_view text, const MovedTree& tree, const PathMentions& mentions,
                       bool active_filters, diag::Sink& sink, std::vector<ReviewItem>& review) {
  WorkflowResult out;
  TextWorkflow t = rewrite_workflow_as_text(old_path, text, tree, mentions, false, sink, out.edits, review);
  out.edits = merge_edits(std::move(out.edits));
  out.as_text = true;
  out.changed_filters = t.changed_filters;
  out.commented_filters = t.commented_filters;
  out.path_filters = active_filters && t.path_filters;
  return out;
}

}  // namespace

WorkflowResult rewrite_workflow(std::string_view old_path, std::string_view text, const MovedTree& tree,
                                const PathMentions& mentions, diag::Sink& sink, std::vector<ReviewItem>& review) {
  if (is_disabled_workflow_path(old_path)) {
    // GitHub does not run it, but whoever enables it again expects the new layout.
    WorkflowResult out = as_text(old_path, text, tree, mentions, false, sink, review);
    sink.note(std::string(old_path), {}, "workflow disabled by its name: read as text, " + text_summary(out.edits));
    return out;
  }
  YAML::Mark at;
  std::string why;
  std::optional<YAML::Node> root = load_yaml(text, &at, &why);
  if (!root) {
    // GitHub cannot read such a workflow either; say where, so it can be fixed, and read it as text.
    WorkflowResult out = as_text(old_path, text, tree, mentions, true, sink, review);
    diag::Position pos = at.is_null() ? diag::Position{} : diag::Position{at.line + 1, at.column + 1};
    sink.warning(std::string(old_path), pos, "not valid YAML (" + why + "): read as text, " + text_summary(out.edits));
    return out;
  }
  WorkflowResult out;
  // yaml-cpp throws on shapes a workflow never has (a scalar document, `on[...]` of a scalar, a map
  // as a key): such a file is left as it is.
  try {
    out = WorkflowRewriter(old_path, text, tree, mentions, sink, review).run(*root);
  } catch (const YAML::Exception& e) {
    sink.warning(std::string(old_path), {}, "not a workflow yaml-cpp can walk (" + e.msg + "): its paths were not updated");
  }
  // Comments are not in the YAML: commented-out filter entries are read as text.
  std::vector<core::Edit> commented;
  TextWorkflow t = rewrite_workflow_as_text(old_path, text, tree, mentions, true, sink, commented, review);
  if (t.commented_filters) {
    out.commented_filters = t.commented_filters;
    sink.note(std::string(old_path), {}, std::to_string(t.commented_filters) + " commented-out filter entries rewritten as text");
    for (core::Edit& e : commented) out.edits.push_back(std::move(e));
    out.edits = merge_edits(std::move(out.edits));
  }
  out.path_filters = has_path_filters(*root);
  return out;
}

bool workflow_applies(const FileInput& file, const RewriteContext& ctx) {
  return ctx.moving && file.regular() &&
         (is_workflow_path(file.old_path) || is_action_path(file.old_path) || is_disabled_workflow_path(file.old_path));
}

KindResult workflow_rewrite(const FileInput& file, const RewriteContext& ctx, diag::Sink& sink) {
  KindResult out;
  WorkflowResult w = rewrite_workflow(file.old_path, *file.text, ctx.moved_tree, ctx.mentions, sink, out.review);
  if (w.changed_filters) out.counts["filter-changed"] = w.changed_filters;
  if (w.as_text) out.counts["workflow-text"] = 1;
  out.read_as_text = w.as_text;
  if (w.commented_filters) out.counts["commented-filter"] = w.commented_filters;
  out.path_filters = w.path_filters && is_workflow_path(file.old_path);
  out.edits = std::move(w.edits);
  return out;
}

}  // namespace gitreorg::rewrite

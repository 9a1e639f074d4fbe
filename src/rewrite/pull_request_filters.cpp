// Simulating GitHub's path filters on the migration's pull request (see pull_request_filters.hpp).
#include "gitreorg/rewrite/pull_request_filters.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <memory>

#include "gitreorg/rewrite/glob.hpp"
#include "gitreorg/rewrite/rewrite_references.hpp"
#include "rewrite/yaml_scalar.hpp"

namespace gitreorg::rewrite {

std::vector<PullRequestFilter> pull_request_filters(std::string_view workflow_text) {
  std::vector<PullRequestFilter> out;
  std::optional<YAML::Node> root = load_yaml(workflow_text);
  if (!root || !root->IsMap()) return out;
  try {
    YAML::Node on = (*root)["on"];
    if (!on || !on.IsMap()) return out;
    for (const char* event : {"pull_request", "pull_request_target", "push"}) {
      YAML::Node ev = on[event];
      if (!ev || !ev.IsMap()) continue;
      for (const char* key : {"paths", "paths-ignore"}) {
        YAML::Node list = ev[key];
        if (!list || !list.IsSequence()) continue;
        PullRequestFilter f{event, std::string_view(key) == "paths-ignore", {}};
        for (const YAML::Node& p : list)
          if (p.IsScalar()) f.patterns.push_back(p.as<std::string>());
        out.push_back(std::move(f));
      }
    }
  } catch (const YAML::Exception&) {
    out.clear();  // a shape no workflow has: GitHub would refuse it
  }
  return out;
}

std::optional<std::size_t> first_trigger(const PullRequestFilter& filter, std::span<const std::string> changed) {
  std::vector<Glob> globs;
  for (const std::string& p : filter.patterns)
    if (std::optional<Glob> g = Glob::parse(p, GlobDialect::github_filter)) globs.push_back(std::move(*g));
  for (std::size_t i = 0; i < changed.size(); ++i) {
    // The last pattern that matches decides: included, or (with `!`) excluded again.
    bool selected = false;
    for (const Glob& g : globs)
      if (g.matches(changed[i])) selected = !g.negated();
    if (selected != filter.ignore) return i;
  }
  return std::nullopt;
}

std::vector<std::string> pull_request_files(const plan::RepositoryPlan& rp, const ReferenceRewrite& refs) {
  std::vector<std::string> out;
  for (const plan::PlannedFile& f : rp.plan.files)
    if (f.new_path != f.old_path) out.push_back(f.new_path);
  for (const FileRewrite& f : refs.files)
    if (f.old_path == f.new_path) out.push_back(f.new_path);
  for (const plan::ImportPlan& ip : rp.imports)
    if (ip.merged_by.empty())
      for (const plan::PlannedFile& f : ip.plan.files) out.push_back(f.new_path);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<PullRequestRun> pull_request_runs(const ReferenceRewrite& refs, std::span<const std::string> changed) {
  std::vector<PullRequestRun> out;
  for (const WorkflowFilters& w : refs.pull_request_filters)
    for (const PullRequestFilter& f : w.filters) {
      PullRequestRun run{w.workflow, f.event, first_trigger(f, changed), ""};
      if (run.first) run.first_path = changed[*run.first];
      out.push_back(std::move(run));
    }
  return out;
}

}  // namespace gitreorg::rewrite

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
  // The last pattern that matches decides: included, or (with `!`) excluded again.
  auto triggers = [&](const std::string& path) {
    bool selected = false;
    for (const Glob& g : globs)
      if (g.matches(path)) selected = !g.negated();
    return selected != filter.ignore;
  };
  // A `paths` list selects only files below the literal prefix of one of its patterns that is not
  // negated: in sorted `changed` those are a few ranges, so a filter for some directories costs the
  // files below them, not every changed file (at 100k files, 100 workflows).
  std::vector<std::pair<std::size_t, std::size_t>> ranges{{0, changed.size()}};
  if (!filter.ignore && std::is_sorted(changed.begin(), changed.end())) {
    ranges.clear();
    for (const Glob& g : globs) {
      if (g.negated()) continue;
      if (g.literal_prefix().empty()) {
        ranges.assign(1, {0, changed.size()});
        break;
      }
      const std::string& prefix = g.literal_prefix();
      auto lo = std::lower_bound(changed.begin(), changed.end(), prefix);
      auto hi = lo;
      while (hi != changed.end() && hi->starts_with(prefix)) ++hi;
      ranges.emplace_back(lo - changed.begin(), hi - changed.begin());
    }
    std::sort(ranges.begin(), ranges.end());
  }
  std::size_t done = 0;  // every index below it was tried
  for (auto [lo, hi] : ranges)
    for (std::size_t i = std::max(lo, done); i < hi; ++i) {
      if (triggers(changed[i])) return i;
      done = i + 1;
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

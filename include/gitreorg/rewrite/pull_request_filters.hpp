// GitHub's `paths` / `paths-ignore` filters of a workflow's pull-request and push triggers, and which
// of them the migration's pull request (and the push that merges it) triggers: GitHub reads only the
// first 300 changed files.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gitreorg/plan/repository_plan.hpp"

namespace gitreorg::rewrite {

struct ReferenceRewrite;

// One filter list of one trigger (`on.pull_request.paths`, `on.pull_request_target.paths-ignore`).
struct PullRequestFilter {
  std::string event;  // pull_request, pull_request_target or push
  bool ignore = false;  // paths-ignore: a file that matches does not trigger
  std::vector<std::string> patterns;
};

// The filters of those triggers in a workflow's text (as it reads after the migration); empty when it
// has none, or is not YAML GitHub can read.
std::vector<PullRequestFilter> pull_request_filters(std::string_view workflow_text);

// The first of `changed` (in GitHub's order) that triggers `filter`: matched by the last pattern
// that matches it, unless negated (`!`); for paths-ignore, the first that is not ignored.
std::optional<std::size_t> first_trigger(const PullRequestFilter& filter, std::span<const std::string> changed);

// GitHub evaluates `paths` filters on the first 300 changed files of a pull request.
constexpr std::size_t kGithubPathFilterLimit = 300;

// A path-filtered workflow on the migration's pull request.
struct PullRequestRun {
  std::string workflow;               // its path after the migration
  std::string event;
  std::optional<std::size_t> first;   // 0-based index of the first changed file that triggers it
  std::string first_path;
  bool runs() const { return first && *first < kGithubPathFilterLimit; }
};

// The files the migration's pull request changes, in the order GitHub lists them (git's: by path,
// bytes): every moved file and every edited one at its new path, and the imports' files.
std::vector<std::string> pull_request_files(const plan::RepositoryPlan& rp, const ReferenceRewrite& refs);

// For each workflow of refs.pull_request_filters and each of its filtered triggers, whether the
// pull request of `changed` triggers it.
std::vector<PullRequestRun> pull_request_runs(const ReferenceRewrite& refs, std::span<const std::string> changed);

}  // namespace gitreorg::rewrite

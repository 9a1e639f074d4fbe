// The read-only front of every command: load the mapping, read a commit's tree, plan, check policy.
#pragma once

#include <filesystem>
#include <string>

#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/plan/planner.hpp"
#include "gitreorg/plan/repository_plan.hpp"

namespace gitreorg::pipeline {

struct RepositoryPlanOptions {
  std::filesystem::path repo_dir = ".";
  std::string rev = "HEAD";
  plan::PlanOptions plan;
};

// Loads `mapping_path`, plans it against `options.rev` of the repository at `options.repo_dir` and
// checks the policy. Input problems go to `sink`; environment problems (no repository, unknown
// revision) throw git::GitError. Writes nothing.
plan::RepositoryPlan plan_repository(const std::string& mapping_path, const RepositoryPlanOptions& options,
                                     diag::Sink& sink);

}  // namespace gitreorg::pipeline

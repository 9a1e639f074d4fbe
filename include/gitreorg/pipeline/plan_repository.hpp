// The read-only front of every command: load the mapping, read a commit's tree, plan, check policy.
#pragma once

#include <string>

#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/git/repository.hpp"
#include "gitreorg/plan/planner.hpp"
#include "gitreorg/plan/repository_plan.hpp"

namespace gitreorg::pipeline {

struct RepositoryPlanOptions {
  std::string rev = "HEAD";
  plan::PlanOptions plan;
};

// Loads `mapping_path`, plans it against `options.rev` of `repo`, builds the move model and checks
// the policy. Input problems go to `sink`; environment problems (unknown revision) throw
// git::GitError. Writes nothing.
plan::RepositoryPlan plan_repository(const git::Repository& repo, const std::string& mapping_path,
                                     const RepositoryPlanOptions& options, diag::Sink& sink);

}  // namespace gitreorg::pipeline

// The read-only front of every command: load the mapping, read a commit's tree, plan, check policy.
#pragma once

#include <filesystem>
#include <string>

#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/planner.hpp"
#include "gitreorg/plan/tree.hpp"

namespace gitreorg::plan {

struct RepositoryPlan {
  mapping::Mapping mapping;
  std::string mapping_blob;  // git blob id of the mapping's bytes (identifies it in plans and commits)
  std::string rev;           // as given (`HEAD`, a tag, ...)
  std::string commit;        // the commit it resolved to
  Tree tree;
  Plan plan;
};

struct RepositoryPlanOptions {
  std::filesystem::path repo_dir = ".";
  std::string rev = "HEAD";
  PlanOptions plan;
};

// Loads `mapping_path`, plans it against `options.rev` of the repository at `options.repo_dir` and
// checks the policy. Input problems go to `sink`; environment problems (no repository, unknown
// revision) throw git::GitError. Writes nothing.
RepositoryPlan plan_repository(const std::string& mapping_path, const RepositoryPlanOptions& options, diag::Sink& sink);

}  // namespace gitreorg::plan

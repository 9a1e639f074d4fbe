// A plan together with what it was made from: the mapping, the commit and its tree. The data every
// stage after planning reads; pipeline::plan_repository makes it.
#pragma once

#include <string>

#include "gitreorg/core/tree.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/planner.hpp"

namespace gitreorg::plan {

struct RepositoryPlan {
  mapping::Mapping mapping;
  std::string mapping_blob;  // git blob id of the mapping's bytes (identifies it in plans and commits)
  std::string rev;           // as given (`HEAD`, a tag, ...)
  std::string commit;        // the commit it resolved to
  core::Tree tree;
  Plan plan;
};

}  // namespace gitreorg::plan

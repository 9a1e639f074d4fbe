// A plan together with what it was made from: the mapping, the commit and its tree, and the move
// model built from them. The data every stage after planning reads; pipeline::plan_repository makes it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "gitreorg/core/tree.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/import_plan.hpp"
#include "gitreorg/plan/move_model.hpp"
#include "gitreorg/plan/planner.hpp"

namespace gitreorg::plan {

// Move-only: the move model points into `tree`'s buffer.
struct RepositoryPlan {
  mapping::Mapping mapping;
  std::string mapping_blob;  // git blob id of the mapping's bytes (identifies it in plans and commits)
  std::string rev;           // as given (`HEAD`, a tag, ...)
  std::string commit;        // the commit it resolved to
  core::Tree tree;
  Plan plan;
  // The mapping as plans and commits name it: its path from the repository's root, or its file name
  // when it lies outside (a local path never lands in a commit). Empty: mapping.path is used.
  std::string mapping_name;
  std::unique_ptr<const MoveModel> moves;  // from the three above; see build_move_model
  std::vector<ImportPlan> imports;         // one per entry of `imports:` that could be read
  // The work tree's ignored paths (a directory ends in `/`, sorted): apply carries them along, so the
  // .gitignore lines that name them follow them. Empty unless planned against the checked-out HEAD.
  std::vector<std::string> ignored;
  // Set on the plan an import's own files are rewritten with (pipeline::import_urls): its history
  // (commit map, history paths), for URLs pinned to its commits.
  const ImportPlan* imported = nullptr;

  // Throws std::logic_error when the model was not built.
  const MoveModel& move_model() const;
  const std::string& mapping_display_name() const { return mapping_name.empty() ? mapping.path : mapping_name; }
};

// Builds `rp.moves` from its mapping, tree and plan, keeping `mapper` (the one the plan was made
// with) or, when null, a new one from the mapping.
void build_move_model(RepositoryPlan& rp, std::shared_ptr<const PathMapper> mapper = nullptr);

}  // namespace gitreorg::plan

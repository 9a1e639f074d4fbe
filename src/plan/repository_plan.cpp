// The move model of a repository plan, built once.
#include "gitreorg/plan/repository_plan.hpp"

#include <stdexcept>

namespace gitreorg::plan {

const MoveModel& RepositoryPlan::move_model() const {
  if (!moves) throw std::logic_error("the plan's move model was not built (plan::build_move_model)");
  return *moves;
}

void build_move_model(RepositoryPlan& rp, std::shared_ptr<const PathMapper> mapper) {
  if (!mapper) mapper = std::make_shared<const PathMapper>(rp.mapping);
  rp.moves = std::make_unique<const MoveModel>(rp.tree, rp.plan.files, std::move(mapper));
}

}  // namespace gitreorg::plan

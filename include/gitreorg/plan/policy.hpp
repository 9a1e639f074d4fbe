// Layout policy: constraints from the mapping's `policy:` checked on the planned layout.
#pragma once

#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/planner.hpp"

namespace gitreorg::plan {

// Reports every violation of `mapping.policy` by the layout `plan` produces:
// numeric-prefixed segments under the given roots, move destinations deeper than allowed,
// directories that had a README and whose files end up in a directory without one.
void check_policy(const mapping::Mapping& mapping, const Plan& plan, diag::Sink& sink);

}  // namespace gitreorg::plan

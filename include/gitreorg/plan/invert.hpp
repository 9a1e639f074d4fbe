// The inverse of a plan: rules that move the new layout back to the old one (rollback, redirect
// tables). An explicit `from` rule inverts to its `to` and `from` swapped; a `match` rule, whose
// inverse is no regex in general, to the concrete moves it made on the planned tree, swapped. The
// result is checked by planning it on the new tree: any file it would not bring back to its old path
// (a directory that two rules fill, an old file already at the destination) gets a rule of its own.
#pragma once

#include <string>
#include <vector>

#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/planner.hpp"

namespace gitreorg::plan {

struct InverseRule {
  std::string from;  // a path of the new tree
  std::string to;    // where it was
  std::string why;   // one line: the rule it inverts (`line 12: from X`), or why a file needs its own
};

struct Inverse {
  std::vector<InverseRule> rules;  // directory rules first (in the mapping's order), then per-file rules
  std::size_t files = 0;           // files the inverse moves back
};

// The inverse of `plan` (made from `mapping`); planned on the new tree it restores every file's old
// path. Throws std::logic_error if it cannot (a planner bug).
Inverse invert_plan(const mapping::Mapping& mapping, const Plan& plan);

// The inverse as rules of a mapping (kind move, no positions), to plan with.
mapping::Mapping inverse_mapping(const Inverse& inverse);

}  // namespace gitreorg::plan

// An in-memory tree of plain files for planner tests (blob ids all zero: the planner never reads them).
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "gitreorg/core/tree.hpp"

namespace gitreorg::testing {

inline core::Tree tree_of(std::vector<std::string> paths) {
  std::sort(paths.begin(), paths.end());
  core::Tree t;
  for (auto& p : paths) t.push_back({p, core::kModeFile, std::string(40, '0')});
  return t;
}

}  // namespace gitreorg::testing

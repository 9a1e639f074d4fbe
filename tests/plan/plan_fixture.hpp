// Test helper for the planner on in-memory trees (plan/tree_of.hpp): a mapping's plan (policy
// checked) with its diagnostics as "LINE:COL: message" strings by severity.
#pragma once

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/planner.hpp"
#include "gitreorg/plan/policy.hpp"
#include "plan/tree_of.hpp"

namespace gitreorg::testing {

struct PlanResult {
  diag::Sink sink;
  mapping::Mapping mapping;
  plan::Plan plan;
  std::map<std::string, std::string> moves;  // old -> new, moved files only
  std::vector<std::string> errors, warnings, notes;  // "LINE:COL: message"
};

// Loads `yaml` (a whole mapping, which must be valid), plans it on `tree` and checks its policy.
inline PlanResult plan_yaml(const std::string& yaml, const core::Tree& tree, const plan::PlanOptions& options = {}) {
  PlanResult r;
  r.mapping = mapping::load_mapping(yaml, "m.yaml", r.sink);
  REQUIRE_FALSE(r.sink.has_errors());
  r.plan = plan::plan_moves(r.mapping, tree, options, r.sink);
  plan::check_policy(r.mapping, r.plan, r.sink);
  for (auto& f : r.plan.files)
    if (f.moved()) r.moves[f.old_path] = f.new_path;
  for (auto& d : r.sink.all()) {
    std::string s = std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + ": " + d.message;
    (d.severity == diag::Severity::error ? r.errors : d.severity == diag::Severity::warning ? r.warnings : r.notes).push_back(s);
  }
  return r;
}

}  // namespace gitreorg::testing

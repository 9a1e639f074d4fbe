// The inverse of a plan, checked the only way that counts: planned on the new tree, it gives back
// every old path; `from` rules swapped, `match` rules as their concrete moves, pins where needed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/invert.hpp"
#include "gitreorg/plan/planner.hpp"
#include "plan/tree_of.hpp"

using namespace gitreorg;
using gitreorg::testing::tree_of;

namespace {

// old path -> path after the mapping and then its inverse.
std::map<std::string, std::string> round_trip(const std::string& yaml, const core::Tree& tree, plan::Inverse& inv) {
  diag::Sink sink;
  mapping::Mapping m = mapping::load_mapping(yaml, "m.yaml", sink);
  REQUIRE_FALSE(sink.has_errors());
  plan::Plan p = plan::plan_moves(m, tree, {}, sink);
  REQUIRE_FALSE(sink.has_errors());
  inv = plan::invert_plan(m, p);
  core::Tree after;
  std::map<std::string, std::string> new_of;
  for (const auto& f : p.files) {
    after.push_back({f.new_path, f.mode, f.oid});
    new_of[f.new_path] = f.old_path;
  }
  std::sort(after.begin(), after.end(), [](auto& a, auto& b) { return a.path < b.path; });
  plan::Plan back = plan::plan_moves(plan::inverse_mapping(inv), after, {}, sink);
  std::map<std::string, std::string> out;
  for (const auto& f : back.files) out[new_of.at(f.old_path)] = f.new_path;
  return out;
}

}  // namespace

TEST_CASE("invert: from rules swap, match rules invert as their concrete moves", "[plan][invert]") {
  core::Tree tree = tree_of({"1.architectures/0.common/a.md", "1.architectures/2.slurm/b.sh", "1.architectures/cheat.md",
                             "3.test_cases/FSDP/train.py", "README.md"});
  plan::Inverse inv;
  auto back = round_trip(R"(version: 1
moves:
  - from: 1.architectures
    to: architectures
  - match: '1\.architectures/\d+\.([^/]+)'
    to: 'architectures/\1'
  - from: 3.test_cases/FSDP
    to: examples/fsdp
)",
                         tree, inv);
  for (const auto& e : tree) CHECK(back.at(e.path) == e.path);
  CHECK(inv.files == 4);
  std::vector<std::string> rules;
  for (const auto& r : inv.rules) rules.push_back(r.from + " -> " + r.to + " (" + r.why + ")");
  CHECK(rules == std::vector<std::string>{
                     "architectures -> 1.architectures (line 3: from 1.architectures)",
                     "architectures/common -> 1.architectures/0.common (line 5: match 1\\.architectures/\\d+\\.([^/]+) on 1.architectures/0.common)",
                     "architectures/slurm -> 1.architectures/2.slurm (line 5: match 1\\.architectures/\\d+\\.([^/]+) on 1.architectures/2.slurm)",
                     "examples/fsdp -> 3.test_cases/FSDP (line 7: from 3.test_cases/FSDP)"});
}

TEST_CASE("invert: files the swapped rules would carry wrongly get rules of their own", "[plan][invert]") {
  // `docs/` exists already and `0.docs` joins it; two directories merge into `examples/`.
  core::Tree tree = tree_of({"0.docs/a.md", "docs/kept.md", "x/one.md", "y/two.md"});
  plan::Inverse inv;
  auto back = round_trip(R"(version: 1
moves:
  - from: 0.docs
    to: docs
  - from: x
    to: examples
  - from: y
    to: examples
)",
                         tree, inv);
  for (const auto& e : tree) CHECK(back.at(e.path) == e.path);
  std::vector<std::string> pins;
  for (const auto& r : inv.rules)
    if (r.why.rfind("line ", 0) != 0) pins.push_back(r.from + " -> " + r.to);
  CHECK(pins == std::vector<std::string>{"docs/kept.md -> docs/kept.md", "examples/two.md -> y/two.md"});
}

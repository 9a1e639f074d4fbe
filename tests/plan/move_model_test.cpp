// The move model: what a path of the old tree is and where it goes, for files and directories, and
// the new tree; it stays valid when the RepositoryPlan holding it is moved.
#include <catch2/catch.hpp>

#include "gitreorg/plan/repository_plan.hpp"

using namespace gitreorg;

namespace {

plan::RepositoryPlan make_plan(const std::string& moves_yaml, std::vector<std::string> paths) {
  diag::Sink sink;
  plan::RepositoryPlan rp;
  rp.mapping = mapping::load_mapping("version: 1\nmoves:\n" + moves_yaml, "m.yaml", sink);
  std::sort(paths.begin(), paths.end());
  for (const std::string& p : paths) rp.tree.push_back({p, core::kModeFile, "id-" + p});
  rp.plan = plan::plan_moves(rp.mapping, rp.tree, {}, sink);
  REQUIRE_FALSE(sink.has_errors());
  plan::build_move_model(rp);
  return rp;
}

}  // namespace

TEST_CASE("move model: files and directories of the old tree, and where they go", "[plan][move_model]") {
  plan::RepositoryPlan rp = make_plan(
      "  - from: 1.docs\n    to: docs\n"
      "  - from: 3.cases/a\n    to: examples/training/a\n"
      "  - from: 3.cases/b\n    to: examples/inference/b\n",
      {"1.docs/guide.md", "1.docs/img/x.png", "3.cases/a/run.sh", "3.cases/b/README.md", "README.md"});
  const plan::MoveModel& m = rp.move_model();
  CHECK(m.any_moves());
  CHECK(m.kind("1.docs") == core::PathKind::directory);
  CHECK(m.kind("1.docs/guide.md") == core::PathKind::file);
  CHECK(m.kind("nope") == core::PathKind::none);
  CHECK(m.kind("") == core::PathKind::directory);
  CHECK(m.new_path("1.docs/guide.md") == "docs/guide.md");
  CHECK(m.new_path("1.docs/img") == "docs/img");
  CHECK(m.new_path("README.md") == "README.md");
  CHECK(m.new_path("nope") == std::nullopt);
  // 3.cases is dissolved: its children go to different places, so it names the deepest common one.
  CHECK(m.dissolved("3.cases"));
  CHECK(m.new_path("3.cases") == "examples");
  CHECK_FALSE(m.dissolved("1.docs"));
  REQUIRE(m.entry("README.md") != nullptr);
  CHECK(m.entry("README.md")->oid == "id-README.md");
  CHECK(m.entry("1.docs") == nullptr);
  REQUIRE(m.mapper() != nullptr);
  CHECK(m.mapper()->map("1.docs/new-file.md", false).path == "docs/new-file.md");
}

TEST_CASE("move model: the new tree, with the rewritten files' blob ids", "[plan][move_model]") {
  plan::RepositoryPlan rp = make_plan("  - from: b\n    to: a/b\n", {"a/z.md", "b/y.md", "c.md"});
  const plan::MoveModel& m = rp.move_model();
  core::Tree plain = m.new_tree();
  REQUIRE(plain.size() == 3);
  CHECK(plain[0].path == "a/b/y.md");  // sorted by new path
  CHECK(plain[0].oid == "id-b/y.md");
  CHECK(plain[1].path == "a/z.md");
  CHECK(plain[2].path == "c.md");
  core::Tree edited = m.new_tree({{"b/y.md", "new-id"}});  // keyed by old path
  CHECK(edited[0].oid == "new-id");
  CHECK(edited[1].oid == "id-a/z.md");
}

TEST_CASE("move model: stays valid when its RepositoryPlan is moved", "[plan][move_model]") {
  std::vector<plan::RepositoryPlan> plans;
  plans.push_back(make_plan("  - from: b\n    to: a/b\n", {"b/y.md", "c.md"}));
  plans.reserve(plans.capacity() * 4);  // moves the element
  plan::RepositoryPlan moved = std::move(plans.front());
  plans.clear();
  CHECK(moved.move_model().new_path("b") == "a/b");
  REQUIRE(moved.move_model().entry("c.md") != nullptr);
  CHECK(moved.move_model().entry("c.md")->oid == "id-c.md");
  CHECK(moved.move_model().new_tree().front().path == "a/b/y.md");
  CHECK(moved.move_model().mapper()->map("b/new.md", false).path == "a/b/new.md");
}

TEST_CASE("move model: a plan without one says so", "[plan][move_model]") {
  plan::RepositoryPlan rp;
  CHECK_THROWS_AS(rp.move_model(), std::logic_error);
}

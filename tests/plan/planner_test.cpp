// The planner's rules on in-memory trees: most specific rule wins, set semantics for swaps and cycles,
// and every kind of collision reported against the mapping's positions.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/planner.hpp"
#include "gitreorg/plan/policy.hpp"
#include "plan/plan_fixture.hpp"

using namespace gitreorg;

namespace {

using testing::tree_of;
using Result = testing::PlanResult;

Result plan_of(const std::string& moves_yaml, const core::Tree& tree, bool allow_missing = false,
               const std::string& policy_yaml = "") {
  plan::PlanOptions options;
  options.allow_missing = allow_missing;
  return testing::plan_yaml("version: 1\nmoves:\n" + moves_yaml + policy_yaml, tree, options);
}

using Moves = std::map<std::string, std::string>;

}  // namespace

TEST_CASE("plan: a directory move carries every file below it; and only on segment boundaries", "[plan]") {
  auto r = plan_of("  - from: a/b\n    to: x\n", tree_of({"a/b/1", "a/b/c/2", "a/bc/3", "a/b.txt", "z"}));
  CHECK(r.errors.empty());
  CHECK(r.moves == Moves{{"a/b/1", "x/1"}, {"a/b/c/2", "x/c/2"}});
  CHECK(r.plan.moved_files == 2);
  CHECK(r.plan.rules[0].files == 2);
}

TEST_CASE("plan: the longest prefix wins and a file move overrides its directory's", "[plan]") {
  auto r = plan_of(
      "  - from: a\n    to: x\n"
      "  - from: a/b\n    to: y\n"
      "  - from: a/b/keep.md\n    to: docs/keep.md\n",
      tree_of({"a/1", "a/b/2", "a/b/keep.md", "a/b/c/3"}));
  CHECK(r.errors.empty());
  CHECK(r.moves == Moves{{"a/1", "x/1"}, {"a/b/2", "y/2"}, {"a/b/keep.md", "docs/keep.md"}, {"a/b/c/3", "y/c/3"}});
  CHECK(r.plan.rules[0].files == 1);
  CHECK(r.plan.rules[1].files == 2);
  CHECK(r.plan.rules[2].files == 1);
}

TEST_CASE("plan: rule order does not matter; only specificity", "[plan]") {
  auto r = plan_of("  - from: a/b\n    to: y\n  - from: a\n    to: x\n", tree_of({"a/1", "a/b/2"}));
  CHECK(r.moves == Moves{{"a/1", "x/1"}, {"a/b/2", "y/2"}});
}

TEST_CASE("plan: swaps and cycles are computed on the set of paths", "[plan]") {
  SECTION("swap") {
    auto r = plan_of("  - from: a\n    to: b\n  - from: b\n    to: a\n", tree_of({"a/1", "b/2"}));
    CHECK(r.errors.empty());
    CHECK(r.moves == Moves{{"a/1", "b/1"}, {"b/2", "a/2"}});
  }
  SECTION("swap of two files with the same names inside") {
    auto r = plan_of("  - from: a\n    to: b\n  - from: b\n    to: a\n", tree_of({"a/README.md", "b/README.md"}));
    CHECK(r.errors.empty());
    CHECK(r.moves == Moves{{"a/README.md", "b/README.md"}, {"b/README.md", "a/README.md"}});
  }
  SECTION("three-cycle") {
    auto r = plan_of("  - from: a\n    to: b\n  - from: b\n    to: c\n  - from: c\n    to: a\n", tree_of({"a/f", "b/f", "c/f"}));
    CHECK(r.errors.empty());
    CHECK(r.moves == Moves{{"a/f", "b/f"}, {"b/f", "c/f"}, {"c/f", "a/f"}});
  }
}

TEST_CASE("plan: a directory moved into its own subdirectory; and out of it", "[plan]") {
  auto into = plan_of("  - from: docs\n    to: docs/legacy\n", tree_of({"docs/a.md", "docs/legacy/old.md"}));
  CHECK(into.errors.empty());
  CHECK(into.moves == Moves{{"docs/a.md", "docs/legacy/a.md"}, {"docs/legacy/old.md", "docs/legacy/legacy/old.md"}});
  auto out = plan_of("  - from: docs/legacy\n    to: docs\n", tree_of({"docs/legacy/a.md"}));
  CHECK(out.errors.empty());
  CHECK(out.moves == Moves{{"docs/legacy/a.md", "docs/a.md"}});
}

TEST_CASE("plan: case-only renames", "[plan]") {
  auto r = plan_of("  - from: Docs\n    to: docs\n", tree_of({"Docs/a.md"}));
  CHECK(r.errors.empty());
  CHECK(r.warnings.empty());
  CHECK(r.moves == Moves{{"Docs/a.md", "docs/a.md"}});
}

TEST_CASE("plan: paths that differ only in case after the move are a warning", "[plan]") {
  auto r = plan_of("  - from: a\n    to: Docs\n", tree_of({"a/x.md", "docs/x.md"}));
  CHECK(r.errors.empty());
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "4:9: `Docs/x.md` and `docs/x.md` differ only in case: they collide on macOS and Windows checkouts");
}

TEST_CASE("plan: symlinks; executables and gitlinks move like files and keep mode and id", "[plan]") {
  core::Tree t{{"a/link", core::kModeSymlink, "1111111111111111111111111111111111111111"},
               {"a/run.sh", core::kModeExecutable, "2222222222222222222222222222222222222222"},
               {"a/sub", core::kModeGitlink, "3333333333333333333333333333333333333333"}};
  auto r = plan_of("  - from: a\n    to: b\n", t);
  REQUIRE(r.plan.files.size() == 3);
  CHECK(r.plan.files[0].new_path == "b/link");
  CHECK(r.plan.files[0].mode == core::kModeSymlink);
  CHECK(r.plan.files[1].mode == core::kModeExecutable);
  CHECK(r.plan.files[2].new_path == "b/sub");
  CHECK(r.plan.files[2].mode == core::kModeGitlink);
  CHECK(r.plan.files[2].oid == "3333333333333333333333333333333333333333");
}

TEST_CASE("plan: two sources landing on one path", "[plan]") {
  auto r = plan_of("  - from: a\n    to: x\n  - from: b\n    to: x\n", tree_of({"a/f", "b/f", "b/g"}));
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0] == "6:9: two files would land on `x/f`: `a/f` (rule at line 3) and `b/f` (rule at line 5)");
}

TEST_CASE("plan: a destination colliding with a file that stays", "[plan]") {
  auto r = plan_of("  - from: a\n    to: x\n", tree_of({"a/f", "x/f"}));
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0] == "4:9: `a/f` would land on `x/f`, a file that stays; `a/f` (rule at line 3) and `x/f` (stays)");
}

TEST_CASE("plan: a file and a directory landing on one path", "[plan]") {
  auto r = plan_of("  - from: a/f\n    to: x\n", tree_of({"a/f", "x/g"}));
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0] == "4:9: `x` would be both a file (`a/f` (rule at line 3)) and a directory (holding `x/g` from `x/g`)");
}

TEST_CASE("plan: a from that is not in the tree", "[plan]") {
  core::Tree t = tree_of({"a/f", "done/f"});
  auto r = plan_of("  - from: gone\n    to: done\n", t);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0] == "3:11: `from: gone` is not in the tree (`done` exists: already moved?); use --allow-missing to re-apply a mapping");
  // Re-applying: with --allow-missing a missing source is a warning while others still move...
  auto partly = plan_of("  - from: gone\n    to: done\n  - from: a\n    to: b\n", t, true);
  CHECK(partly.errors.empty());
  REQUIRE(partly.warnings.size() == 1);
  CHECK(partly.warnings[0] == "3:11: `from: gone` is not in the tree (`done` exists: already moved?)");
  CHECK(partly.plan.moved_files == 1);
  // ... and when every source is gone, one note says the mapping was applied already.
  auto again = plan_of("  - from: gone\n    to: done\n", t, true);
  CHECK(again.errors.empty());
  CHECK(again.warnings.empty());
  REQUIRE(again.sink.all().size() == 1);
  CHECK(again.sink.all()[0].severity == diag::Severity::note);
  CHECK(again.sink.all()[0].message == "none of the 1 sources is in the tree: the mapping has been applied already");
  CHECK(again.plan.moved_files == 0);
}

TEST_CASE("plan: a rule whose files all go to more specific rules is a warning", "[plan]") {
  auto r = plan_of("  - from: a\n    to: x\n  - from: a/b\n    to: y\n", tree_of({"a/b/f"}));
  CHECK(r.errors.empty());
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "3:5: this move moves no file: more specific rules take all of its files");
}

TEST_CASE("plan: match rules expand on directories of the tree", "[plan]") {
  auto r = plan_of("  - match: '1\\.architectures/\\d+\\.([^/]+)'\n    to: 'architectures/\\1'\n",
                   tree_of({"1.architectures/0.common/README.md", "1.architectures/2.pc/x.sh", "1.architectures/README.md",
                            "1.architectures/2.pc/deep/3.keep/y"}));
  CHECK(r.errors.empty());
  CHECK(r.moves == Moves{{"1.architectures/0.common/README.md", "architectures/common/README.md"},
                         {"1.architectures/2.pc/x.sh", "architectures/pc/x.sh"},
                         {"1.architectures/2.pc/deep/3.keep/y", "architectures/pc/deep/3.keep/y"}});
  REQUIRE(r.plan.rules[0].moves.size() == 2);
  CHECK(r.plan.moves[r.plan.rules[0].moves[0]].from == "1.architectures/0.common");
  CHECK(r.plan.moves[r.plan.rules[0].moves[0]].to == "architectures/common");
}

TEST_CASE("plan: an explicit from beats a match on the same directory", "[plan]") {
  auto r = plan_of("  - match: 'a/(.*)'\n    to: 'm/\\1'\n  - from: a/b\n    to: e\n", tree_of({"a/b/f", "a/c/f"}));
  CHECK(r.moves == Moves{{"a/b/f", "e/f"}, {"a/c/f", "m/c/f"}});
}

TEST_CASE("plan: a match that matches nothing; and one giving an invalid path", "[plan]") {
  auto none = plan_of("  - match: 'zzz'\n    to: 'y'\n", tree_of({"a/f"}));
  REQUIRE(none.errors.size() == 1);
  CHECK(none.errors[0] == "3:12: `match: zzz` matches no directory of the tree; use --allow-missing to re-apply a mapping");
  auto bad = plan_of("  - match: 'a/(b)'\n    to: '../\\1'\n", tree_of({"a/b/f"}));
  REQUIRE(bad.errors.size() == 1);
  CHECK(bad.errors[0] ==
        "4:9: moving `a/b` to `../b` gives an invalid path for `a/b/f`: path has a `..` segment (paths may not leave the repository)");
  CHECK(bad.plan.moved_files == 0);
}

TEST_CASE("plan: a rule moving onto itself is a warning", "[plan]") {
  auto r = plan_of("  - from: a\n    to: a/\n", tree_of({"a/f"}));
  CHECK(r.errors.empty());
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] == "4:9: `a` moves onto itself");
}

TEST_CASE("policy: numbered segments; depth and READMEs", "[plan][policy]") {
  core::Tree t = tree_of({"3.test_cases/pytorch/FSDP/README.md", "3.test_cases/pytorch/FSDP/1.slurm/run.sh",
                          "3.test_cases/jax/README.md", "3.test_cases/jax/x.py", "0.docs/README.md"});
  std::string policy = "policy:\n  no_numeric_prefix: [examples]\n  max_depth: [{root: examples, depth: 2}]\n  keep_readmes: true\n";
  auto r = plan_of(
      "  - from: 3.test_cases/pytorch/FSDP\n    to: examples/training/pytorch/fsdp\n"
      "  - from: 3.test_cases/jax/x.py\n    to: examples/jax/x.py\n"
      "  - from: 0.docs\n    to: docs\n",
      t, false, policy);
  REQUIRE(r.errors.size() == 3);
  CHECK(r.errors[0] ==
        "4:9: policy no_numeric_prefix: `examples/training/pytorch/fsdp/1.slurm` keeps a numbered segment `1.slurm` (from "
        "`3.test_cases/pytorch/FSDP/1.slurm/run.sh`)");
  CHECK(r.errors[1] == "4:9: policy max_depth: `examples/training/pytorch/fsdp` is 3 levels below `examples` (at most 2)");
  CHECK(r.errors[2] ==
        "6:9: policy keep_readmes: `3.test_cases/jax` had a README, but `examples/jax` (where `3.test_cases/jax/x.py` goes) has none");
}

TEST_CASE("policy: a clean layout passes", "[plan][policy]") {
  auto r = plan_of("  - from: 3.test_cases/FSDP\n    to: examples/fsdp\n", tree_of({"3.test_cases/FSDP/README.md", "3.test_cases/FSDP/a.py"}),
                   false, "policy:\n  no_numeric_prefix: [.]\n  max_depth: {root: examples, depth: 1}\n  keep_readmes: true\n");
  CHECK(r.errors.empty());
}

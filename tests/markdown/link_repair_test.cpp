// Repairs for old link rot: the one plausible target by trailing segments, and none where a person
// would have to choose.
#include <catch2/catch.hpp>

#include "gitreorg/markdown/link_repair.hpp"

using namespace gitreorg;
using markdown::LinkRepairs;
using markdown::Syntax;

namespace {

core::Tree tree_of(std::initializer_list<const char*> paths) {
  core::Tree t;
  for (const char* p : paths) t.push_back({p, core::kModeFile, std::string(40, '0')});
  return t;
}

}  // namespace

TEST_CASE("markdown: a broken link with one plausible target is repaired", "[markdown][repair]") {
  core::Tree tree = tree_of({"1.architectures/2.aws-parallelcluster/README.md", "1.architectures/0.common/env.sh",
                             "3.test_cases/pytorch/FSDP/kubernetes/README.md", "3.test_cases/pytorch/FSDP/README.md",
                             "3.test_cases/megatron/README.md", "docs/img/ray-dashboard.png", "docs/guide/setup.md",
                             "examples/a/deployment-guides/x.md"});
  LinkRepairs r(tree);
  // One `../` short: the only `1.architectures` is at the root.
  auto fix = r.repair("3.test_cases/pytorch/FSDP/kubernetes/README.md", "../../1.architectures", Syntax::markdown);
  REQUIRE(fix);
  CHECK(fix->target == "1.architectures");
  CHECK(fix->destination == "../../../../1.architectures");
  // Several segments, a trailing `/` kept.
  fix = r.repair("3.test_cases/pytorch/FSDP/README.md", "../../1.architectures/2.aws-parallelcluster/", Syntax::markdown);
  REQUIRE(fix);
  CHECK(fix->destination == "../../../1.architectures/2.aws-parallelcluster/");
  // A file elsewhere under the same top-level directory... but not a single name in another one.
  fix = r.repair("docs/guide/setup.md", "img/ray-dashboard.png", Syntax::markdown);
  REQUIRE(fix);
  CHECK(fix->destination == "../img/ray-dashboard.png");
  CHECK_FALSE(r.repair("1.architectures/2.aws-parallelcluster/README.md", "./deployment-guides", Syntax::markdown));
  // Two places fit (`README.md` is everywhere), or none: no repair.
  CHECK_FALSE(r.repair("3.test_cases/pytorch/FSDP/README.md", "../README.md", Syntax::markdown));
  CHECK_FALSE(r.repair("3.test_cases/pytorch/FSDP/README.md", "eksctl.io", Syntax::markdown));
  CHECK_FALSE(r.repair("3.test_cases/pytorch/FSDP/README.md", "../x/../1.architectures", Syntax::markdown));
}

TEST_CASE("markdown: a broken link whose target moved in an earlier commit follows its renames", "[markdown][repair]") {
  // Newest commit first: c3 renamed guide/setup.md again, c2 moved tools/ whole and split lib/,
  // c1 renamed docs/setup.md, and old.md twice (to a.md, then, re-created, to b.md).
  std::vector<markdown::PathMove> history = {
      {"guide/setup.md", "handbook/setup.md", "c3c3c3c3c3c3c3c3"},
      {"lib/a.py", "src/a.py", "c2c2c2c2c2c2c2c2"},
      {"lib/b.py", "pkg/b.py", "c2c2c2c2c2c2c2c2"},
      {"old.md", "b.md", "c2c2c2c2c2c2c2c2"},
      {"tools/run.sh", "scripts/run.sh", "c2c2c2c2c2c2c2c2"},
      {"tools/x/y.sh", "scripts/x/y.sh", "c2c2c2c2c2c2c2c2"},
      {"docs/setup.md", "guide/setup.md", "c1c1c1c1c1c1c1c1"},
      {"old.md", "a.md", "c1c1c1c1c1c1c1c1"},
  };
  int reads = 0;
  core::Tree tree = tree_of({"README.md", "handbook/setup.md", "scripts/run.sh", "scripts/x/y.sh", "src/a.py", "pkg/b.py",
                             "a.md", "b.md", "notes/README.md"});
  LinkRepairs r(tree,
                [&] {
                  ++reads;
                  return history;
                });
  // Followed through both renames to where it is now; the reason names the first move.
  auto fix = r.repair("README.md", "docs/setup.md", Syntax::markdown);
  REQUIRE(fix);
  CHECK(fix->target == "handbook/setup.md");
  CHECK(fix->destination == "handbook/setup.md");
  CHECK(fix->moved_in == "c1c1c1c1c1c1");
  CHECK(fix->reason() == "`docs/setup.md` moved to `handbook/setup.md` in c1c1c1c1c1c1");
  // From another directory, in the link's own style.
  fix = r.repair("notes/README.md", "../docs/setup.md", Syntax::markdown);
  REQUIRE(fix);
  CHECK(fix->destination == "../handbook/setup.md");
  // A directory all of whose renamed files went to one new directory.
  fix = r.repair("notes/README.md", "../tools/", Syntax::markdown);
  REQUIRE(fix);
  CHECK(fix->target == "scripts");
  CHECK(fix->destination == "../scripts/");
  CHECK(r.moved("tools/x")->target == "scripts/x");
  // Split by a commit, or moved to two places at two times: a person has to choose.
  CHECK_FALSE(r.repair("README.md", "lib", Syntax::markdown));
  CHECK_FALSE(r.repair("README.md", "old.md", Syntax::markdown));
  // Never moved; or moved, but what it became is gone.
  CHECK_FALSE(r.repair("README.md", "missing.md", Syntax::markdown));
  CHECK(reads == 1);  // one walk of the history, however many links ask
  core::Tree readme_only = tree_of({"README.md"});
  LinkRepairs gone(readme_only, [&] { return history; });
  CHECK_FALSE(gone.repair("README.md", "docs/setup.md", Syntax::markdown));
  // Without a history, only trailing segments.
  core::Tree two = tree_of({"README.md", "handbook/setup.md"});
  CHECK_FALSE(LinkRepairs(two).repair("README.md", "docs/setup.md", Syntax::markdown));
}

TEST_CASE("markdown: a link broken when the file holding it moved is read from the file's former path", "[markdown][repair]") {
  // c2 moved docs/guide/README.md to guide/README.md (its `../setup.md` and `run.sh` now miss); c1
  // had moved docs/run.sh, the sibling `run.sh` names from there, to scripts/run.sh.
  std::vector<markdown::PathMove> history = {
      {"docs/guide/README.md", "guide/README.md", "c2c2c2c2c2c2c2c2"},
      {"docs/guide/run.sh", "scripts/run.sh", "c1c1c1c1c1c1c1c1"},
  };
  core::Tree tree = tree_of({"guide/README.md", "docs/setup.md", "scripts/run.sh", "notes.md"});
  LinkRepairs r(tree, [&] { return history; });
  // Read from docs/guide/, `../setup.md` is docs/setup.md, still there.
  auto fix = r.repair("guide/README.md", "../setup.md", Syntax::markdown);
  REQUIRE(fix);
  CHECK(fix->target == "docs/setup.md");
  CHECK(fix->destination == "../docs/setup.md");
  CHECK(fix->reason() == "written in `docs/guide/README.md` (moved in c2c2c2c2c2c2), where it named `docs/setup.md`");
  // ... and `run.sh` is docs/guide/run.sh, which moved on.
  fix = r.repair("guide/README.md", "run.sh", Syntax::markdown);
  REQUIRE(fix);
  CHECK(fix->target == "scripts/run.sh");
  CHECK(fix->destination == "../scripts/run.sh");
  CHECK(fix->reason() == "written in `docs/guide/README.md` (moved in c2c2c2c2c2c2), where it named `docs/guide/run.sh`, "
                         "since moved to `scripts/run.sh`");
  // Read from there it names nothing either: no fix.
  CHECK_FALSE(r.repair("guide/README.md", "../gone.md", Syntax::markdown));
}

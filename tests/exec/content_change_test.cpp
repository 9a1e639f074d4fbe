// The executor's library API with content changes: commit 2 is commit 1's tree with the edited
// blobs replaced, commit 1 stays pure renames. Repository: docs/guide.md and README.md linking to it;
// the mapping moves docs to manual, the "rewriter" (here: the test) edits the README's link.
#include <catch2/catch.hpp>

#include "gitreorg/exec/apply.hpp"
#include "gitreorg/git/repository.hpp"
#include "gitreorg/pipeline/plan_repository.hpp"
#include "support/scoped_env.hpp"
#include "support/temp_repo.hpp"

namespace {

using gitreorg::testing::TempRepo;

// docs/guide.md and a README linking to it, with a mapping that moves docs to manual; returns HEAD.
std::string make_guide_repo(TempRepo& r) {
  r.write("docs/guide.md", "# Guide\n");
  r.write("README.md", "See [the guide](docs/guide.md).\n");
  r.write("mapping.yaml", "version: 1\nmoves:\n  - from: docs\n    to: manual\n");
  return r.commit("init");
}

}  // namespace

TEST_CASE("apply: content changes become a second commit on top of the pure renames", "[exec][apply]") {
  gitreorg::testing::ScopedEnv identity(gitreorg::testing::fixed_git_env());
  TempRepo r;
  std::string before = make_guide_repo(r);

  gitreorg::diag::Sink sink;
  gitreorg::pipeline::RepositoryPlanOptions po;
  gitreorg::git::Repository repo = gitreorg::git::Repository::discover(r.dir());
  gitreorg::plan::RepositoryPlan rp = gitreorg::pipeline::plan_repository(repo, (r.dir() / "mapping.yaml").string(), po, sink);
  REQUIRE(!sink.has_errors());
  std::vector<gitreorg::rewrite::FileRewrite> changes{
      {"README.md", "README.md", 0100644, "See [the guide](manual/guide.md).\n", "", {}}};
  gitreorg::exec::ApplyOptions options;
  gitreorg::exec::ApplyResult result = gitreorg::exec::apply_plan(repo, rp, changes, options);

  REQUIRE(result.commits.size() == 2);
  CHECK(TempRepo::trim(r.git({"rev-parse", "HEAD~2"}).out) == before);
  CHECK(r.git({"diff", "-M", "--name-status", "HEAD~2", "HEAD~1"}).out == "R100\tdocs/guide.md\tmanual/guide.md\n");
  CHECK(r.git({"diff", "--name-status", "HEAD~1", "HEAD"}).out == "M\tREADME.md\n");
  CHECK(TempRepo::trim(r.git({"log", "-1", "--format=%s"}).out) == "Update references");
  CHECK(r.read("README.md") == "See [the guide](manual/guide.md).\n");
  CHECK(r.git({"status", "--porcelain"}).out.empty());
  CHECK(r.git({"fsck", "--strict"}).exit_code == 0);

  // Idempotent from the library too: planned again (sources gone), nothing to do.
  gitreorg::diag::Sink again_sink;
  po.plan.allow_missing = true;
  gitreorg::plan::RepositoryPlan again = gitreorg::pipeline::plan_repository(repo, (r.dir() / "mapping.yaml").string(), po, again_sink);
  CHECK(gitreorg::exec::apply_plan(repo, again, {}, options).nothing_to_do);
}

TEST_CASE("apply: an edit that is not a file of the plan, or whose blob differs from the checked one, changes nothing",
          "[exec][apply]") {
  gitreorg::testing::ScopedEnv identity(gitreorg::testing::fixed_git_env());
  TempRepo r;
  std::string before = make_guide_repo(r);
  gitreorg::diag::Sink sink;
  gitreorg::git::Repository repo = gitreorg::git::Repository::discover(r.dir());
  gitreorg::plan::RepositoryPlan rp = gitreorg::pipeline::plan_repository(repo, (r.dir() / "mapping.yaml").string(), {}, sink);
  REQUIRE(!sink.has_errors());
  gitreorg::exec::ApplyOptions options;
  std::string text = "See [the guide](manual/guide.md).\n";
  std::vector<std::vector<gitreorg::rewrite::FileRewrite>> bad = {
      {{"NOPE.md", "NOPE.md", 0100644, text, "", {}}},                      // not in the tree
      {{"docs/guide.md", "docs/guide.md", 0100644, text, "", {}}},          // not where the plan puts it
      {{"README.md", "README.md", 0100644, text, std::string(40, 'a'), {}}}};  // not the blob that was checked
  for (const auto& changes : bad) {
    CHECK_THROWS_AS(gitreorg::exec::apply_plan(repo, rp, changes, options), gitreorg::exec::ApplyError);
    CHECK(TempRepo::trim(r.git({"rev-parse", "HEAD"}).out) == before);
    CHECK(r.git({"status", "--porcelain"}).out.empty());
    CHECK(r.read("README.md") == "See [the guide](docs/guide.md).\n");
  }
}

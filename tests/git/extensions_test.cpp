// Repositories with extensions libgit2 1.5 does not know open (issue 12): a partial (blobless) clone
// marked with extensions.partialClone, and extensions.worktreeConfig. git is the oracle for both.
#include <catch2/catch.hpp>

#include <filesystem>

#include "support/docs_move_repo.hpp"
#include "support/temp_dir.hpp"
#include "support/temp_repo.hpp"

namespace {
using gitreorg::testing::CommandResult;
using gitreorg::testing::TempRepo;
namespace fs = std::filesystem;

void make_repo(TempRepo& r) { gitreorg::testing::make_docs_move_repo(r, "mapping.yaml"); }
}  // namespace

TEST_CASE("extensions: a repository with extensions.worktreeConfig opens, and apply reads config.worktree",
          "[git][extensions]") {
  TempRepo r;
  make_repo(r);
  r.git({"config", "core.repositoryformatversion", "1"});
  r.git({"config", "extensions.worktreeConfig", "true"});
  REQUIRE(r.git({"status", "--porcelain"}).out.empty());  // git reads it
  CHECK(r.reorg({"check", "mapping.yaml"}).exit_code == 0);
  // A setting of this worktree alone: apply sees it as git does.
  r.git({"config", "--worktree", "core.sparseCheckout", "true"});
  CommandResult refused = r.reorg({"apply", "mapping.yaml"});
  CHECK(refused.exit_code == 3);
  CHECK(refused.err.find("sparse checkout") != std::string::npos);
  r.git({"config", "--worktree", "core.sparseCheckout", "false"});
  CommandResult res = r.reorg({"apply", "mapping.yaml"});
  INFO(res.out << res.err);
  CHECK(res.exit_code == 0);
  CHECK(r.git({"status", "--porcelain"}).out.empty());
  CHECK(r.read("README.md") == "See [the guide](manual/guide.md).\n");
}

TEST_CASE("extensions: a blobless partial clone with extensions.partialClone opens, plans and applies",
          "[git][extensions]") {
  TempRepo origin;
  make_repo(origin);
  origin.write("old.md", "gone later\n");
  origin.commit("a file of the past");
  origin.git({"rm", "-q", "old.md"});
  origin.commit("removed");
  origin.git({"config", "uploadpack.allowFilter", "true"});
  gitreorg::testing::TempDir place("gitreorg-partial");
  fs::create_directories(place.path());
  fs::path clone = place.path() / "clone";
  CommandResult cloned = gitreorg::testing::run_command(
      {"git", "clone", "-q", "--filter=blob:none", "file://" + origin.dir().string(), clone.string()}, place.path(),
      gitreorg::testing::fixed_git_env());
  REQUIRE(cloned.exit_code == 0);
  auto git = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "git");
    return gitreorg::testing::run_command(args, clone, gitreorg::testing::fixed_git_env());
  };
  // As git before 2.21 marked a partial clone (and still reads it).
  REQUIRE(git({"config", "extensions.partialClone", "origin"}).exit_code == 0);
  REQUIRE(git({"config", "core.repositoryformatversion"}).out == "1\n");
  // The old file's blob is not here: a partial clone indeed.
  std::string old_blob = TempRepo::trim(git({"rev-parse", "HEAD~1:old.md"}).out);
  CHECK(git({"cat-file", "--batch-check=%(objectname)", "--batch-all-objects"}).out.find(old_blob) == std::string::npos);
  auto reorg = [&](std::vector<std::string> args) {
    args.insert(args.begin(), GITREORG_CLI_PATH);
    return gitreorg::testing::run_command(args, clone, gitreorg::testing::fixed_git_env());
  };
  CommandResult check = reorg({"check", "mapping.yaml"});
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
  CHECK(reorg({"plan", "mapping.yaml"}).exit_code == 0);
  CommandResult res = reorg({"apply", "mapping.yaml"});
  INFO(res.out << res.err);
  CHECK(res.exit_code == 0);
  CHECK(git({"status", "--porcelain"}).out.empty());
  CHECK(git({"log", "--format=%s", "-2"}).out == "Update references\nMove files\n");
}

// git::write_tree formats tree objects itself: the same trees as git's own `write-tree` of an index
// holding the same entries (the oracle), in git's order of entries, and refuses what makes no tree.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "gitreorg/git/error.hpp"
#include "gitreorg/git/write.hpp"
#include "support/temp_repo.hpp"

using namespace gitreorg;
using testing::TempRepo;

namespace {

// git's tree for `files`: update-index --index-info into an index of its own, then write-tree.
std::string git_tree(TempRepo& r, const core::Tree& files) {
  std::string info;
  for (const core::TreeEntry& f : files) info += fmt::format("{:o} {}\t{}\n", f.mode, f.oid, f.path);
  r.write(".git/oracle-input", info);
  testing::CommandResult res = testing::run_command(
      {"sh", "-c", "rm -f .git/oracle-index && GIT_INDEX_FILE=.git/oracle-index git update-index --index-info < .git/oracle-input && "
                   "GIT_INDEX_FILE=.git/oracle-index git write-tree"},
      r.dir());
  REQUIRE(res.exit_code == 0);
  return TempRepo::trim(res.out);
}

}  // namespace

TEST_CASE("write_tree: the trees git writes, entries in git's order", "[git][write_tree]") {
  TempRepo r;
  r.write("seed", "seed\n");
  std::string base = r.commit("base");
  git::Repository repo = git::Repository::open(r.dir());
  std::string blob = git::write_blob(repo, "x\n"), other = git::write_blob(repo, "y\n");
  // Names that sort differently as files and as directories (`a` < `a-b` < `a.c` < `a/` < `a0`),
  // every mode, deep and empty-named-looking paths, given out of order.
  core::Tree files = {
      {"a0", core::kModeFile, blob},
      {"a/w", core::kModeFile, blob},
      {"a-b", core::kModeExecutable, other},
      {"a.c/deep/er/file", core::kModeFile, other},
      {"b", core::kModeSymlink, blob},
      {"sub", core::kModeGitlink, base},
      {"sub-dir/x", core::kModeFile, blob},
      {"a/x.y", core::kModeFile, other},
      {"a/x/y", core::kModeFile, blob},
      {"Z", core::kModeFile, blob},
      {"\xc3\xa9t\xc3\xa9 space", core::kModeFile, blob},
  };
  CHECK(git::write_tree(repo, files) == git_tree(r, files));
  CHECK(git::write_tree(repo, {}) == "4b825dc642cb6eb9a060e54bf8d69288fbee4904");  // the empty tree
  CHECK(r.git({"fsck", "--strict"}).exit_code == 0);

  // A path given twice: the last one, as an index keeps it.
  core::Tree twice = {{"f", core::kModeFile, blob}, {"f", core::kModeFile, other}};
  CHECK(git::write_tree(repo, twice) == git_tree(r, {{"f", core::kModeFile, other}}));

  // What makes no tree is refused: a file and a directory of one name, `.git`, `..`, an empty name.
  for (const core::Tree& bad : {core::Tree{{"a", core::kModeFile, blob}, {"a-b", core::kModeFile, blob}, {"a/b", core::kModeFile, blob}},
                                core::Tree{{".git/x", core::kModeFile, blob}}, core::Tree{{"x/../y", core::kModeFile, blob}},
                                core::Tree{{"x//y", core::kModeFile, blob}}, core::Tree{{"x/", core::kModeFile, blob}}}) {
    INFO(bad.front().path);
    CHECK_THROWS_AS(git::write_tree(repo, bad), git::GitError);
  }
}

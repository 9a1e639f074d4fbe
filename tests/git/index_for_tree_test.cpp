// The index apply writes (src/git/index_for_tree.cpp), with the git CLI as the oracle: after apply,
// git sees nothing to refresh and nothing changed, and the index is byte for byte the one
// `git read-tree HEAD && git update-index --refresh` writes (same entries, order, padding, stat data
// and cache tree). The repository: files that sort around `/` (`a-b`, `a.b`, `a/b`, `a0`), names of
// every length mod 8, a symlink, an executable, an unchanged file, a moved file and one the references
// commit edits. Old indexes the writer does not reproduce (skip-worktree, version 4, resolve-undo,
// split index, sparse checkout) go through libgit2 or are refused, and stay right.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "gitreorg/git/repository.hpp"
#include "gitreorg/git/write.hpp"
#include "support/temp_repo.hpp"

using gitreorg::testing::CommandResult;
using gitreorg::testing::lines;
using gitreorg::testing::run_command;
using gitreorg::testing::TempRepo;
namespace fs = std::filesystem;

namespace {

const char* kMapping =
    "version: 1\n"
    "moves:\n"
    "  - from: old\n    to: new/place\n";

void make_repo(TempRepo& r) {
  r.write("keep.txt", "unchanged\n");
  r.write("README.md", "# Readme\n\nSee [the guide](old/guide.md).\n");  // edited by the references commit
  r.write("old/guide.md", "# Guide\n");
  r.write("old/run.sh", "#!/bin/sh\necho hi\n", fs::perms(0755));
  r.symlink("guide.md", "old/link");
  for (const char* p : {"old/a-b", "old/a.b", "old/a/x", "old/a/b-c", "old/a/b.c", "old/a/b/c", "old/a/b0", "old/a0", "a-b", "a.b", "a/b", "a0"})
    r.write(p, std::string(p) + "\n");
  std::string name;
  for (int k = 0; k < 9; ++k) {  // paths of 6 to 14 bytes under old/, 14 to 22 under new/place/: every length mod 8
    name += static_cast<char>('p' + k);
    r.write("old/" + name, name + "\n");
    r.write(name, name + "\n");
  }
  r.write("mapping.yaml", kMapping);
  r.commit("first");
}

// `git ls-tree -r HEAD` in `git ls-files -s`'s format: what the index must hold.
std::string head_as_index(TempRepo& r) {
  std::string out;
  for (const std::string& l : lines(r.git({"ls-tree", "-r", "--full-tree", "HEAD"}).out)) {
    // "<mode> <type> <oid>\t<path>" -> "<mode> <oid> 0\t<path>"
    std::size_t sp1 = l.find(' '), sp2 = l.find(' ', sp1 + 1), tab = l.find('\t');
    out += l.substr(0, sp1) + " " + l.substr(sp2 + 1, tab - sp2 - 1) + " 0" + l.substr(tab) + "\n";
  }
  return out;
}

// What git says of the index and the work tree after apply: all of it must hold.
void check_index_is_right(TempRepo& r, bool same_as_read_tree) {
  CHECK(r.git({"status", "--porcelain"}).out.empty());
  std::string index = r.read(".git/index");
  CHECK(r.git({"diff-files"}).out.empty());
  CHECK(r.git({"diff-index", "--cached", "HEAD"}).out.empty());
  CHECK(r.git({"ls-files", "-s"}).out == head_as_index(r));
  CommandResult fsck = r.git({"fsck", "--no-dangling"}, true);
  CHECK(fsck.exit_code == 0);
  CHECK(fsck.out.empty());
  // The stat data are right: a refresh finds nothing to change, and so writes nothing.
  r.git({"update-index", "--refresh"});
  CHECK(r.read(".git/index") == index);
  if (same_as_read_tree) {
    CommandResult oracle = run_command(
        {"sh", "-c", "rm -f .git/oracle-index && GIT_INDEX_FILE=.git/oracle-index git read-tree HEAD && "
                     "GIT_INDEX_FILE=.git/oracle-index git update-index --refresh >/dev/null"},
        r.dir(), gitreorg::testing::fixed_git_env());
    REQUIRE(oracle.exit_code == 0);
    CHECK(r.read(".git/oracle-index") == index);
    fs::remove(r.dir() / ".git/oracle-index");
  }
}

CommandResult apply(TempRepo& r) {
  CommandResult res = r.reorg({"apply", "-q", "mapping.yaml"});
  INFO(res.out << res.err);
  REQUIRE(res.exit_code == 0);
  return res;
}

}  // namespace

TEST_CASE("index after apply: what git would write, stat data and cache tree included", "[git][index][apply]") {
  TempRepo r;
  make_repo(r);
  apply(r);
  REQUIRE(TempRepo::trim(r.git({"log", "-1", "--format=%s"}).out) == "Update references");
  REQUIRE(r.read("README.md") == "# Readme\n\nSee [the guide](new/place/guide.md).\n");
  CHECK(r.git({"ls-files", "-s", "new/place/run.sh"}).out.rfind("100755 ", 0) == 0);
  CHECK(r.git({"ls-files", "-s", "new/place/link"}).out.rfind("120000 ", 0) == 0);
  CHECK(r.git({"ls-files", "--", "a*", "new/place/a*"}).out ==
        "a-b\na.b\na/b\na0\nnew/place/a-b\nnew/place/a.b\nnew/place/a/b-c\nnew/place/a/b.c\nnew/place/a/b/c\nnew/place/a/b0\n"
        "new/place/a/x\nnew/place/a0\n");
  check_index_is_right(r, true);
  // The cache tree is git's own: a commit of a new file writes the same trees git's would.
  r.write("new/place/a/later", "later\n");
  r.git({"add", "new/place/a/later"});
  CHECK(TempRepo::trim(r.git({"write-tree"}).out) ==
        TempRepo::trim(run_command({"sh", "-c", "rm -f .git/i2 && GIT_INDEX_FILE=.git/i2 git read-tree HEAD && GIT_INDEX_FILE=.git/i2 git "
                                          "add new/place/a/later && GIT_INDEX_FILE=.git/i2 git write-tree"},
                                   r.dir(), gitreorg::testing::fixed_git_env())
                           .out));
}

// Old git wrote regular files as 100664; git reads them as 100644 (its index never holds 100664) and
// writes 100644 when it rebuilds the tree. libgit2 compares the bits: its status called such a file
// staged, so apply refused a clean repository, and the tree writer refused the mode.
TEST_CASE("index after apply: a file of mode 100664 (old git's) is 100644, as git reads and rewrites it", "[git][index][apply]") {
  TempRepo r;
  make_repo(r);
  // A tree git no longer writes but still reads: g/group.txt of mode 100664, in a directory that does not move.
  CommandResult made = run_command(
      {"sh", "-c",
       "set -e; b=$(git hash-object -w keep.txt); sub=$(printf '100664 blob %s\\tgroup.txt\\n' $b | git mktree); "
       "root=$( (git ls-tree HEAD; printf '040000 tree %s\\tg\\n' $sub) | git mktree); "
       "c=$(git commit-tree $root -p HEAD -m group); git update-ref refs/heads/main $c; git read-tree HEAD; git checkout-index -f -a"},
      r.dir(), gitreorg::testing::fixed_git_env());
  INFO(made.out << made.err);
  REQUIRE(made.exit_code == 0);
  REQUIRE(r.git({"cat-file", "tree", "HEAD:g"}).out.rfind("100664 ", 0) == 0);  // raw: -p shows it as 100644
  apply(r);
  CHECK(r.git({"ls-files", "-s", "g/group.txt"}).out.rfind("100644 ", 0) == 0);
  CHECK(r.git({"cat-file", "tree", "HEAD:g"}).out.rfind("100644 ", 0) == 0);
  CHECK(r.git({"diff", "--name-status", "HEAD~2", "HEAD", "--", "g"}).out.empty());  // no change to git
  check_index_is_right(r, true);
}

TEST_CASE("index after apply: written by git-reorg, through libgit2 for what it does not reproduce",
          "[git][index]") {
  TempRepo r;
  make_repo(r);
  std::string tree = TempRepo::trim(r.git({"rev-parse", "HEAD^{tree}"}).out);
  gitreorg::git::Repository repo = gitreorg::git::Repository::open(r.dir());
  CHECK(gitreorg::git::write_index_for_tree(repo, tree));
  // git writes version 3 only for entries with extended flags (and version 2 when asked for 3 without).
  r.git({"update-index", "--skip-worktree", "keep.txt"});
  REQUIRE(r.read(".git/index").substr(4, 4) == std::string("\0\0\0\3", 4));
  CHECK_FALSE(gitreorg::git::write_index_for_tree(repo, tree));
  r.git({"update-index", "--no-skip-worktree", "keep.txt"});
  r.git({"update-index", "--index-version", "4"});
  CHECK_FALSE(gitreorg::git::write_index_for_tree(repo, tree));
  r.git({"update-index", "--index-version", "2"});
  CHECK(gitreorg::git::write_index_for_tree(repo, tree));
  fs::remove(r.dir() / ".git/index");  // none at all: every entry's stat data from the work tree
  CHECK(gitreorg::git::write_index_for_tree(repo, tree));
  check_index_is_right(r, true);
}

TEST_CASE("index after apply: an old index the writer leaves to libgit2 still comes out right", "[git][index][apply]") {
  TempRepo r;
  make_repo(r);
  SECTION("skip-worktree on an unchanged file") {
    r.git({"update-index", "--skip-worktree", "keep.txt"});
    apply(r);
    check_index_is_right(r, false);
  }
  SECTION("version 4 (prefix-compressed paths)") {
    r.git({"update-index", "--index-version", "4"});
    apply(r);
    CHECK(r.read(".git/index").substr(4, 4) == std::string("\0\0\0\4", 4));
    check_index_is_right(r, false);
  }
  SECTION("resolve-undo (REUC) of a conflict resolved and committed") {
    r.git({"checkout", "-q", "-b", "other"});
    r.write("keep.txt", "theirs\n");
    r.commit("theirs");
    r.git({"checkout", "-q", "main"});
    r.write("keep.txt", "ours\n");
    r.commit("ours");
    r.git({"merge", "-q", "other"}, true);
    r.write("keep.txt", "resolved\n");
    r.git({"add", "keep.txt"});
    r.git({"commit", "-q", "--no-edit"});
    REQUIRE(r.read(".git/index").find("REUC") != std::string::npos);
    apply(r);
    check_index_is_right(r, false);
  }
  SECTION("an untracked cache and a cache tree: dropped or rebuilt, git does without") {
    r.git({"update-index", "--untracked-cache"});
    r.git({"status", "--porcelain"});
    apply(r);
    check_index_is_right(r, true);
  }
}

TEST_CASE("index after apply: a split index or a sparse checkout is refused before anything changes", "[git][index][apply]") {
  TempRepo r;
  make_repo(r);
  SECTION("split index") { r.git({"update-index", "--split-index"}); }
  SECTION("sparse checkout") { r.git({"sparse-checkout", "set", "old"}); }
  std::string head = r.git({"rev-parse", "HEAD"}).out, index = r.read(".git/index"), files = r.git({"ls-files", "-s"}).out;
  CommandResult res = r.reorg({"apply", "-q", "mapping.yaml"});
  INFO(res.out << res.err);
  CHECK(res.exit_code != 0);
  CHECK(r.git({"rev-parse", "HEAD"}).out == head);
  CHECK(r.read(".git/index") == index);
  CHECK(r.git({"ls-files", "-s"}).out == files);
  CHECK(fs::exists(r.dir() / "old/guide.md"));
}

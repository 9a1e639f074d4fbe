// git::ignored_paths (src/git/ignored_paths.cpp), with git's own status as the oracle: every case of
// ignore rules the walk has to get right (root and nested .gitignore, info/exclude, negation, anchored
// and directory patterns, a tracked directory that is ignored, an untracked directory holding only
// ignored files, another repository's directory, symlinks) gives what `git status --ignored=matching
// --untracked-files=all` lists, and the list written out by hand.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "gitreorg/git/repository.hpp"
#include "gitreorg/git/state.hpp"
#include "support/temp_repo.hpp"

using gitreorg::testing::TempRepo;

namespace {

// The paths git status marks `!!`, in byte order.
std::vector<std::string> git_ignored(TempRepo& r) {
  std::string out = r.git({"status", "--porcelain=v1", "-z", "--ignored=matching", "--untracked-files=all"}).out;
  std::vector<std::string> paths;
  for (std::size_t at = 0; at < out.size();) {
    std::size_t end = out.find('\0', at);
    std::string entry = out.substr(at, end - at);
    if (entry.rfind("!! ", 0) == 0) paths.push_back(entry.substr(3));
    at = end + 1;
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace

TEST_CASE("ignored paths: git status's, from one walk of the work tree", "[git][ignore]") {
  TempRepo r;
  r.write(".gitignore", "*.log\n!keep.log\nbuild/\n/out\ncache/*.tmp\ndocs/gen/\n");
  r.write("sub/.gitignore", "local.txt\n");
  r.write("README.md", "# r\n");
  r.write("src/a.c", "int a;\n");
  r.write("sub/x.txt", "x\n");
  r.write("docs/index.md", "# d\n");
  r.commit("first");
  r.write("docs/gen/tracked.md", "t\n");
  r.git({"add", "-f", "docs/gen/tracked.md"});  // tracked inside an ignored directory
  r.git({"commit", "-q", "-m", "forced"});
  r.write(".git/info/exclude", "secret.env\n");

  r.write("a.log", "");                   // ignored
  r.write("keep.log", "");                // negated: untracked, not ignored
  r.write("build/x.o", "");               // in an ignored directory: the directory, once
  r.write("build/y/z", "");
  r.write("out", "");                     // anchored at the root
  r.write("src/out", "");                 // ... so not here
  r.write("src/deep/trace.log", "");      // in an untracked directory: the file
  r.write("cache/a.tmp", "");
  r.write("cache/b.txt", "");
  r.write("newdir/only.log", "");         // an untracked directory of ignored files only: each file
  r.write("newdir/more/also.log", "");
  r.write("docs/gen/new.md", "");         // untracked in a tracked directory that is ignored
  r.write("sub/local.txt", "");           // the nested .gitignore
  r.write("sub/deeper/local.txt", "");
  r.write("secret.env", "");              // info/exclude
  r.write("nested/inner.log", "");         // in another repository: not looked into
  REQUIRE(r.git({"init", "-q", "nested"}).exit_code == 0);
  r.symlink("src", "linkdir");            // a symlink to a directory is a file to git
  r.symlink("a.log", "link.log");         // a symlink matching a pattern
  r.write("empty-untracked/.keep-not", "");
  std::filesystem::remove(r.dir() / "empty-untracked/.keep-not");  // an empty directory: nothing

  gitreorg::git::Repository repo = gitreorg::git::Repository::open(r.dir());
  std::vector<std::string> ours = gitreorg::git::ignored_paths(repo);
  CHECK(ours == std::vector<std::string>{"a.log", "build/", "cache/a.tmp", "docs/gen/new.md", "link.log", "newdir/more/also.log",
                                         "newdir/only.log", "out", "secret.env", "src/deep/trace.log", "sub/deeper/local.txt",
                                         "sub/local.txt"});
  CHECK(ours == git_ignored(r));
}

TEST_CASE("ignored paths: none in a clean clone, none in a bare repository", "[git][ignore]") {
  TempRepo r;
  r.write(".gitignore", "*.log\n");
  r.write("a/b.txt", "b\n");
  r.commit("first");
  gitreorg::git::Repository repo = gitreorg::git::Repository::open(r.dir());
  CHECK(gitreorg::git::ignored_paths(repo).empty());
  CHECK(git_ignored(r).empty());
  r.write("a/c.log", "");
  CHECK(gitreorg::git::ignored_paths(repo) == std::vector<std::string>{"a/c.log"});
  gitreorg::testing::CommandResult bare = gitreorg::testing::run_command(
      {"git", "clone", "-q", "--bare", r.dir().string(), (r.dir() / "bare.git").string()}, r.dir(), gitreorg::testing::fixed_git_env());
  REQUIRE(bare.exit_code == 0);
  CHECK(gitreorg::git::ignored_paths(gitreorg::git::Repository::open(r.dir() / "bare.git")).empty());
}

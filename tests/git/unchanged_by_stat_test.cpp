// git::tracked_files_unchanged_by_stat: "unchanged" only when git itself would trust the stat data;
// every kind of change, and a racily clean entry, leaves the answer to libgit2's status, whose list
// (changed_tracked_paths) stays what git status says.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <thread>

#include "gitreorg/git/repository.hpp"
#include "gitreorg/git/state.hpp"
#include "support/temp_repo.hpp"

using gitreorg::testing::TempRepo;
namespace fs = std::filesystem;

namespace {

// A committed repository whose index was written after the file system's clock moved past its files.
void make_repo(TempRepo& r) {
  r.write("a/x.txt", "x\n");
  r.write("a/run.sh", "#!/bin/sh\n", fs::perms(0755));
  r.write("b/y.txt", "y\n");
  r.symlink("../a/x.txt", "b/link");
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // past the coarse clock's tick
  r.commit("first");
}

bool unchanged(TempRepo& r) { return gitreorg::git::tracked_files_unchanged_by_stat(gitreorg::git::Repository::open(r.dir())); }
std::vector<std::string> changed(TempRepo& r) {
  return gitreorg::git::changed_tracked_paths(gitreorg::git::Repository::open(r.dir()), 10);
}

}  // namespace

TEST_CASE("unchanged by stat: a clean checkout is, without a status", "[git][state]") {
  TempRepo r;
  make_repo(r);
  CHECK(unchanged(r));
  CHECK(changed(r).empty());
  CHECK(r.git({"status", "--porcelain"}).out.empty());
}

TEST_CASE("unchanged by stat: every change, and what stat cannot see, goes to the status", "[git][state]") {
  TempRepo r;
  make_repo(r);
  REQUIRE(unchanged(r));
  std::vector<std::string> expected;
  SECTION("content edited, same size") {
    r.write("a/x.txt", "z\n");
    expected = {"a/x.txt"};
  }
  SECTION("only touched: no change to git") {
    fs::last_write_time(r.dir() / "b/y.txt", fs::last_write_time(r.dir() / "b/y.txt") + std::chrono::seconds(5));
  }
  SECTION("deleted") {
    fs::remove(r.dir() / "b/y.txt");
    expected = {"b/y.txt"};
  }
  SECTION("executable bit") {
    fs::permissions(r.dir() / "a/x.txt", fs::perms(0755));
    expected = {"a/x.txt"};
  }
  SECTION("symlink made a file") {
    fs::remove(r.dir() / "b/link");
    r.write("b/link", "../a/x.txt");
    expected = {"b/link"};
  }
  SECTION("a new file staged") {
    r.write("c.txt", "c\n");
    r.git({"add", "c.txt"});
    expected = {"c.txt"};
  }
  SECTION("intent to add") {
    r.write("c.txt", "c\n");
    r.git({"add", "-N", "c.txt"});
    expected = {"c.txt"};
  }
  SECTION("an edit staged, the work tree then put back") {
    r.write("a/x.txt", "staged\n");
    r.git({"add", "a/x.txt"});
    r.write("a/x.txt", "x\n");
    expected = {"a/x.txt"};
  }
  SECTION("skip-worktree, unchanged") { r.git({"update-index", "--skip-worktree", "b/y.txt"}); }
  CHECK_FALSE(unchanged(r));
  CHECK(changed(r) == expected);
}

TEST_CASE("unchanged by stat: racily clean files are read, as git reads them", "[git][state]") {
  TempRepo r;
  make_repo(r);
  SECTION("a file's time past the index's, recorded by a refresh") {
    fs::last_write_time(r.dir() / "a/x.txt", fs::file_time_type::clock::now() + std::chrono::hours(1));
    r.git({"update-index", "--refresh"});
    REQUIRE(r.git({"status", "--porcelain"}).out.empty());
    CHECK(unchanged(r));
  }
  // Every entry written within (here: after) the index's timestamp: each file's content is hashed,
  // the symlink's target too.
  fs::last_write_time(r.dir() / ".git/index", fs::last_write_time(r.dir() / ".git/index") - std::chrono::hours(1));
  CHECK(unchanged(r));
  // The same size and time but another content: the change time tells.
  auto t = fs::last_write_time(r.dir() / "a/x.txt");
  r.write("a/x.txt", "z\n");
  fs::last_write_time(r.dir() / "a/x.txt", t);
  CHECK_FALSE(unchanged(r));
  CHECK(changed(r) == std::vector<std::string>{"a/x.txt"});
}

// `git-reorg apply` end to end, with the git CLI as the oracle. Each test builds its own throwaway
// repository; the common one (`make_layout_repo`) has two commits:
//   1. a/x, a/sub/y, a/run.sh (executable), a/link -> x (symlink), b/z, c/w, e/v, docs/guide.md, README.md
//   2. edits a/x and b/z (so blame has two commits to attribute lines to)
// and the mapping swaps a <-> b, shifts c -> e -> f (a chain: e moves on as c arrives), and moves docs
// into docs/legacy.
#include <catch2/catch.hpp>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/temp_dir.hpp"
#include "support/temp_repo.hpp"
#include "support/work_tree_snapshot.hpp"

namespace {

using gitreorg::testing::CommandResult;
using gitreorg::testing::kFaultKilled;
using gitreorg::testing::TempRepo;
namespace fs = std::filesystem;

using gitreorg::testing::work_tree_snapshot;

std::string head(TempRepo& r) { return TempRepo::trim(r.git({"rev-parse", "HEAD"}).out); }
std::string status(TempRepo& r) { return r.git({"status", "--porcelain", "--untracked-files=no"}).out; }

using gitreorg::testing::lines;

const char* kLayoutMapping =
    "version: 1\n"
    "moves:\n"
    "  - from: a\n    to: b\n"
    "  - from: b\n    to: a\n"
    "  - from: c\n    to: e\n"
    "  - from: e\n    to: f\n"
    "  - from: docs\n    to: docs/legacy\n";

void make_layout_repo(TempRepo& r) {
  r.write("a/x", "one\ntwo\nthree\n");
  r.write("a/sub/y", "y\n");
  r.write("a/run.sh", "#!/bin/sh\necho hi\n", fs::perms(0755));
  r.symlink("x", "a/link");
  r.write("b/z", "z1\nz2\n");
  r.write("c/w", "w\n");
  r.write("e/v", "v\n");
  r.write("docs/guide.md", "# Guide\n");
  r.write("README.md", "# Readme\n");
  r.write("mapping.yaml", kLayoutMapping);
  r.commit("first");
  r.write("a/x", "one\ntwo\nthree\nfour\n");
  r.write("b/z", "z1\nz2\nz3\n");
  r.commit("second");
}

// The repository a crash test starts from: the layout repository plus an ignored and an untracked file.
void make_crash_repo(TempRepo& r) {
  make_layout_repo(r);
  r.write(".gitignore", "venv/\n");
  r.commit("ignore");
  r.write("a/venv/lib", "ignored\n");
  r.write("b/untracked.txt", "u\n");
}

// The work tree `old_tree` once the layout mapping is applied.
std::map<std::string, std::string> migrated_tree(const std::map<std::string, std::string>& old_tree) {
  std::map<std::string, std::string> expected;
  for (auto& [p, v] : old_tree) {
    std::string n = p;
    for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{{"a", "b"}, {"b", "a"}, {"c", "e"}, {"e", "f"}, {"docs", "docs/legacy"}})
      if (p == from || p.rfind(from + "/", 0) == 0) {
        n = to + p.substr(from.size());
        break;
      }
    expected[n] = v;
  }
  expected["docs"] = "dir";
  return expected;
}

// Everything git and the user see, for "exactly as before": HEAD, refs, ORIG_HEAD, the index's bytes,
// status with ignored files, and the work tree's every file.
struct RepoState {
  std::string head, refs, orig_head, index, status;
  std::map<std::string, std::string> tree;
  bool operator==(const RepoState&) const = default;
};
RepoState repo_state(TempRepo& r) {
  RepoState s;
  s.head = TempRepo::trim(r.git({"rev-parse", "HEAD"}).out);
  s.refs = r.git({"for-each-ref"}).out;
  s.orig_head = r.git({"rev-parse", "-q", "--verify", "ORIG_HEAD"}, true).out;
  s.status = r.git({"status", "--porcelain", "--ignored"}).out;  // first: status may refresh the index
  s.index = r.read(".git/index");
  s.tree = work_tree_snapshot(r.dir());
  return s;
}

// No journal, no temporary directory, no removed journal, no staged pack left behind.
bool no_reorg_leftovers(TempRepo& r) {
  return !fs::exists(r.dir() / ".git/reorg") && !fs::exists(r.dir() / ".git/reorg-tmp") &&
         !fs::exists(r.dir() / ".git/reorg-removed") && !fs::exists(r.dir() / ".git/reorg-pack");
}

// The files of objects/pack: only complete packs (pack-X.pack with its pack-X.idx), never a temporary
// file of a pack cut short, which git would keep for ever (`git count-objects -v`: garbage).
std::vector<std::string> pack_files(TempRepo& r) {
  std::vector<std::string> out;
  for (const fs::directory_entry& e : fs::directory_iterator(r.dir() / ".git/objects/pack")) out.push_back(e.path().filename());
  std::sort(out.begin(), out.end());
  return out;
}
bool only_complete_packs(TempRepo& r) {
  std::vector<std::string> files = pack_files(r);
  for (const std::string& f : files) {
    std::string stem = f.substr(0, f.rfind('.'));
    if (f.rfind("pack-", 0) != 0) return false;
    if (!std::binary_search(files.begin(), files.end(), stem + ".pack") || !std::binary_search(files.begin(), files.end(), stem + ".idx"))
      return false;
  }
  return r.git({"count-objects", "-v"}).out.find("garbage: 0\n") != std::string::npos;
}

}  // namespace

TEST_CASE("apply: the first commit is pure renames that git follows", "[exec][apply]") {
  TempRepo r;
  make_layout_repo(r);
  std::string first = TempRepo::trim(r.git({"rev-list", "--max-parents=0", "HEAD"}).out);
  std::string before = head(r);
  CommandResult res = r.reorg({"apply", "mapping.yaml"});
  INFO(res.out << res.err);
  REQUIRE(res.exit_code == 0);
  CHECK(TempRepo::trim(r.git({"rev-parse", "HEAD~1"}).out) == before);
  CHECK(TempRepo::trim(r.git({"rev-parse", "ORIG_HEAD"}).out) == before);

  // Every moved file is an exact rename, even with rename detection limited to one file.
  for (bool limited : {false, true}) {
    std::vector<std::string> args = {"diff", "-M", "--name-status", "HEAD~1", "HEAD"};
    if (limited) args.insert(args.begin(), {"-c", "diff.renameLimit=1"});
    std::vector<std::string> diff = lines(r.git(args).out);
    CHECK(diff.size() == 8);
    for (const std::string& l : diff) CHECK(l.rfind("R100\t", 0) == 0);
  }
  CHECK(r.git({"ls-tree", "HEAD", "b/run.sh"}).out.rfind("100755 ", 0) == 0);
  CHECK(r.git({"ls-tree", "HEAD", "b/link"}).out.rfind("120000 ", 0) == 0);
  CHECK(fs::is_symlink(r.dir() / "b/link"));
  CHECK((fs::status(r.dir() / "b/run.sh").permissions() & fs::perms::owner_exec) != fs::perms::none);

  // History: --follow reaches the first commit, blame attributes lines to both old commits.
  CHECK(lines(r.git({"log", "--follow", "--format=%H", "b/x"}).out).back() == first);
  std::string blame = r.git({"blame", "--porcelain", "b/x"}).out;
  CHECK(blame.find(first) != std::string::npos);
  CHECK(blame.find(before) != std::string::npos);

  // The work tree and index are those of the new commit: clean status, stat data in the index.
  CHECK(r.git({"status", "--porcelain", "--ignored"}).out.empty());
  CHECK(r.git({"fsck", "--strict"}).exit_code == 0);
  CHECK(r.read("a/z") == "z1\nz2\nz3\n");
  CHECK(r.read("f/v") == "v\n");
  CHECK(r.read("e/w") == "w\n");
  CHECK(r.read("docs/legacy/guide.md") == "# Guide\n");
  CHECK(!fs::exists(r.dir() / "c"));
  CHECK(r.git({"ls-files", "--debug", "b/sub/y"}).out.find("mtime: 0:0") == std::string::npos);

  // The message names the mapping and carries the trailers.
  std::string trailers = r.git({"log", "-1", "--format=%(trailers:only,unfold)"}).out;
  CHECK(trailers.find("Reorg-Mapping: mapping.yaml") != std::string::npos);
  CHECK(trailers.find("Reorg-Mapping-Blob: " + TempRepo::trim(r.git({"hash-object", "mapping.yaml"}).out)) != std::string::npos);
  CHECK(r.git({"log", "-1", "--format=%an <%ae> %ad", "--date=raw"}).out.find("Test Author <author@example.com> 17000") == 0);
  CHECK(res.out.find("not a squash") == std::string::npos);  // moves only: a squash keeps every rename exact
  CHECK(res.out.find("git reset --hard ORIG_HEAD") != std::string::npos);
}

TEST_CASE("apply: untracked and ignored files move with their directory", "[exec][apply]") {
  TempRepo r;
  r.write(".gitignore", "venv/\n.env\n");
  r.write("tests/case1/test.py", "pass\n");
  r.write("other/keep.txt", "k\n");
  r.write("mapping.yaml", "version: 1\nmoves:\n  - from: tests/case1\n    to: examples/case1\n");
  r.commit("init");
  r.write("tests/case1/venv/bin/python", "py\n");
  r.write("tests/case1/.env", "SECRET=1\n");
  r.write("tests/case1/notes.txt", "untracked\n");
  CommandResult res = r.reorg({"apply", "mapping.yaml"});
  INFO(res.out << res.err);
  REQUIRE(res.exit_code == 0);
  CHECK(r.read("examples/case1/venv/bin/python") == "py\n");
  CHECK(r.read("examples/case1/.env") == "SECRET=1\n");
  CHECK(r.read("examples/case1/notes.txt") == "untracked\n");
  CHECK(!fs::exists(r.dir() / "tests"));  // left empty, removed
  CHECK(res.out.find("tests/case1/.env -> examples/case1/.env") != std::string::npos);
  CHECK(status(r).empty());
}

TEST_CASE("apply: .gitignore lines naming ignored files follow them, which stay ignored", "[exec][apply]") {
  TempRepo r;
  // `cache/*.bin` is narrower than its directory, which holds only ignored files (git lists `cache/`).
  r.write(".gitignore", "01-intro/model.pth\n01-intro/data/\n*.log\n01-intro/cache/*.bin\n");
  r.write("01-intro/lesson.md", "# Intro\n");
  r.write("02-next/lesson.md", "# Next\n");
  r.write("mapping.yaml", "version: 1\nmoves:\n  - from: 01-intro\n    to: intro\n");
  r.commit("init");
  r.write("01-intro/model.pth", "weights\n");
  r.write("01-intro/data/train.csv", "1,2\n");
  r.write("01-intro/run.log", "log\n");
  r.write("01-intro/cache/w.bin", "w\n");
  CommandResult res = r.reorg({"apply", "mapping.yaml"});
  INFO(res.out << res.err);
  REQUIRE(res.exit_code == 0);
  CHECK(r.read(".gitignore") == "intro/model.pth\nintro/data/\n*.log\nintro/cache/*.bin\n");
  CHECK(r.read("intro/data/train.csv") == "1,2\n");
  // git itself: the carried files are still ignored at their new place, nothing shows up as untracked.
  CHECK(r.git({"status", "--porcelain", "--ignored"}).out ==
        "!! intro/cache/\n!! intro/data/\n!! intro/model.pth\n!! intro/run.log\n");
}

TEST_CASE("apply: an untracked file in the way refuses and changes nothing", "[exec][apply]") {
  TempRepo r;
  r.write("a/x", "x\n");
  r.write("a/y", "y\n");
  r.write("b/keep", "k\n");
  r.write("mapping.yaml", "version: 1\nmoves:\n  - from: a/x\n    to: b/x\n  - from: a/y\n    to: c/y\n");
  r.commit("init");
  r.write("b/x", "mine\n");
  r.write("c", "a file where a directory must go\n");
  auto before = work_tree_snapshot(r.dir());
  std::string h = head(r);
  CommandResult res = r.reorg({"apply", "mapping.yaml"});
  CHECK(res.exit_code == 3);
  CHECK(res.err.find("`a/x` would land on `b/x`") != std::string::npos);
  CHECK(res.err.find("`c` is in the way of `c/y`") != std::string::npos);
  CHECK(work_tree_snapshot(r.dir()) == before);
  CHECK(head(r) == h);
}

TEST_CASE("apply: every precondition refuses and changes nothing", "[exec][apply]") {
  TempRepo r;
  make_layout_repo(r);
  std::string missing = "version: 1\nmoves:\n  - from: nowhere\n    to: somewhere\n";
  r.write("broken.yaml", missing);
  r.commit("mappings");
  int expected = 3;  // refused to touch the repository; the exceptions say so
  std::vector<std::string> args = {"apply", "mapping.yaml"};
  std::string message;
  SECTION("not a repository") {
    expected = 2;  // environment
    args = {"apply", (r.dir() / "mapping.yaml").string(), "-C", "/"};
    message = "not a git repository";
  }
  SECTION("bare") {
    expected = 2;  // environment
    r.git({"config", "core.bare", "true"});
    message = "bare";
  }
  SECTION("detached HEAD") {
    r.git({"checkout", "-q", "--detach"});
    message = "detached";
  }
  SECTION("merge in progress") {
    r.git({"checkout", "-q", "-b", "side", "HEAD~1"});
    r.write("README.md", "side\n");
    r.commit("side");
    r.git({"checkout", "-q", "main"});
    r.write("README.md", "main\n");
    r.commit("main");
    r.git({"merge", "side"}, true);
    message = "merge is in progress";
  }
  SECTION("tracked file modified") {
    r.write("a/x", "changed\n");
    message = "modified or staged";
  }
  SECTION("tracked file staged") {
    r.write("new.txt", "n\n");
    r.git({"add", "new.txt"});
    message = "modified or staged";
  }
  SECTION("submodule directory deleted") {  // passed the check, then failed half-way renaming a/lib
    r.git({"update-index", "--add", "--cacheinfo", "160000,1111111111111111111111111111111111111111,a/lib"});
    r.git({"commit", "-q", "-m", "submodule"});
    REQUIRE(r.git({"status", "--porcelain"}).out == " D a/lib\n");
    message = "modified or staged";
  }
  SECTION("submodule pointer staged") {  // was dropped when the index was rewritten
    r.git({"update-index", "--add", "--cacheinfo", "160000,1111111111111111111111111111111111111111,a/lib"});
    r.git({"commit", "-q", "-m", "submodule"});
    fs::create_directories(r.dir() / "a/lib");
    r.git({"update-index", "--cacheinfo", "160000,2222222222222222222222222222222222222222,a/lib"});
    REQUIRE(r.git({"status", "--porcelain"}).out == "M  a/lib\n");
    message = "modified or staged";
  }
  SECTION("assume-unchanged file edited") {  // the edit was invisible to status, then overwritten
    r.git({"update-index", "--assume-unchanged", "a/x"});
    r.write("a/x", "edited\n");
    REQUIRE(status(r).empty());
    message = "modified or staged";
  }
  SECTION("skip-worktree file edited") {
    r.git({"update-index", "--skip-worktree", "b/z"});
    r.write("b/z", "edited\n");
    REQUIRE(status(r).empty());
    message = "modified or staged";
  }
  SECTION("check errors") {
    args = {"apply", "broken.yaml"};
    expected = 1;
    message = "not in the tree";
  }
  SECTION("index.lock present") {
    r.write(".git/index.lock", "");
    message = "index.lock";
  }
  SECTION("interrupted apply") {
    expected = 4;  // an apply is in progress
    r.write(".git/reorg/journal", "{}");
    message = "interrupted";
  }
  SECTION("tag exists") {
    r.git({"tag", "pre"});
    args = {"apply", "mapping.yaml", "--tag-before", "pre"};
    message = "tag `pre` already exists, at HEAD: leave out --tag-before to keep it as it is, or choose a new name";
  }
  // The real repository had its pre-reorganization tag made by hand, weeks before the migration.
  SECTION("tag exists at an older commit") {
    std::string old = TempRepo::trim(r.git({"rev-parse", "HEAD"}).out);
    r.git({"tag", "-a", "-m", "before", "pre", old});
    r.write("later.txt", "later\n");
    r.commit("a commit after the tag");
    r.write("later2.txt", "later\n");
    r.commit("another");
    args = {"apply", "mapping.yaml", "--tag-before", "pre"};
    message = "tag `pre` already exists, at " + old.substr(0, 12) +
              ", 2 commits before HEAD (the files changed since are not in it): leave out --tag-before";
  }
  SECTION("tag exists on another line of history") {
    std::string base = TempRepo::trim(r.git({"rev-parse", "HEAD"}).out);
    r.git({"checkout", "-q", "-b", "side"});
    r.write("side.txt", "side\n");
    r.commit("side");
    r.git({"tag", "pre"});
    std::string side = TempRepo::trim(r.git({"rev-parse", "HEAD"}).out);
    r.git({"checkout", "-q", "-"});
    args = {"apply", "mapping.yaml", "--tag-before", "pre"};
    message = "tag `pre` already exists, at " + side.substr(0, 12) + ", not an ancestor of HEAD";
  }
  SECTION("branch exists") {
    r.git({"branch", "reorg"});
    args = {"apply", "mapping.yaml", "--branch", "reorg"};
    message = "branch `reorg` already exists";
  }
  SECTION("sparse checkout") {  // issue 15, item 17: was "tracked files are modified or staged"
    r.git({"sparse-checkout", "set", "a"});
    message = "this work tree is a sparse checkout (core.sparseCheckout)";
  }
  SECTION("case-only rename on a case-insensitive file system") {  // item 17: was a false collision there
    r.git({"config", "core.ignorecase", "true"});
    r.write(".git/case.yaml", "version: 1\nmoves:\n  - from: docs\n    to: Docs\n");
    args = {"apply", (r.dir() / ".git/case.yaml").string()};
    expected = 1;
    message = "case-only renames on a case-insensitive file system (core.ignorecase) are not supported";
  }
  auto before = work_tree_snapshot(r.dir());
  std::string h = TempRepo::trim(r.git({"rev-parse", "HEAD"}, true).out);
  std::string refs = r.git({"for-each-ref"}).out;
  CommandResult res = r.reorg(args);
  INFO(res.out << res.err);
  CHECK(res.exit_code == expected);
  CHECK(res.err.find(message) != std::string::npos);
  CHECK(work_tree_snapshot(r.dir()) == before);
  CHECK(TempRepo::trim(r.git({"rev-parse", "HEAD"}, true).out) == h);
  CHECK(r.git({"for-each-ref"}).out == refs);
}

TEST_CASE("apply: an uninitialized submodule moves with its directory", "[exec][apply]") {
  TempRepo r;
  make_layout_repo(r);
  r.git({"update-index", "--add", "--cacheinfo", "160000,1111111111111111111111111111111111111111,a/lib"});
  r.git({"commit", "-q", "-m", "submodule"});
  fs::create_directories(r.dir() / "a/lib");
  REQUIRE(r.git({"status", "--porcelain"}).out.empty());
  CommandResult res = r.reorg({"apply", "mapping.yaml"});
  INFO(res.out << res.err);
  REQUIRE(res.exit_code == 0);
  CHECK(r.git({"ls-files", "-s", "b/lib"}).out == "160000 1111111111111111111111111111111111111111 0\tb/lib\n");
  CHECK(r.git({"status", "--porcelain"}).out.empty());
}

namespace {

// A superproject with a/x and an initialized submodule at a/lib (a `.git` file, its git dir in
// .git/modules/a/lib with core.worktree), and a mapping that moves a two levels deeper.
void make_super_repo(TempRepo& r, const TempRepo& sub) {
  r.write("a/x", "x\n");
  r.git({"-c", "protocol.file.allow=always", "submodule", "add", "-q", sub.dir().string(), "a/lib"});
  r.write("mapping.yaml", "version: 1\nmoves:\n  - from: a\n    to: deep/er/a\n");
  r.commit("with a submodule");
}

std::string worktree_of(TempRepo& r) { return r.git({"config", "-f", ".git/modules/a/lib/config", "core.worktree"}).out; }

}  // namespace

// Issue 15, item 9: the submodule's `.git` file and core.worktree followed as `git mv` does (before,
// `git status` failed after a successful apply: "not a git repository").
TEST_CASE("apply: an initialized submodule moves as git mv moves it", "[exec][apply]") {
  TempRepo sub, r, oracle;
  sub.write("s.txt", "s\n");
  sub.commit("sub");
  make_super_repo(r, sub);
  make_super_repo(oracle, sub);
  fs::create_directories(oracle.dir() / "deep/er");  // git mv wants the destination's parent
  oracle.git({"mv", "a", "deep/er/a"});
  std::string old_gitfile = r.read("a/lib/.git"), old_worktree = worktree_of(r);
  SECTION("apply") {
    CommandResult res = r.reorg({"apply", "mapping.yaml"});
    INFO(res.out << res.err);
    REQUIRE(res.exit_code == 0);
    CHECK(r.read("deep/er/a/lib/.git") == oracle.read("deep/er/a/lib/.git"));
    CHECK(worktree_of(r) == worktree_of(oracle));
    CHECK(r.read(".gitmodules") == oracle.read(".gitmodules"));
    CommandResult st = r.git({"status", "--porcelain"}, true);
    CHECK(st.exit_code == 0);
    CHECK(st.out.empty());
    CHECK(r.git({"-C", "deep/er/a/lib", "status", "--porcelain"}, true).exit_code == 0);
    CHECK(r.git({"submodule", "status"}).out.find(" deep/er/a/lib ") != std::string::npos);
  }
  SECTION("--abort after the writes") {
    REQUIRE(r.reorg({"apply", "mapping.yaml"}, {{"GITREORG_FAULT_AFTER_STEP", "6"}}).exit_code == kFaultKilled);
    CHECK(r.read("deep/er/a/lib/.git") == oracle.read("deep/er/a/lib/.git"));
    CommandResult res = r.reorg({"apply", "--abort"});
    INFO(res.out << res.err);
    REQUIRE(res.exit_code == 0);
    CHECK(r.read("a/lib/.git") == old_gitfile);
    CHECK(worktree_of(r) == old_worktree);
    CHECK(r.git({"status", "--porcelain"}).out.empty());
    CHECK(no_reorg_leftovers(r));
  }
}

TEST_CASE("apply: without an identity, says how to set one, as git does, and changes nothing", "[exec][apply]") {
  TempRepo r;
  make_layout_repo(r);
  fs::path home = r.dir() / ".git/empty-home";
  fs::create_directories(home);
  auto before = work_tree_snapshot(r.dir());
  std::string h = head(r), refs = r.git({"for-each-ref"}).out;
  std::map<std::string, std::string> env{{"HOME", home.string()},
                                         {"XDG_CONFIG_HOME", home.string()},
                                         {"GIT_CONFIG_GLOBAL", "/dev/null"},
                                         {"GIT_CONFIG_NOSYSTEM", "1"},
                                         {"NO_COLOR", "1"}};
  std::vector<std::string> unset{"GIT_AUTHOR_NAME",    "GIT_AUTHOR_EMAIL", "GIT_AUTHOR_DATE", "GIT_COMMITTER_NAME",
                                 "GIT_COMMITTER_EMAIL", "GIT_COMMITTER_DATE", "EMAIL"};
  CommandResult res = gitreorg::testing::run_command({GITREORG_CLI_PATH, "apply", "mapping.yaml"}, r.dir(), env, unset);
  CHECK(res.exit_code == 2);
  CHECK(res.err ==
        "git-reorg: error: author identity unknown: please tell me who you are\n"
        "  Run\n"
        "    git config --global user.email \"you@example.com\"\n"
        "    git config --global user.name \"Your Name\"\n"
        "  to set your account's default identity (omit --global to set it only in this repository),\n"
        "  or set GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL.\n");
  CHECK(work_tree_snapshot(r.dir()) == before);
  CHECK(head(r) == h);
  CHECK(r.git({"for-each-ref"}).out == refs);
  CHECK(!fs::exists(r.dir() / ".git/reorg"));
}

// A gc that runs now (`git commit` starts one in the background) could repack away the objects apply
// writes before its refs name them.
TEST_CASE("apply: refused while a git gc runs, changing nothing", "[exec][apply][gc]") {
  TempRepo r;
  make_crash_repo(r);
  char host[256] = {};
  REQUIRE(gethostname(host, sizeof host - 1) == 0);
  std::string holder = std::to_string(getppid()) + " " + host;  // a live process of this host
  r.write(".git/gc.pid", holder);
  RepoState before = repo_state(r);
  CommandResult res = r.reorg({"apply", "mapping.yaml"});
  INFO(res.out << res.err);
  CHECK(res.exit_code == 3);
  CHECK(res.err.find("a `git gc` is running (pid " + std::to_string(getppid())) != std::string::npos);
  CHECK(res.err.find("wait for it to finish and run the command again") != std::string::npos);
  CHECK(repo_state(r) == before);
  CHECK(r.read(".git/gc.pid") == holder);
  CHECK(no_reorg_leftovers(r));
  fs::remove(r.dir() / ".git/gc.pid");
  res = r.reorg({"apply", "mapping.yaml"});
  CHECK(res.exit_code == 0);
  CHECK(!fs::exists(r.dir() / ".git/gc.pid"));
}

TEST_CASE("apply: a crash after any step is finished by --continue or undone by --abort", "[exec][apply]") {
  struct Fault {
    const char* var;
    int value;
  };
  std::vector<Fault> faults;
  for (int step = 1; step <= 9; ++step) faults.push_back({"GITREORG_FAULT_AFTER_STEP", step});
  for (int op = 1; op <= 10; ++op) faults.push_back({"GITREORG_FAULT_AFTER_OP", op});
  for (const Fault& f : faults) {
    for (bool abort : {false, true}) {
      DYNAMIC_SECTION(f.var << "=" << f.value << (abort ? " --abort" : " --continue")) {
        TempRepo r;
        make_crash_repo(r);
        auto old_tree = work_tree_snapshot(r.dir());
        std::string old_head = head(r);
        CommandResult crash = r.reorg({"apply", "mapping.yaml", "--tag-before", "pre"}, {{f.var, std::to_string(f.value)}});
        INFO(crash.out << crash.err);
        REQUIRE(crash.exit_code == kFaultKilled);
        CommandResult rec = r.reorg({"apply", abort ? "--abort" : "--continue"});
        INFO(rec.out << rec.err);
        bool journaled = !(std::string(f.var) == "GITREORG_FAULT_AFTER_STEP" && (f.value == 1 || f.value == 9));
        CHECK(rec.exit_code == (journaled ? 0 : 2));
        CHECK(no_reorg_leftovers(r));
        CHECK(r.git({"fsck", "--strict"}).exit_code == 0);
        CHECK(status(r).empty());
        std::string h = head(r);
        bool migrated = h != old_head;
        bool expect_migrated = journaled ? !abort : f.value == 9;
        CHECK(migrated == expect_migrated);
        if (migrated) {
          CHECK(TempRepo::trim(r.git({"rev-parse", "HEAD~1"}).out) == old_head);
          CHECK(r.git({"tag", "-l", "pre"}).out == "pre\n");
          CHECK(work_tree_snapshot(r.dir()) == migrated_tree(old_tree));
        } else {
          CHECK(work_tree_snapshot(r.dir()) == old_tree);
          CHECK(r.git({"tag", "-l", "pre"}).out.empty());
        }
      }
    }
  }
}

// Issue 15, items 1 and 2: --continue and --abort killed themselves, at every one of their steps,
// then run again: the repository ends fully migrated (--continue) or exactly as before (--abort).
TEST_CASE("apply: --continue and --abort killed at every step are finished by running them again", "[exec][apply][crash]") {
  static std::size_t kills = 0, states = 0;  // Catch runs the test case once per section
  for (int first_op = 1; first_op <= 10; ++first_op) {
    for (bool abort : {false, true}) {
      // --continue is killed after each later operation and each later step; --abort after each undo.
      std::vector<std::pair<const char*, int>> second;
      if (abort) {
        for (int n = 1; n <= first_op; ++n) second.push_back({"GITREORG_FAULT_AFTER_UNDO", n});
      } else {
        for (int op = first_op + 1; op <= 10; ++op) second.push_back({"GITREORG_FAULT_AFTER_OP", op});
        for (int step = 6; step <= 8; ++step) second.push_back({"GITREORG_FAULT_AFTER_STEP", step});
      }
      for (auto [var, value] : second) {
        DYNAMIC_SECTION("apply killed after op " << first_op << ", " << (abort ? "--abort" : "--continue") << " killed at " << var
                                                 << "=" << value) {
          TempRepo r;
          make_crash_repo(r);
          RepoState before = repo_state(r);
          CommandResult crash = r.reorg({"apply", "mapping.yaml", "--tag-before", "pre"}, {{"GITREORG_FAULT_AFTER_OP", std::to_string(first_op)}});
          REQUIRE(crash.exit_code == kFaultKilled);
          const char* flag = abort ? "--abort" : "--continue";
          CommandResult killed = r.reorg({"apply", flag}, {{var, std::to_string(value)}});
          INFO(killed.out << killed.err);
          REQUIRE(killed.exit_code == kFaultKilled);
          ++kills;
          CommandResult rec = r.reorg({"apply", flag});
          INFO(rec.out << rec.err);
          CHECK(rec.exit_code == 0);
          CHECK(no_reorg_leftovers(r));
          CHECK(r.git({"fsck", "--strict"}).exit_code == 0);
          if (abort) {
            RepoState after = repo_state(r);
            CHECK(after.head == before.head);
            CHECK(after.refs == before.refs);
            CHECK(after.orig_head == before.orig_head);
            CHECK(after.index == before.index);
            CHECK(after.status == before.status);
            CHECK(after.tree == before.tree);
          } else {
            CHECK(TempRepo::trim(r.git({"rev-parse", "HEAD~1"}).out) == before.head);
            CHECK(status(r).empty());
            CHECK(work_tree_snapshot(r.dir()) == migrated_tree(before.tree));
          }
          ++states;
        }
      }
    }
  }
  WARN("recovery killed " << kills << " times, " << states << " end states checked");
}

// Issue 15, item 4: an error after the journal is written rolls back by itself.
TEST_CASE("apply: a failure after the journal is written is rolled back, leaving the repository exactly as before",
          "[exec][apply]") {
  std::vector<std::pair<const char*, int>> faults;
  for (int step = 2; step <= 8; ++step) faults.push_back({"GITREORG_FAULT_FAIL_AFTER_STEP", step});
  for (int op = 1; op <= 10; ++op) faults.push_back({"GITREORG_FAULT_FAIL_AFTER_OP", op});
  for (auto [var, value] : faults) {
    DYNAMIC_SECTION(var << "=" << value) {
      TempRepo r;
      make_crash_repo(r);
      RepoState before = repo_state(r);
      CommandResult res = r.reorg({"apply", "mapping.yaml", "--tag-before", "pre"}, {{var, std::to_string(value)}});
      INFO(res.out << res.err);
      CHECK(res.exit_code == 2);
      CHECK(res.err.find("git-reorg: error: apply failed: injected failure") == 0);
      CHECK(res.err.find("rolled back: HEAD, refs, index and work tree are as they were") != std::string::npos);
      CHECK(no_reorg_leftovers(r));
      RepoState after = repo_state(r);
      CHECK(after.head == before.head);
      CHECK(after.refs == before.refs);
      CHECK(after.orig_head == before.orig_head);
      CHECK(after.index == before.index);
      CHECK(after.status == before.status);
      CHECK(after.tree == before.tree);
      CHECK(r.git({"fsck", "--strict"}).exit_code == 0);
    }
  }
}

TEST_CASE("apply: when the rollback fails too, says that an apply is in progress and how to finish it", "[exec][apply]") {
  TempRepo r;
  make_crash_repo(r);
  RepoState before = repo_state(r);
  CommandResult res = r.reorg({"apply", "mapping.yaml"}, {{"GITREORG_FAULT_FAIL_AFTER_OP", "4"}, {"GITREORG_FAULT_FAIL_AFTER_UNDO", "2"}});
  INFO(res.out << res.err);
  CHECK(res.exit_code == 4);
  CHECK(res.err.find("apply failed: injected failure after operation 4") != std::string::npos);
  CHECK(res.err.find("rolling back failed too: injected failure after undo 2") != std::string::npos);
  CHECK(res.err.find("an apply is in progress: run `git reorg apply --abort` to undo it or `git reorg apply --continue` to finish it") !=
        std::string::npos);
  CHECK(res.err.find("nothing was changed") == std::string::npos);
  CHECK(fs::exists(r.dir() / ".git/reorg/journal"));
  SECTION("--abort finishes the rollback") {
    CommandResult rec = r.reorg({"apply", "--abort"});
    INFO(rec.out << rec.err);
    CHECK(rec.exit_code == 0);
    CHECK(no_reorg_leftovers(r));
    CHECK(repo_state(r).tree == before.tree);
    CHECK(repo_state(r).index == before.index);
    CHECK(head(r) == before.head);
  }
  SECTION("--continue after an interrupted rollback refuses and names --abort") {
    CommandResult rec = r.reorg({"apply", "--continue"});
    CHECK(rec.exit_code == 4);
    CHECK(rec.err.find("run `git reorg apply --abort` again") != std::string::npos);
  }
}

// Issue 15, item 6: the journal names paths relative to the work tree and the git dir, and a copy or
// a move of the repository during an interrupted apply is refused instead of acting on the original.
TEST_CASE("apply: an interrupted apply is refused in a copy or a moved repository, naming where it was started",
          "[exec][apply]") {
  TempRepo r;
  make_crash_repo(r);
  RepoState before = repo_state(r);
  REQUIRE(r.reorg({"apply", "mapping.yaml"}, {{"GITREORG_FAULT_AFTER_OP", "4"}}).exit_code == kFaultKilled);
  nlohmann::json journal = nlohmann::json::parse(r.read(".git/reorg/journal"));
  CHECK(journal.at("work_tree") == r.dir().string());
  journal.erase("work_tree");
  journal.erase("git_dir");
  CHECK(journal.dump().find(r.dir().string()) == std::string::npos);
  auto crashed = work_tree_snapshot(r.dir());
  std::string where =
      "was started in the repository at " + r.dir().string() + " (git dir " + r.dir().string() + "/.git), not in this one at ";
  SECTION("--abort in a copy") {
    gitreorg::testing::TempDir copy("gitreorg-copy");
    REQUIRE(gitreorg::testing::run_command({"cp", "-a", r.dir().string(), copy.path().string()}).exit_code == 0);
    CommandResult res = gitreorg::testing::run_command({GITREORG_CLI_PATH, "apply", "--abort"}, copy.path(),
                                                         gitreorg::testing::fixed_git_env());
    INFO(res.out << res.err);
    CHECK(res.exit_code == 2);
    CHECK(res.err.find(where + copy.path().string()) != std::string::npos);
    CHECK(res.err.find("the repository was copied or moved since") != std::string::npos);
    CHECK(work_tree_snapshot(r.dir()) == crashed);  // the original is untouched
    CHECK(work_tree_snapshot(copy.path()) == crashed);
    CHECK(r.reorg({"apply", "--abort"}).exit_code == 0);
    CHECK(repo_state(r) == before);
  }
  SECTION("--continue after a move, then moved back") {
    fs::path moved = r.dir().string() + "-moved";
    fs::rename(r.dir(), moved);
    CommandResult res = gitreorg::testing::run_command({GITREORG_CLI_PATH, "apply", "--continue"}, moved,
                                                         gitreorg::testing::fixed_git_env());
    fs::rename(moved, r.dir());
    INFO(res.out << res.err);
    CHECK(res.exit_code == 2);
    CHECK(res.err.find(where + moved.string()) != std::string::npos);
    CHECK(res.err.find("or move this repository back to " + r.dir().string() + " first") != std::string::npos);
    CHECK(work_tree_snapshot(r.dir()) == crashed);
    CHECK(r.reorg({"apply", "--continue"}).exit_code == 0);
    CHECK(work_tree_snapshot(r.dir()) == migrated_tree(before.tree));
    CHECK(no_reorg_leftovers(r));
  }
}

namespace {

// A repository whose apply writes files (README.md and docs/guide.md get their links rewritten), with a
// read-only README.md and an untracked README.md.git-reorg-tmp of the user's beside it.
void make_edit_repo(TempRepo& r) {
  r.write("a/x", "x\n");
  r.write("README.md", "[x](a/x)\n");
  r.write("docs/guide.md", "[readme](../README.md)\n");
  r.write("mapping.yaml", "version: 1\nmoves:\n  - from: a\n    to: b\n  - from: docs\n    to: manual/docs\n");
  r.commit("first");
  fs::permissions(r.dir() / "README.md", fs::perms(0444));
  r.write("README.md.git-reorg-tmp", "mine\n");
}

// Paths of the work tree and the git dir that a temporary file of git-reorg would have.
std::vector<std::string> temp_leftovers(TempRepo& r) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(r.dir())) {
    std::string rel = fs::relative(e.path(), r.dir()).generic_string();
    if (rel.find("git-reorg-tmp") != std::string::npos && rel != "README.md.git-reorg-tmp") out.push_back(rel);
    if (rel.rfind(".git/reorg", 0) == 0) out.push_back(rel);
  }
  return out;
}

}  // namespace

// Issue 15, items 5, 11 and 18 (modes): a write goes through a temporary file named in the journal,
// in .git/reorg-tmp, created with O_EXCL: a user's file named like the old temporary file is never
// touched, a kill while it is written leaves nothing once recovered, and a read-only file stays so.
// Issue 16: an edited file is written in place, so a kill tears it; recovery writes it whole.
TEST_CASE("apply: temporary files are journaled, never a user's file, and removed by recovery", "[exec][apply]") {
  SECTION("a clean apply") {
    TempRepo r;
    make_edit_repo(r);
    CommandResult res = r.reorg({"apply", "mapping.yaml"});
    INFO(res.out << res.err);
    REQUIRE(res.exit_code == 0);
    CHECK(r.read("README.md") == "[x](b/x)\n");
    CHECK(r.read("README.md.git-reorg-tmp") == "mine\n");
    CHECK((fs::status(r.dir() / "README.md").permissions() & fs::perms::all) == fs::perms(0444));
    CHECK(temp_leftovers(r).empty());
    CHECK(status(r).empty());
  }
  SECTION("an edited file is rewritten in place; one with another hard link is replaced, the link keeps its content") {
    TempRepo r;
    make_edit_repo(r);
    auto inode = [&](const char* path) {
      struct stat st;
      REQUIRE(::lstat((r.dir() / path).c_str(), &st) == 0);
      return st.st_ino;
    };
    gitreorg::testing::TempDir elsewhere("gitreorg-link", r.dir().parent_path());  // a hard link needs the same filesystem
    fs::create_directories(elsewhere.path());
    fs::path link = elsewhere.path() / "guide-link.md";
    fs::create_hard_link(r.dir() / "docs/guide.md", link);
    ino_t readme = inode("README.md"), guide = inode("docs/guide.md");
    CommandResult res = r.reorg({"apply", "mapping.yaml"});
    INFO(res.out << res.err);
    REQUIRE(res.exit_code == 0);
    CHECK(inode("README.md") == readme);
    CHECK(r.read("README.md") == "[x](b/x)\n");
    CHECK(inode("manual/docs/guide.md") != guide);
    CHECK(r.read("manual/docs/guide.md") == "[readme](../../README.md)\n");
    std::ifstream in(link);
    CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == "[readme](../README.md)\n");
    CHECK(status(r).empty());
  }
  SECTION("killed in the middle of a write (in place: after half of its bytes)") {
    std::size_t kills = 0;
    for (int op = 1; op <= 8; ++op)
      for (bool abort : {false, true}) {
        TempRepo r;
        make_edit_repo(r);
        RepoState before = repo_state(r);
        std::string staged = r.git({"ls-files", "--stage"}).out;
        CommandResult crash = r.reorg({"apply", "mapping.yaml"}, {{"GITREORG_FAULT_MID_WRITE", std::to_string(op)}});
        if (crash.exit_code == 0) continue;  // not a write
        INFO("op " << op << (abort ? " --abort" : " --continue") << "\n" << crash.out << crash.err);
        REQUIRE(crash.exit_code == kFaultKilled);
        ++kills;
        CHECK(r.read("README.md.git-reorg-tmp") == "mine\n");
        CommandResult rec = r.reorg({"apply", abort ? "--abort" : "--continue"});
        INFO(rec.out << rec.err);
        CHECK(rec.exit_code == 0);
        CHECK(temp_leftovers(r).empty());
        CHECK(r.read("README.md.git-reorg-tmp") == "mine\n");
        CHECK((fs::status(r.dir() / "README.md").permissions() & fs::perms::all) == fs::perms(0444));
        if (abort) {
          // The index as it was, but for the stat data of the files written back (git refreshes it).
          RepoState after = repo_state(r);
          after.index = before.index;
          CHECK(after == before);
          CHECK(r.git({"ls-files", "--stage"}).out == staged);
        } else {
          CHECK(status(r).empty());
          CHECK(r.read("README.md") == "[x](b/x)\n");
          CHECK(r.read("manual/docs/guide.md") == "[readme](../../README.md)\n");
        }
      }
    CHECK(kills == 4);  // two writes, each with --continue and --abort
  }
  SECTION("files left in .git/reorg-tmp by an earlier run are refused, never renamed over") {
    TempRepo r;
    make_edit_repo(r);
    r.write(".git/reorg-tmp/0", "stranded\n");
    RepoState before = repo_state(r);
    CommandResult res = r.reorg({"apply", "mapping.yaml"});
    INFO(res.out << res.err);
    CHECK(res.exit_code == 3);
    CHECK(res.err.find("reorg-tmp holds files left by an earlier git-reorg run") != std::string::npos);
    CHECK(res.err.find("  " + (r.dir() / ".git/reorg-tmp/0").string() + "\n") != std::string::npos);
    CHECK(r.read(".git/reorg-tmp/0") == "stranded\n");
    CHECK(repo_state(r) == before);
  }
}

// Issue 15, item 3: a kill while libgit2 holds a lock (index.lock, the branch's, the tag's, HEAD.lock,
// ORIG_HEAD.lock) leaves the lock file; recovery removes exactly the locks its journal says its own
// killed run took, and respects a lock it did not take.
TEST_CASE("apply: locks left by a killed run are removed by recovery, a lock of another process is respected",
          "[exec][apply]") {
  struct Lock {
    const char* name;
    const char* file;
  };
  for (Lock lock : {Lock{"index", "index.lock"}, Lock{"pre", "refs/tags/pre.lock"}, Lock{"main", "refs/heads/main.lock"},
                    Lock{"reorg", "refs/heads/reorg.lock"}, Lock{"HEAD", "HEAD.lock"}, Lock{"ORIG_HEAD", "ORIG_HEAD.lock"}}) {
    for (bool abort : {false, true}) {
      DYNAMIC_SECTION("killed holding " << lock.file << (abort ? ", --abort" : ", --continue")) {
        TempRepo r;
        make_crash_repo(r);
        RepoState before = repo_state(r);
        std::vector<std::string> args = {"apply", "mapping.yaml", "--tag-before", "pre"};
        bool branch = std::string(lock.name) == "reorg" || std::string(lock.name) == "HEAD";
        if (branch) args.insert(args.end(), {"--branch", "reorg"});
        CommandResult crash = r.reorg(args, {{"GITREORG_FAULT_HOLDING_LOCK", lock.name}});
        INFO(crash.out << crash.err);
        REQUIRE(crash.exit_code == kFaultKilled);
        REQUIRE(fs::exists(r.dir() / ".git" / lock.file));
        CommandResult rec = r.reorg({"apply", abort ? "--abort" : "--continue"});
        INFO(rec.out << rec.err);
        CHECK(rec.exit_code == 0);
        CHECK_FALSE(fs::exists(r.dir() / ".git" / lock.file));
        CHECK(no_reorg_leftovers(r));
        CHECK(r.git({"fsck", "--strict"}).exit_code == 0);
        if (abort) {
          CHECK(repo_state(r) == before);
        } else {
          CHECK(TempRepo::trim(r.git({"rev-parse", "HEAD~1"}).out) == before.head);
          CHECK(TempRepo::trim(r.git({"symbolic-ref", "HEAD"}).out) == (branch ? "refs/heads/reorg" : "refs/heads/main"));
          CHECK(status(r).empty());
          CHECK(work_tree_snapshot(r.dir()) == migrated_tree(before.tree));
        }
      }
    }
  }
  SECTION("a lock the journal does not record is another process's: refused, kept") {
    TempRepo r;
    make_crash_repo(r);
    RepoState before = repo_state(r);
    REQUIRE(r.reorg({"apply", "mapping.yaml"}, {{"GITREORG_FAULT_AFTER_OP", "4"}}).exit_code == kFaultKilled);
    auto crashed = work_tree_snapshot(r.dir());
    for (const char* file : {"index.lock", "ORIG_HEAD.lock"}) {
      r.write(std::string(".git/") + file, "");
      for (const char* flag : {"--continue", "--abort"}) {
        CommandResult res = r.reorg({"apply", flag});
        INFO(file << " " << flag << "\n" << res.out << res.err);
        CHECK(res.exit_code == 3);
        CHECK(res.err.find((r.dir() / ".git" / file).string() + " exists: another git process is changing the repository") !=
              std::string::npos);
        CHECK(fs::exists(r.dir() / ".git" / file));
        CHECK(work_tree_snapshot(r.dir()) == crashed);
        CHECK(TempRepo::trim(r.git({"rev-parse", "HEAD"}).out) == before.head);
      }
      fs::remove(r.dir() / ".git" / file);
    }
    CHECK(r.reorg({"apply", "--abort"}).exit_code == 0);
    CHECK(repo_state(r) == before);
  }
  SECTION("a lock recorded by a git-reorg that still runs is respected") {
    TempRepo r;
    make_crash_repo(r);
    REQUIRE(r.reorg({"apply", "mapping.yaml"}, {{"GITREORG_FAULT_HOLDING_LOCK", "index"}}).exit_code == kFaultKilled);
    // A live git-reorg: `check` waiting on a FIFO as its mapping.
    fs::path fifo = r.dir() / ".git/fifo";
    REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
    std::string cli = GITREORG_CLI_PATH, check = "check", fifo_arg = fifo.string();
    char* argv[] = {cli.data(), check.data(), fifo_arg.data(), nullptr};
    pid_t live = 0;
    REQUIRE(posix_spawn(&live, cli.c_str(), nullptr, nullptr, argv, environ) == 0);
    std::ofstream(r.dir() / ".git/reorg/locks", std::ios::trunc) << "+ " << live << " index\n";
    CommandResult res = r.reorg({"apply", "--continue"});
    INFO(res.out << res.err);
    CHECK(res.exit_code == 3);
    CHECK(res.err.find("index.lock is held by git-reorg process " + std::to_string(live) + ", which is still running") !=
          std::string::npos);
    CHECK(fs::exists(r.dir() / ".git/index.lock"));
    kill(live, SIGKILL);
    waitpid(live, nullptr, 0);
    CommandResult after = r.reorg({"apply", "--continue"});
    INFO(after.out << after.err);
    CHECK(after.exit_code == 0);
    CHECK_FALSE(fs::exists(r.dir() / ".git/index.lock"));
    CHECK(no_reorg_leftovers(r));
  }
  SECTION("apply refuses a lock that is held before it writes anything") {
    for (const char* file : {"HEAD.lock", "ORIG_HEAD.lock", "refs/heads/main.lock", "index.lock"}) {
      TempRepo r;
      make_crash_repo(r);
      r.write(std::string(".git/") + file, "");
      RepoState before = repo_state(r);
      CommandResult res = r.reorg({"apply", "mapping.yaml"});
      INFO(file << "\n" << res.err);
      CHECK(res.exit_code == 3);
      CHECK(res.err.find((r.dir() / ".git" / file).string() + " exists: another git process is running") != std::string::npos);
      CHECK(res.err.find("nothing was changed") != std::string::npos);
      CHECK(repo_state(r) == before);
      CHECK(no_reorg_leftovers(r));
    }
  }
}

// Issue 15, item 18: a short write of the journal (a full disk, here a file size limit of 1 KiB, above
// the index's size and below the journal's) reported a stale errno ("No such file or directory").
TEST_CASE("apply: a journal that cannot be written completely says why, not a stale errno", "[exec][apply]") {
  if (gitreorg::testing::run_command({"prlimit", "--version"}).exit_code != 0) {
    WARN("prlimit (util-linux) is not installed: not checked");
    return;
  }
  TempRepo r;
  make_layout_repo(r);
  RepoState before = repo_state(r);
  REQUIRE(before.index.size() < 1024);
  CommandResult res = gitreorg::testing::run_command(
      {"sh", "-c", "trap '' XFSZ; exec prlimit --fsize=1024 \"$0\" apply mapping.yaml", GITREORG_CLI_PATH}, r.dir(),
      gitreorg::testing::fixed_git_env());
  INFO(res.out << res.err);
  CHECK(res.exit_code == 2);
  // The new objects' pack, written before the journal, is the first file above the limit.
  CHECK(res.err.find("cannot write the new objects: cannot write the pack: cannot write `") != std::string::npos);
  CHECK(res.err.find("File too large") != std::string::npos);
  CHECK(res.err.find("nothing was changed") != std::string::npos);
  CHECK(repo_state(r) == before);
  CHECK(no_reorg_leftovers(r));
}

// Found by tests/crash/kill_every_syscall.sh: a kill while libgit2 wrote the new pack left its
// temporary files (pack_git2_*, pack_git2_*idx.lock) in objects/pack, where git never removes them,
// and nothing removed them. Now the pack is staged in .git/reorg-pack and moved into place; the next
// run removes what a kill left there, or completes the move when only the index was still staged.
TEST_CASE("apply: a kill while the new pack is written leaves nothing in objects/pack that git would not use",
          "[exec][apply]") {
  // .ci/debian-packages installs strace; a machine that forbids ptrace (some containers) cannot run it.
  if (gitreorg::testing::run_command({"strace", "-f", "-qq", "-o", "/dev/null", "true"}).exit_code != 0) {
    WARN("strace cannot trace here (not installed, or ptrace forbidden): not checked");
    return;
  }
  struct Kill {
    const char* what;
    // strace's -e inject=...: the first fsync is the pack's; the pack and its index are written under
    // temporary names and renamed to theirs in .git/reorg-pack (renames 1 and 2), then moved (3 and 4).
    const char* inject;
  };
  for (Kill k : {Kill{"while the pack is written", "fsync:signal=KILL:when=1"},
                 Kill{"once the pack is staged, before its index is", "rename:signal=KILL:when=2"},
                 Kill{"between the pack's move and its index's", "rename:signal=KILL:when=4"}}) {
    for (const char* recovery : {"--abort", "--continue"}) {
      DYNAMIC_SECTION(k.what << ", then " << recovery) {
        TempRepo r;
        make_crash_repo(r);
        RepoState before = repo_state(r);
        std::vector<std::string> packs_before = pack_files(r);
        CommandResult crash = gitreorg::testing::run_command(
            {"strace", "-f", "-qq", "-o", "/dev/null", "-e", std::string("inject=") + k.inject, GITREORG_CLI_PATH, "apply",
             "mapping.yaml"},
            r.dir(), gitreorg::testing::fixed_git_env());
        INFO(crash.out << crash.err);
        REQUIRE(crash.exit_code != 0);
        REQUIRE(!fs::exists(r.dir() / ".git/reorg/journal"));  // killed in step 1
        CHECK(r.git({"fsck", "--strict"}).exit_code == 0);
        CommandResult rec = r.reorg({"apply", recovery});
        INFO(rec.out << rec.err);
        CHECK(rec.exit_code == 2);
        CHECK(rec.err.find("no interrupted apply") != std::string::npos);
        CHECK(no_reorg_leftovers(r));
        CHECK(only_complete_packs(r));
        CHECK(r.git({"fsck", "--strict"}).exit_code == 0);
        CHECK(repo_state(r) == before);
        // A later apply works and leaves one more complete pack.
        CommandResult again = r.reorg({"apply", "mapping.yaml"});
        INFO(again.out << again.err);
        CHECK(again.exit_code == 0);
        CHECK(only_complete_packs(r));
        CHECK(pack_files(r).size() >= packs_before.size() + 2);
      }
    }
  }
}

// Issue 15: after --abort, the index was the saved one byte for byte, but the files written back (here
// the edited README.md) have new stat data, so the index was stale: `git diff-files` listed them and
// the next `git status` rewrote the index. --abort now refreshes it, as git status would.
TEST_CASE("apply: --abort leaves the index fresh, with the entries it had", "[exec][apply]") {
  TempRepo r;
  make_crash_repo(r);
  r.write("README.md", "# Readme\n\nSee [x](a/x) and [z](b/z).\n");
  r.commit("links");
  REQUIRE(r.git({"diff-files", "--name-only"}).out.empty());
  std::string entries = r.git({"ls-files", "-s"}).out;
  CommandResult crash = r.reorg({"apply", "mapping.yaml"}, {{"GITREORG_FAULT_AFTER_STEP", "7"}});
  INFO(crash.out << crash.err);
  REQUIRE(crash.exit_code == kFaultKilled);
  REQUIRE(r.read("README.md").find("(b/x)") != std::string::npos);  // edited, so --abort writes it back
  CommandResult rec = r.reorg({"apply", "--abort"});
  INFO(rec.out << rec.err);
  REQUIRE(rec.exit_code == 0);
  CHECK(r.git({"ls-files", "-s"}).out == entries);
  CHECK(r.git({"diff-files", "--name-only"}).out.empty());  // no stale stat data
  CHECK(r.git({"status", "--porcelain", "--untracked-files=no"}).out.empty());
  CHECK(no_reorg_leftovers(r));
}

TEST_CASE("apply: --tag-before and --branch", "[exec][apply]") {
  TempRepo r;
  make_layout_repo(r);
  std::string before = head(r);
  SECTION("--tag-before tags the old commit") {
    REQUIRE(r.reorg({"apply", "mapping.yaml", "--tag-before", "pre-reorg"}).exit_code == 0);
    CHECK(r.git({"cat-file", "-t", "pre-reorg"}).out == "tag\n");
    CHECK(TempRepo::trim(r.git({"rev-parse", "pre-reorg^{commit}"}).out) == before);
    CHECK(TempRepo::trim(r.git({"symbolic-ref", "HEAD"}).out) == "refs/heads/main");
  }
  SECTION("--branch commits on a new branch and checks it out") {
    REQUIRE(r.reorg({"apply", "mapping.yaml", "--branch", "reorg", "-m", "Reorganize"}).exit_code == 0);
    CHECK(TempRepo::trim(r.git({"symbolic-ref", "HEAD"}).out) == "refs/heads/reorg");
    CHECK(TempRepo::trim(r.git({"rev-parse", "main"}).out) == before);
    CHECK(TempRepo::trim(r.git({"log", "-1", "--format=%s"}).out) == "Reorganize");
    CHECK(status(r).empty());
  }
  SECTION("--branch works from a detached HEAD") {
    r.git({"checkout", "-q", "--detach"});
    REQUIRE(r.reorg({"apply", "mapping.yaml", "--branch", "reorg"}).exit_code == 0);
    CHECK(TempRepo::trim(r.git({"symbolic-ref", "HEAD"}).out) == "refs/heads/reorg");
    CHECK(TempRepo::trim(r.git({"rev-parse", "HEAD~1"}).out) == before);
  }
}

TEST_CASE("apply: a second run has nothing to do", "[exec][apply]") {
  TempRepo r;
  r.write("old/a.txt", "a\n");
  r.write("mapping.yaml", "version: 1\nmoves:\n  - from: old\n    to: new\n");
  r.commit("init");
  REQUIRE(r.reorg({"apply", "mapping.yaml"}).exit_code == 0);
  std::string h = head(r);
  CommandResult again = r.reorg({"apply", "mapping.yaml", "--allow-missing"});
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("nothing to do") != std::string::npos);
  CHECK(head(r) == h);
  CHECK(r.reorg({"apply", "mapping.yaml"}).exit_code == 1);  // without --allow-missing the source is missing
}

TEST_CASE("apply: a generated repository of 10k files", "[exec][apply]") {
  TempRepo r;
  auto g0 = std::chrono::steady_clock::now();
  for (int d = 0; d < 100; ++d) {
    fs::path dir = r.dir() / ("src/mod" + std::to_string(d));
    fs::create_directories(dir);
    for (int f = 0; f < 100; ++f)
      std::ofstream(dir / ("file" + std::to_string(f) + ".txt")) << "module " << d << " file " << f << "\n";
  }
  fs::create_directories(r.dir() / "loose");
  for (int f = 0; f < 200; ++f) std::ofstream(r.dir() / ("loose/f" + std::to_string(f))) << f;
  std::string m = "version: 1\nmoves:\n  - from: src\n    to: lib/src\n";
  for (int f = 0; f < 200; f += 2) m += "  - from: loose/f" + std::to_string(f) + "\n    to: moved/f" + std::to_string(f) + "\n";
  r.write("mapping.yaml", m);
  r.commit("many files");
  double generate_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - g0).count();
  auto t0 = std::chrono::steady_clock::now();
  CommandResult res = r.reorg({"apply", "mapping.yaml"});
  double apply_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  INFO(res.out << res.err);
  REQUIRE(res.exit_code == 0);
  auto t1 = std::chrono::steady_clock::now();
  CHECK(status(r).empty());
  double status_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  std::vector<std::string> diff = lines(r.git({"diff", "-M", "--name-status", "HEAD~1", "HEAD"}).out);
  CHECK(diff.size() == 10100);
  std::size_t r100 = 0;
  for (const std::string& l : diff) r100 += l.rfind("R100\t", 0) == 0;
  CHECK(r100 == 10100);
  // Timing is the benchmark's business (tests/bench/), never an assertion: printed only.
  WARN("generating 10,300 files: " << generate_s << " s; apply (10,100 moved): " << apply_s << " s; git status afterwards: " << status_s << " s");
}

TEST_CASE("apply: commits and the plans name the mapping from the repository's root, never by a local path",
          "[exec][apply]") {
  TempRepo r;
  r.write("docs/guide.md", "# Guide\n");
  r.write("mappings/m.yaml", "version: 1\nmoves:\n  - from: docs\n    to: manual\n");
  r.commit("init");
  TempRepo outside;  // another directory, outside r's work tree
  outside.write("elsewhere.yaml", "version: 1\nmoves:\n  - from: manual\n    to: handbook\n");
  std::string inside_abs = (r.dir() / "mappings/m.yaml").string();
  std::string outside_abs = (outside.dir() / "elsewhere.yaml").string();

  CommandResult md = r.reorg({"plan", inside_abs, "--format", "markdown"});
  CHECK(md.out.find("## Repository reorganization: `mappings/m.yaml`") == 0);
  // The JSON plan too: what CI stores names no machine's directory. (The text plan, read where it
  // runs, names the mapping as it was given, as its diagnostics do.)
  CommandResult json = r.reorg({"plan", inside_abs, "--format", "json"});
  CHECK(nlohmann::json::parse(json.out)["mapping"]["path"] == "mappings/m.yaml");
  CHECK(json.out.find(r.dir().string()) == std::string::npos);
  CHECK(nlohmann::json::parse(r.reorg({"plan", outside_abs, "--format", "json"}).out)["mapping"]["path"] == "elsewhere.yaml");
  REQUIRE(r.reorg({"apply", inside_abs}).exit_code == 0);
  std::string message = r.git({"log", "-1", "--format=%B"}).out;
  CHECK(message.find("Reorg-Mapping: mappings/m.yaml") != std::string::npos);
  CHECK(message.find(r.dir().string()) == std::string::npos);

  REQUIRE(r.reorg({"apply", outside_abs}).exit_code == 0);
  message = r.git({"log", "-1", "--format=%B"}).out;
  CHECK(message.find("Reorg-Mapping: elsewhere.yaml") != std::string::npos);
  CHECK(message.find(outside.dir().string()) == std::string::npos);
}

TEST_CASE("apply: the squash warning counts the moved and edited files at stake", "[exec][apply]") {
  TempRepo r;
  r.write("old/guide.md", "# Guide\n");
  r.write("old/notes.md", "# Notes\n");
  r.write("mapping.yaml", "version: 1\nmoves:\n  - from: old\n    to: new\n");
  std::string lose = "can lose";
  std::string note = "Note: no moved file is edited";
  auto apply = [&r] {  // apply's standard output, after the first commit
    r.commit("first");
    auto res = r.reorg({"apply", "mapping.yaml"});
    INFO(res.out << res.err);
    REQUIRE(res.exit_code == 0);
    return res.out;
  };
  SECTION("moves only: no history at stake, no reference commit") {
    std::string out = apply();
    CHECK(out.find(lose) == std::string::npos);
    CHECK(out.find(note) == std::string::npos);
  }
  SECTION("only files that stay are edited: renames stay exact, the blame list is at stake") {
    r.write("README.md", "See [the guide](old/guide.md).\n");
    std::string out = apply();
    CHECK(out.find(lose) == std::string::npos);
    CHECK(out.find(note) != std::string::npos);
  }
  SECTION("one moved file edited") {
    r.write("old/notes.md", "# Notes\n\nSee [the guide](../old/guide.md).\n");
    std::string out = apply();
    CHECK(out.find("squashed, 1 file that is\nboth moved and edited can lose its history (git would no longer see it as a "
                   "rename).") != std::string::npos);
  }
}

// Issue 15, items 7 and 8: `apply` works on the repository git would work on, in its own work tree.
// A separate git dir (`git init` / `git clone --separate-git-dir`), a worktree of `git worktree add`
// and a submodule have a `.git` file; the work tree is where that file is, never the git dir's parent.
// GIT_DIR and GIT_WORK_TREE (as `git --git-dir --work-tree` sets them) name the repository as for git.
// Each repository: a/x, a/sub/y, c/w and mapping.yaml (a -> b); a decoy a/x where a wrong work tree
// would be looked for shows any write outside the repository.
#include <sys/stat.h>
#include <catch2/catch.hpp>

#include <map>
#include <sstream>

#include "support/temp_dir.hpp"
#include "support/temp_repo.hpp"

namespace {

using gitreorg::testing::CommandResult;
using gitreorg::testing::TempDir;
using gitreorg::testing::TempRepo;
namespace fs = std::filesystem;

// Every path under `root` (skipping `.git` and `skip`) with its content.
std::map<std::string, std::string> files_under(const fs::path& root, const std::string& skip = "") {
  std::map<std::string, std::string> out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    std::string rel = fs::relative(it->path(), root).generic_string();
    if (rel == ".git" || rel == skip) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory() && !it->is_symlink()) {
      out[rel] = "dir";
      continue;
    }
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    out[rel] = ss.str();
  }
  return out;
}

void make_small_repo(TempRepo& r) {
  r.write("a/x", "x\n");
  r.write("a/sub/y", "y\n");
  r.write("c/w", "w\n");
  r.write("mapping.yaml", "version: 1\nmoves:\n  - from: a\n    to: b\n");
  r.commit("first");
}

// The small repository's files once migrated.
std::map<std::string, std::string> migrated_small() {
  return {{"b", "dir"},
          {"b/x", "x\n"},
          {"b/sub", "dir"},
          {"b/sub/y", "y\n"},
          {"c", "dir"},
          {"c/w", "w\n"},
          {"mapping.yaml", "version: 1\nmoves:\n  - from: a\n    to: b\n"}};
}

CommandResult git_in(const fs::path& dir, std::vector<std::string> args) {
  args.insert(args.begin(), "git");
  return gitreorg::testing::run_command(args, dir, gitreorg::testing::fixed_git_env());
}

CommandResult reorg_in(const fs::path& dir, std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
  args.insert(args.begin(), GITREORG_CLI_PATH);
  auto e = gitreorg::testing::fixed_git_env();
  for (auto& [k, v] : env) e[k] = v;
  return gitreorg::testing::run_command(args, dir, e);
}

std::string trim(const std::string& s) { return TempRepo::trim(s); }

// `dir` is migrated, its status clean, its HEAD one commit on from `old_head`, and the git dir has no journal.
void check_migrated(const fs::path& dir, const std::string& old_head, const std::string& skip = "") {
  CHECK(files_under(dir, skip) == migrated_small());
  CHECK(git_in(dir, {"status", "--porcelain"}).out.empty());
  CHECK(trim(git_in(dir, {"rev-parse", "HEAD~1"}).out) == old_head);
  fs::path gitdir = trim(git_in(dir, {"rev-parse", "--absolute-git-dir"}).out);
  CHECK(!fs::exists(gitdir / "reorg"));
  CHECK(git_in(dir, {"fsck", "--strict"}).exit_code == 0);
}

}  // namespace

TEST_CASE("apply: a separate git dir, a worktree and a submodule are migrated in their own work tree, nothing outside",
          "[exec][apply][location]") {
  TempDir outside("gitreorg-outside");
  fs::create_directories(outside.path());
  TempRepo r;
  make_small_repo(r);

  SECTION("git init --separate-git-dir") {
    r.git({"init", "-q", "--separate-git-dir", (outside.path() / "git").string()});
    REQUIRE(fs::is_regular_file(r.dir() / ".git"));
    std::ofstream(outside.path() / "decoy") << "decoy\n";  // beside the git dir, where its parent would be the work tree
    fs::create_directories(outside.path() / "a");
    std::ofstream(outside.path() / "a/x") << "x\n";
    std::string old_head = trim(r.git({"rev-parse", "HEAD"}).out);
    CommandResult res = r.reorg({"apply", "mapping.yaml"});
    INFO(res.out << res.err);
    CHECK(res.exit_code == 0);
    check_migrated(r.dir(), old_head);
    CHECK(trim(git_in(outside.path(), {"ls-files"}).out).empty());
    std::map<std::string, std::string> around = files_under(outside.path(), "git");
    CHECK(around == std::map<std::string, std::string>{{"a", "dir"}, {"a/x", "x\n"}, {"decoy", "decoy\n"}});
  }
  SECTION("git clone --separate-git-dir") {
    fs::path clone = outside.path() / "clone";
    fs::create_directories(outside.path() / "store");  // git clone wants the git dir's parent
    REQUIRE(git_in(outside.path(), {"clone", "-q", "--separate-git-dir", (outside.path() / "store/git").string(),
                                    r.dir().string(), clone.string()})
                .exit_code == 0);
    fs::create_directories(outside.path() / "store/a");
    std::ofstream(outside.path() / "store/a/x") << "x\n";
    std::string old_head = trim(git_in(clone, {"rev-parse", "HEAD"}).out);
    CommandResult res = reorg_in(clone, {"apply", "mapping.yaml"});
    INFO(res.out << res.err);
    CHECK(res.exit_code == 0);
    check_migrated(clone, old_head);
    CHECK(files_under(outside.path() / "store", "git") == std::map<std::string, std::string>{{"a", "dir"}, {"a/x", "x\n"}});
    CHECK(trim(r.git({"rev-parse", "HEAD"}).out) == old_head);  // the origin is untouched
  }
  SECTION("git worktree add") {
    fs::path wt = outside.path() / "wt";
    r.git({"worktree", "add", "-q", "-b", "other", wt.string()});
    std::string old_head = trim(r.git({"rev-parse", "HEAD"}).out);
    auto main_files = files_under(r.dir());
    CommandResult res = reorg_in(wt, {"apply", "mapping.yaml"});
    INFO(res.out << res.err);
    CHECK(res.exit_code == 0);
    check_migrated(wt, old_head);
    CHECK(files_under(r.dir()) == main_files);
    CHECK(trim(r.git({"rev-parse", "main"}).out) == old_head);
    CHECK(r.git({"status", "--porcelain"}).out.empty());
    CHECK(trim(r.git({"rev-parse", "other~1"}).out) == old_head);
  }
  SECTION("a submodule") {
    TempRepo super;
    super.write("README.md", "# super\n");
    super.git({"-c", "protocol.file.allow=always", "submodule", "add", "-q", r.dir().string(), "lib"});
    super.commit("with a submodule");
    REQUIRE(fs::is_regular_file(super.dir() / "lib/.git"));
    std::string old_head = trim(git_in(super.dir() / "lib", {"rev-parse", "HEAD"}).out);
    CommandResult res = reorg_in(super.dir() / "lib", {"apply", "mapping.yaml"});
    INFO(res.out << res.err);
    CHECK(res.exit_code == 0);
    check_migrated(super.dir() / "lib", old_head);
    CHECK(files_under(super.dir(), "lib") ==
          std::map<std::string, std::string>{{".gitmodules", super.read(".gitmodules")}, {"README.md", "# super\n"}});
    CHECK(super.git({"status", "--porcelain", "--ignore-submodules=all"}).out.empty());
  }
}

TEST_CASE("apply: GIT_DIR and GIT_WORK_TREE name the repository, as for git", "[exec][apply][location]") {
  TempRepo a, b;
  make_small_repo(a);
  make_small_repo(b);
  std::string a_head = trim(a.git({"rev-parse", "HEAD"}).out);
  auto b_files = files_under(b.dir());
  std::string b_head = trim(b.git({"rev-parse", "HEAD"}).out);
  std::string mapping = (a.dir() / "mapping.yaml").string();
  fs::path b_sub = b.dir() / "c";

  SECTION("GIT_DIR and GIT_WORK_TREE, from inside another repository") {
    CommandResult res =
        reorg_in(b_sub, {"apply", mapping}, {{"GIT_DIR", (a.dir() / ".git").string()}, {"GIT_WORK_TREE", a.dir().string()}});
    INFO(res.out << res.err);
    CHECK(res.exit_code == 0);
    check_migrated(a.dir(), a_head);
  }
  SECTION("git --git-dir --work-tree reorg apply") {
    // git runs git-reorg from PATH with GIT_DIR and GIT_WORK_TREE set.
    std::string path = fs::path(GITREORG_CLI_PATH).parent_path().string() + ":" + std::getenv("PATH");
    auto env = gitreorg::testing::fixed_git_env();
    env["PATH"] = path;
    CommandResult res = gitreorg::testing::run_command(
        {"git", "--git-dir=" + (a.dir() / ".git").string(), "--work-tree=" + a.dir().string(), "reorg", "apply", mapping}, b_sub,
        env);
    INFO(res.out << res.err);
    CHECK(res.exit_code == 0);
    check_migrated(a.dir(), a_head);
  }
  SECTION("relative GIT_DIR and GIT_WORK_TREE are relative to -C DIR") {
    fs::path rel = fs::relative(a.dir(), b.dir());
    CommandResult res = reorg_in(b_sub, {"-C", b.dir().string(), "apply", mapping},
                                 {{"GIT_DIR", (rel / ".git").string()}, {"GIT_WORK_TREE", rel.string()}});
    INFO(res.out << res.err);
    CHECK(res.exit_code == 0);
    check_migrated(a.dir(), a_head);
  }
  SECTION("GIT_DIR alone: the current directory is the work tree, as for git") {
    CommandResult res = reorg_in(a.dir(), {"apply", mapping}, {{"GIT_DIR", (a.dir() / ".git").string()}});
    INFO(res.out << res.err);
    CHECK(res.exit_code == 0);
    check_migrated(a.dir(), a_head);
  }
  SECTION("GIT_DIR that is no repository") {
    CommandResult res = reorg_in(b_sub, {"apply", mapping}, {{"GIT_DIR", (a.dir() / "c").string()}});
    CHECK(res.exit_code == 2);
    CHECK(res.err.find("not a git repository: " + (a.dir() / "c").string()) != std::string::npos);
    CHECK(trim(a.git({"rev-parse", "HEAD"}).out) == a_head);
  }
  SECTION("check and plan read GIT_DIR's repository") {
    b.git({"rm", "-q", "-r", "a"});
    b.commit("no a");
    b_files = files_under(b.dir());
    b_head = trim(b.git({"rev-parse", "HEAD"}).out);
    std::map<std::string, std::string> env{{"GIT_DIR", (a.dir() / ".git").string()}, {"GIT_WORK_TREE", a.dir().string()}};
    CHECK(reorg_in(b_sub, {"check", mapping}, env).exit_code == 0);
    CHECK(reorg_in(b_sub, {"check", mapping}).exit_code == 1);  // b has no `a`
    CommandResult plan = reorg_in(b_sub, {"plan", mapping, "--files"}, env);
    CHECK(plan.out.find("a/sub/y -> b/sub/y") != std::string::npos);
  }
  SECTION("links and where read GIT_DIR's repository") {
    b.git({"rm", "-q", "-r", "a"});
    b.write("README.md", "[x](a/x)\n");  // broken in b only
    b.commit("no a");
    b_files = files_under(b.dir());
    b_head = trim(b.git({"rev-parse", "HEAD"}).out);
    std::map<std::string, std::string> env{{"GIT_DIR", (a.dir() / ".git").string()}, {"GIT_WORK_TREE", a.dir().string()}};
    CommandResult links_a = reorg_in(b_sub, {"links"}, env);
    INFO(links_a.out << links_a.err);
    CHECK(links_a.exit_code == 0);
    CommandResult links_b = reorg_in(b_sub, {"links"});
    CHECK(links_b.exit_code == 1);
    CHECK(links_b.err.find("README.md:1:5: error: broken link `a/x`") != std::string::npos);
    CommandResult where_a = reorg_in(b_sub, {"where", mapping, "a/sub/y"}, env);
    INFO(where_a.out << where_a.err);
    CHECK(where_a.exit_code == 0);
    CHECK(where_a.out == "a/sub/y -> b/sub/y\n");
    CommandResult where_b = reorg_in(b_sub, {"where", mapping, "a/sub/y"});
    CHECK(where_b.out != where_a.out);  // b has no a/sub/y: not the same answer
  }
  CHECK(files_under(b.dir()) == b_files);
  CHECK(trim(b.git({"rev-parse", "HEAD"}).out) == b_head);
}

namespace {

// What git sees of the repository, with and without the variable that relocates part of it.
struct SeenByGit {
  std::string head, refs, status, objects, index;
  std::map<std::string, std::string> files;
  bool operator==(const SeenByGit&) const = default;
};
SeenByGit seen_by_git(TempRepo& r, const std::map<std::string, std::string>& env) {
  auto git = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "git");
    auto e = gitreorg::testing::fixed_git_env();
    for (auto& [k, v] : env) e[k] = v;
    CommandResult res = gitreorg::testing::run_command(args, r.dir(), e);
    return std::to_string(res.exit_code) + ":" + res.out + res.err;
  };
  return {git({"rev-parse", "HEAD"}),           git({"for-each-ref"}), git({"status", "--porcelain", "--ignored"}),
          git({"count-objects", "-v"}),         r.read(".git/index"),  files_under(r.dir())};
}

}  // namespace

// Issue 15: GIT_INDEX_FILE, GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES and GIT_COMMON_DIR
// were ignored: apply wrote .git/index, .git/objects and .git/refs and exited 0, so git with the
// variable read a stale index (GIT_INDEX_FILE: every moved file `MM` in `git status`), or objects and
// refs without the new commits. Each is refused now, with the variable named, before anything is written.
TEST_CASE("apply: GIT_INDEX_FILE, GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES and GIT_COMMON_DIR elsewhere are "
          "refused, changing nothing",
          "[exec][apply][location]") {
  TempDir elsewhere("gitreorg-elsewhere");
  fs::create_directories(elsewhere.path());
  TempRepo other;
  other.write("o", "other\n");
  other.commit("other");
  for (const char* var : {"GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR"}) {
    DYNAMIC_SECTION(var) {
      TempRepo r;
      make_small_repo(r);
      r.write(".gitignore", "venv/\n");
      r.commit("ignore");
      r.write("a/venv/lib", "ignored\n");
      r.write("a/untracked.txt", "u\n");
      // A place git can work with: a copy of the index, of the objects, of the git dir; another repository's objects.
      std::string name = var;
      fs::path place = elsewhere.path() / name;
      if (name == "GIT_INDEX_FILE") fs::copy_file(r.dir() / ".git/index", place);
      if (name == "GIT_OBJECT_DIRECTORY") fs::copy(r.dir() / ".git/objects", place, fs::copy_options::recursive);
      if (name == "GIT_ALTERNATE_OBJECT_DIRECTORIES") place = other.dir() / ".git/objects";
      if (name == "GIT_COMMON_DIR") fs::copy(r.dir() / ".git", place, fs::copy_options::recursive);
      std::map<std::string, std::string> env{{var, place.string()}};
      SeenByGit before = seen_by_git(r, {}), before_with = seen_by_git(r, env);
      std::string place_before = fs::is_regular_file(place) ? r.read(place.string()) : "";
      CHECK(before_with.status == before.status);  // git sees the same repository through the variable

      CommandResult res = r.reorg({"apply", "mapping.yaml"}, env);
      INFO(res.out << res.err);
      CHECK(res.exit_code == 2);
      CHECK(res.err.find("git-reorg: error: " + name + " is set (`" + place.string() + "`)") == 0);
      CHECK(res.err.find("nothing was changed") != std::string::npos);
      CHECK(seen_by_git(r, {}) == before);
      CHECK(seen_by_git(r, env) == before_with);
      if (!place_before.empty()) CHECK(r.read(place.string()) == place_before);
      CHECK(!fs::exists(r.dir() / ".git/reorg"));
      CHECK(!fs::exists(r.dir() / ".git/reorg-pack"));
      CHECK(!fs::exists(r.dir() / ".git/reorg-tmp"));
    }
  }
}

// Set to the repository's own index, objects or git dir (as git exports GIT_INDEX_FILE to hooks), a
// variable changes nothing: apply runs. Relative values are from the top of the work tree, as for git.
TEST_CASE("apply: GIT_INDEX_FILE, GIT_OBJECT_DIRECTORY and GIT_COMMON_DIR naming the repository's own are accepted",
          "[exec][apply][location]") {
  TempRepo r;
  make_small_repo(r);
  std::string old_head = trim(r.git({"rev-parse", "HEAD"}).out);
  std::map<std::string, std::string> env;
  SECTION("relative, from a subdirectory") {
    env = {{"GIT_INDEX_FILE", ".git/index"}, {"GIT_OBJECT_DIRECTORY", ".git/objects"}, {"GIT_COMMON_DIR", ".git"}};
  }
  SECTION("absolute") {
    env = {{"GIT_INDEX_FILE", (r.dir() / ".git/index").string()},
           {"GIT_ALTERNATE_OBJECT_DIRECTORIES", (r.dir() / ".git/objects").string()},
           {"GIT_COMMON_DIR", (r.dir() / ".git").string()}};
  }
  CommandResult res = reorg_in(r.dir() / "c", {"apply", (r.dir() / "mapping.yaml").string()}, env);
  INFO(res.out << res.err);
  CHECK(res.exit_code == 0);
  check_migrated(r.dir(), old_head);
}

// check and plan only read: they read HEAD, the refs and the objects of the repository's own git dir
// (libgit2 is not asked to read these variables) and never the index, so each variable changes nothing
// in their answer, wherever it points.
TEST_CASE("check and plan: GIT_INDEX_FILE, GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES and GIT_COMMON_DIR do "
          "not change the answer",
          "[exec][apply][location]") {
  TempRepo r;
  make_small_repo(r);
  TempDir elsewhere("gitreorg-elsewhere");
  fs::create_directories(elsewhere.path() / "empty");
  fs::path empty = elsewhere.path() / "empty";
  // An index without `a`: were it read, `a` would be missing.
  r.git({"rm", "-q", "--cached", "-r", "a"});
  fs::rename(r.dir() / ".git/index", elsewhere.path() / "index");
  r.git({"reset", "-q"});
  CommandResult check = r.reorg({"check", "mapping.yaml"}), plan = r.reorg({"plan", "mapping.yaml", "--files"});
  REQUIRE(check.exit_code == 0);
  REQUIRE(plan.out.find("a/sub/y -> b/sub/y") != std::string::npos);
  for (auto [var, value] : std::vector<std::pair<std::string, fs::path>>{{"GIT_INDEX_FILE", elsewhere.path() / "index"},
                                                                        {"GIT_OBJECT_DIRECTORY", empty},
                                                                        {"GIT_ALTERNATE_OBJECT_DIRECTORIES", empty},
                                                                        {"GIT_COMMON_DIR", empty}}) {
    INFO(var);
    std::map<std::string, std::string> env{{var, value.string()}};
    CommandResult c = r.reorg({"check", "mapping.yaml"}, env), p = r.reorg({"plan", "mapping.yaml", "--files"}, env);
    CHECK(c.exit_code == check.exit_code);
    CHECK(c.out == check.out);
    CHECK(c.err == check.err);
    CHECK(p.exit_code == plan.exit_code);
    CHECK(p.out == plan.out);
  }
}

// `apply` makes its commits as `git commit` does (issue 12): the pre-commit, prepare-commit-msg,
// commit-msg and post-commit hooks run (core.hooksPath respected) unless --no-verify, a hook that
// fails refuses and changes nothing, and --signoff adds the trailer git adds. Real hook scripts in
// throwaway repositories; git is the oracle for what the commits hold.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "support/docs_move_repo.hpp"
#include "support/temp_repo.hpp"
#include "support/work_tree_snapshot.hpp"

namespace {

using gitreorg::testing::CommandResult;
using gitreorg::testing::TempRepo;
namespace fs = std::filesystem;

void make_repo(TempRepo& r) { gitreorg::testing::make_docs_move_repo(r, ".git/mapping.yaml"); }

std::string mapping(TempRepo& r) { return (r.dir() / ".git/mapping.yaml").string(); }

// A hook script at `dir/name` (relative to the repository) that appends `body`'s output to the log.
void hook(TempRepo& r, const std::string& dir, const std::string& name, const std::string& body) {
  r.write(dir + "/" + name, "#!/bin/sh\n" + body + "\n", fs::perms(0755));
}

std::string head(TempRepo& r) { return TempRepo::trim(r.git({"rev-parse", "HEAD"}).out); }

// HEAD, refs, status, the index's bytes and every file of the work tree.
std::string state(TempRepo& r) {
  std::string s = head(r) + "\n" + r.git({"for-each-ref"}).out + r.git({"status", "--porcelain", "--ignored"}).out +
                  r.read(".git/index");
  for (auto& [path, what] : gitreorg::testing::work_tree_snapshot(r.dir())) s += path + " " + what + "\n";
  return s;
}

}  // namespace

TEST_CASE("apply hooks: pre-commit, prepare-commit-msg, commit-msg and post-commit run as for git commit",
          "[exec][apply][hooks]") {
  TempRepo r;
  make_repo(r);
  std::string log = (r.dir() / ".git/hook.log").string();
  // pre-commit sees the new tree staged; commit-msg adds a trailer to every message; post-commit sees
  // the final HEAD.
  hook(r, ".git/hooks", "pre-commit",
       "echo \"pre-commit $(git diff --cached --name-status HEAD | tr '\\t\\n' '  ')\" >> " + log + "\necho to-stdout");
  hook(r, ".git/hooks", "prepare-commit-msg", "echo \"prepare-commit-msg $1 $2 $GIT_EDITOR\" >> " + log);
  hook(r, ".git/hooks", "commit-msg",
       "echo \"commit-msg $1 $(head -1 \"$1\")\" >> " + log + "\nprintf 'Change-Id: I0123\\n' >> \"$1\"");
  hook(r, ".git/hooks", "post-commit", "echo \"post-commit $(git log -1 --format=%s)\" >> " + log);
  CommandResult res = r.reorg({"apply", mapping(r)});
  INFO(res.out << res.err);
  REQUIRE(res.exit_code == 0);
  CHECK(res.out.find("to-stdout") == std::string::npos);  // a hook's stdout goes to stderr, as in git
  CHECK(res.err.find("to-stdout\n") != std::string::npos);
  CHECK(r.read(".git/hook.log") ==
        "pre-commit M README.md R100 docs/guide.md manual/guide.md \n"
        "prepare-commit-msg .git/COMMIT_EDITMSG message :\n"
        "commit-msg .git/COMMIT_EDITMSG Move files\n"
        "prepare-commit-msg .git/COMMIT_EDITMSG message :\n"
        "commit-msg .git/COMMIT_EDITMSG Update references\n"
        "post-commit Update references\n");
  // The messages as the hook left them: its trailer, in the trailer block git reads.
  for (const char* rev : {"HEAD", "HEAD~1"}) {
    std::string trailers = r.git({"log", "-1", "--format=%(trailers:key=Change-Id,valueonly)", rev}).out;
    CHECK(trailers == "I0123\n\n");
  }
  CHECK(r.git({"log", "-1", "--format=%(trailers:key=Reorg-Mapping,valueonly)", "HEAD"}).out != "\n");
  CHECK(!fs::exists(r.dir() / ".git/reorg-hook-index"));
  CHECK(r.git({"status", "--porcelain"}).out.empty());
  CHECK(r.git({"fsck", "--strict"}).exit_code == 0);
}

TEST_CASE("apply hooks: a failing pre-commit or commit-msg hook refuses and changes nothing; --no-verify skips them",
          "[exec][apply][hooks]") {
  TempRepo r;
  make_repo(r);
  std::string failing;
  SECTION("pre-commit") { failing = "pre-commit"; }
  SECTION("commit-msg") { failing = "commit-msg"; }
  SECTION("prepare-commit-msg, which --no-verify does not skip") { failing = "prepare-commit-msg"; }
  hook(r, ".git/hooks", failing, "echo \"$0: no\" >&2\nexit 7");
  std::string before = state(r);
  CommandResult res = r.reorg({"apply", mapping(r)});
  INFO(res.out << res.err);
  CHECK(res.exit_code == 3);
  CHECK(res.err.find(".git/hooks/" + failing + ": no\n") != std::string::npos);
  CHECK(res.err.find("git-reorg: error: the " + failing + " hook refused the commit (exit status 7)\n") != std::string::npos);
  CHECK(state(r) == before);
  CHECK(!fs::exists(r.dir() / ".git/reorg"));
  CHECK(!fs::exists(r.dir() / ".git/reorg-hook-index"));
  CHECK(r.git({"fsck", "--strict"}).exit_code == 0);
  CommandResult skipped = r.reorg({"apply", mapping(r), "--no-verify"});
  INFO(skipped.out << skipped.err);
  CHECK(skipped.exit_code == (failing == "prepare-commit-msg" ? 3 : 0));
  CHECK((state(r) == before) == (failing == "prepare-commit-msg"));
}

TEST_CASE("apply hooks: core.hooksPath is where hooks are found; a hook that is not executable is ignored, as git says",
          "[exec][apply][hooks]") {
  TempRepo r;
  make_repo(r);
  hook(r, ".git/hooks", "commit-msg", "exit 1");  // not the one git runs once core.hooksPath is set
  hook(r, ".git/my-hooks", "commit-msg", "printf '\\nChecked-by: my-hooks\\n' >> \"$1\"");
  r.write(".git/my-hooks/pre-commit", "#!/bin/sh\nexit 1\n", fs::perms(0644));
  r.git({"config", "core.hooksPath", ".git/my-hooks"});  // relative: from the top of the work tree
  CommandResult res = r.reorg({"apply", mapping(r)});
  INFO(res.out << res.err);
  REQUIRE(res.exit_code == 0);
  CHECK(res.err.find("hint: The '" + (r.dir() / ".git/my-hooks/pre-commit").string() +
                     "' hook was ignored because it's not set as executable.") != std::string::npos);
  CHECK(r.git({"log", "-1", "--format=%(trailers:key=Checked-by,valueonly)"}).out == "my-hooks\n\n");
  // git itself agrees on both: the same hooks with git commit.
  r.write("new.txt", "n\n");
  r.git({"add", "new.txt"});
  CommandResult git_commit = r.git({"commit", "-q", "-m", "by git"});
  CHECK(git_commit.err.find("hook was ignored because it's not set as executable") != std::string::npos);
  CHECK(r.git({"log", "-1", "--format=%(trailers:key=Checked-by,valueonly)"}).out == "my-hooks\n\n");
}

TEST_CASE("apply: --signoff adds the Signed-off-by trailer git commit --signoff adds", "[exec][apply][signoff]") {
  TempRepo plain, signed_off;
  make_repo(plain);
  make_repo(signed_off);
  REQUIRE(plain.reorg({"apply", mapping(plain)}).exit_code == 0);
  CommandResult res = signed_off.reorg({"apply", mapping(signed_off), "--signoff"});
  INFO(res.out << res.err);
  REQUIRE(res.exit_code == 0);
  for (const char* rev : {"HEAD", "HEAD~1"}) {
    // Oracle: git commit --signoff on the message apply writes without it, by the same committer.
    plain.write(".git/msg", TempRepo::trim(plain.git({"log", "-1", "--format=%B", rev}).out) + "\n");
    plain.git({"commit", "-q", "--allow-empty", "--signoff", "--cleanup=verbatim", "-F", ".git/msg"});
    std::string expected = plain.git({"log", "-1", "--format=%B"}).out;
    plain.git({"reset", "-q", "--soft", "HEAD~1"});
    CHECK(signed_off.git({"log", "-1", "--format=%B", rev}).out == expected);
    CHECK(signed_off.git({"log", "-1", "--format=%(trailers:key=Signed-off-by,valueonly)", rev}).out ==
          "Test Committer <committer@example.com>\n\n");
  }
}

TEST_CASE("apply hooks: post-commit runs once --continue has finished an interrupted apply's commits, not after --abort",
          "[exec][apply][hooks]") {
  TempRepo r;
  make_repo(r);
  std::string log = (r.dir() / ".git/hook.log").string();
  hook(r, ".git/hooks", "post-commit",
       "echo \"post-commit $(git log -1 --format=%s) $(git status --porcelain | wc -l)\" >> " + log);
  bool abort = false;
  std::vector<std::string> apply = {"apply", mapping(r)};
  SECTION("--continue") {}
  SECTION("--abort") { abort = true; }
  SECTION("--continue after an apply with --no-verify, which does not skip post-commit in git") {
    apply.push_back("--no-verify");
  }
  // Killed after the renames (step 5): the commits exist, the branch does not name them yet.
  CommandResult killed = r.reorg(apply, {{"GITREORG_FAULT_AFTER_STEP", "5"}});
  REQUIRE(killed.exit_code == 99);
  CHECK(!fs::exists(log));  // the interrupted run never got to it
  CommandResult rec = r.reorg({"apply", abort ? "--abort" : "--continue"});
  INFO(rec.out << rec.err);
  REQUIRE(rec.exit_code == 0);
  if (abort) {
    CHECK(!fs::exists(log));
    CHECK(r.git({"log", "-1", "--format=%s"}).out == "first\n");
  } else {
    // Once, after the refs and the index: HEAD is the last commit and the work tree is clean.
    CHECK(r.read(".git/hook.log") == "post-commit Update references 0\n");
    CHECK(r.git({"log", "-1", "--format=%s"}).out == "Update references\n");
  }
}

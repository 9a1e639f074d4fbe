// `apply` with `imports:`, with the git CLI as the oracle: the sibling's history rewritten under the
// new layout and merged after the host's reorganization commits, so `git log -- NEW` (no --follow)
// and `git blame` reach its original commits; idempotent; a failure leaves the repository untouched.
#include <catch2/catch.hpp>

#include <fstream>

#include "support/sibling_repo.hpp"
#include "support/temp_repo.hpp"

using gitreorg::testing::CommandResult;
using gitreorg::testing::kFaultKilled;
using gitreorg::testing::lines;
using gitreorg::testing::TempRepo;
namespace fs = std::filesystem;

namespace {

struct Hosted {
  TempRepo host, sibling;
  std::string mapping;
  explicit Hosted(const std::string& history = "rewrite") {
    gitreorg::testing::make_sibling_repo(sibling);
    host.write("a/x", "x\n");
    host.write("README.md", "# Host\n");
    host.commit("host");
    mapping = (host.dir() / ".git/m.yaml").string();
    std::ofstream(mapping) << "version: 1\nmoves:\n  - from: a\n    to: docs/a\nimports:\n"
                           << gitreorg::testing::sibling_import(sibling.dir().string(), history);
  }
  std::string sib(const std::vector<std::string>& args) { return TempRepo::trim(sibling.git(args).out); }
  std::string git(const std::vector<std::string>& args) { return TempRepo::trim(host.git(args).out); }
};

// The original ids of the commits `git log` lists, read from their trailers.
std::vector<std::string> originals(Hosted& h, std::vector<std::string> log_args) {
  log_args.insert(log_args.begin(), {"log", "--format=%(trailers:key=Reorg-Original-Commit,valueonly)"});
  std::vector<std::string> out;
  for (const std::string& l : lines(h.host.git(log_args).out)) out.push_back(l);
  return out;
}

}  // namespace

TEST_CASE("apply import: the rewritten history reaches the sibling's original commits", "[exec][apply][imports]") {
  Hosted h;
  std::string sib_head = h.sib({"rev-parse", "main"});
  std::string host_before = h.git({"rev-parse", "HEAD"});
  CommandResult r = h.host.reorg({"apply", h.mapping});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Import sibling on refs/heads/main: 4 files (0 with rewritten references), 4 commits of its history written (2 empty left out); "
                   "commit map: ") != std::string::npos);

  // HEAD is a merge: first parent the host's "Move files", second the rewritten sibling.
  CHECK(h.git({"rev-parse", "HEAD^1^"}) == host_before);
  CHECK(h.git({"log", "-1", "--format=%s", "HEAD^1"}) == "Move files");
  CHECK(h.git({"log", "-1", "--format=%s", "HEAD"}) == "Import sibling");
  CHECK(h.git({"log", "-1", "--format=%(trailers:key=Reorg-Import-Commit,valueonly)", "HEAD"}) == sib_head);
  CHECK(h.git({"ls-tree", "-r", "--name-only", "HEAD"}) ==
        "README.md\ndocs/a/x\nexamples/LICENSE.sibling\nexamples/engine/README.md\nexamples/engine/run.sh\n"
        "examples/use-cases/chat/README.md");
  CHECK(h.host.read("examples/engine/README.md") == "# Engine\nfirst line by Alice\nsecond line by Bob\n");
  CHECK(h.git({"status", "--porcelain"}).empty());
  CHECK(h.host.git({"fsck", "--full", "--strict"}).exit_code == 0);

  // No --follow: the file was at engine/README.md in the first commit, and that commit is reached.
  std::string add = h.sib({"rev-list", "--max-parents=0", "main"});
  std::string bob_edit = h.sib({"log", "-1", "--format=%H", "--author=Bob", "--", "2.projects/engine/README.md"});
  CHECK(originals(h, {"--", "examples/engine/README.md"}) == std::vector<std::string>{bob_edit, add});
  CHECK(originals(h, {"--follow", "--", "examples/engine/README.md"}) == std::vector<std::string>{bob_edit, add});
  // The rename commit and the notes-only commit left nothing behind; the merge kept its shape.
  CHECK(h.git({"log", "--format=%s", "HEAD^2"}) ==
        "Merge branch 'feature'\nDocument the engine\nAdd the chat use case\nAdd the engine");
  CHECK(lines(h.host.git({"rev-list", "--parents", "-1", "HEAD^2"}).out)[0].size() == 3 * 40 + 2);
  // Authors and dates are the original ones.
  CHECK(h.git({"log", "-1", "--format=%an <%ae> %ad %cn %cd", "--date=raw", "HEAD^2^2"}) ==
        h.sib({"log", "-1", "--format=%an <%ae> %ad %cn %cd", "--date=raw", "feature"}));

  // Blame attributes each line to its original author and date.
  std::string blame = h.host.git({"blame", "--porcelain", "examples/engine/README.md"}).out;
  CHECK(blame.find("author Alice\nauthor-mail <alice@example.com>\nauthor-time " +
                   h.sib({"log", "-1", "--format=%at", add})) != std::string::npos);
  CHECK(blame.find("author Bob\n") != std::string::npos);
  CHECK(blame.find("author Test Author") == std::string::npos);

  // The commit map: one line per original commit.
  std::string map = h.host.read(".git/reorg-imports/sibling.map");
  CHECK(lines(map).size() == 6);
  CHECK(map.find(sib_head + " -\n") != std::string::npos);  // the notes-only commit became empty
  CHECK(map.find(add + " ") == 0);

  // Nothing was written to the sibling.
  CHECK(h.sib({"rev-parse", "main"}) == sib_head);
  CHECK(h.sibling.git({"status", "--porcelain"}).out.empty());
}

TEST_CASE("apply import: a second run does not import twice", "[exec][apply][imports]") {
  Hosted h;
  REQUIRE(h.host.reorg({"apply", h.mapping}).exit_code == 0);
  std::string head = h.git({"rev-parse", "HEAD"});
  CommandResult again = h.host.reorg({"apply", h.mapping, "--allow-missing"});
  INFO(again.out << again.err);
  CHECK(again.exit_code == 0);
  CHECK(again.err.find("import `sibling` was merged in already (by " + head.substr(0, 12) + "): nothing to import") !=
        std::string::npos);
  CHECK(again.out.find("nothing to do") != std::string::npos);
  CHECK(h.git({"rev-parse", "HEAD"}) == head);
  CommandResult check = h.host.reorg({"check", h.mapping, "--allow-missing"});
  CHECK(check.exit_code == 0);
}

// A pull request merged with a merge commit puts the import's merge on the second parent of main's.
TEST_CASE("apply import: a migration merged by a pull request's merge commit is not imported again", "[exec][apply][imports]") {
  Hosted h;
  std::string main_branch = h.git({"symbolic-ref", "--short", "HEAD"});
  REQUIRE(h.host.reorg({"apply", h.mapping, "--branch", "reorg"}).exit_code == 0);
  std::string import_merge = h.git({"rev-parse", "reorg"});
  h.host.git({"checkout", "-q", main_branch});
  h.host.write("NOTES.md", "meanwhile on main\n");
  h.host.commit("meanwhile");
  h.host.git({"merge", "-q", "--no-ff", "-m", "Merge pull request #1 from reorg", "reorg"});
  std::string head = h.git({"rev-parse", "HEAD"});
  CommandResult again = h.host.reorg({"apply", h.mapping, "--allow-missing"});
  INFO(again.out << again.err);
  CHECK(again.exit_code == 0);
  CHECK(again.err.find("import `sibling` was merged in already (by " + import_merge.substr(0, 12) + "): nothing to import") !=
        std::string::npos);
  CHECK(h.git({"rev-parse", "HEAD"}) == head);
}

TEST_CASE("apply import: a failure during the import leaves the repository untouched", "[exec][apply][imports]") {
  for (auto [var, value] : std::vector<std::pair<const char*, int>>{{"GITREORG_FAULT_FAIL_AFTER_STEP", 2},
                                                                     {"GITREORG_FAULT_FAIL_AFTER_STEP", 6},
                                                                     {"GITREORG_FAULT_FAIL_AFTER_STEP", 7},
                                                                     {"GITREORG_FAULT_FAIL_AFTER_OP", 2},
                                                                     {"GITREORG_FAULT_FAIL_AFTER_OP", 4}}) {
    DYNAMIC_SECTION(var << "=" << value) {
      Hosted h;
      std::string head = h.git({"rev-parse", "HEAD"});
      std::string refs = h.git({"for-each-ref"});
      std::string index = h.host.read(".git/index");
      CommandResult r = h.host.reorg({"apply", h.mapping}, {{var, std::to_string(value)}});
      INFO(r.out << r.err);
      CHECK(r.exit_code == 2);
      CHECK(r.err.find("rolled back") != std::string::npos);
      CHECK(h.git({"rev-parse", "HEAD"}) == head);
      CHECK(h.git({"for-each-ref"}) == refs);
      CHECK(h.git({"status", "--porcelain", "--ignored", "--untracked-files=all"}).empty());
      CHECK(h.host.read(".git/index") == index);
      CHECK_FALSE(fs::exists(h.host.dir() / "examples"));
      CHECK_FALSE(fs::exists(h.host.dir() / "docs"));
      CHECK(h.host.git({"fsck", "--full"}).exit_code == 0);
      // And it still applies afterwards.
      CHECK(h.host.reorg({"apply", h.mapping}).exit_code == 0);
    }
  }
}

TEST_CASE("apply import: history preserve keeps the sibling's commits and renames on top", "[exec][apply][imports]") {
  Hosted h("preserve");
  std::string sib_head = h.sib({"rev-parse", "main"});
  CommandResult r = h.host.reorg({"apply", h.mapping});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(h.git({"rev-parse", "HEAD^2^"}) == sib_head);  // the sibling's own commits, ids unchanged
  CHECK(h.git({"log", "-1", "--format=%s", "HEAD^2"}) == "Move the files of sibling to their new paths");
  std::string add = h.sib({"rev-list", "--max-parents=0", "main"});
  CHECK(lines(h.host.git({"log", "--format=%H", "--follow", "--", "examples/engine/README.md"}).out).back() == add);
  CHECK(h.host.git({"fsck", "--full", "--strict"}).exit_code == 0);
}

// The commit of renames is apply's own, made as its others are: hooks, --signoff, signature. The
// sibling's commits below it keep their ids (and would keep their signatures).
TEST_CASE("apply import: history preserve's commit of renames runs the hooks, takes --signoff and is signed",
          "[exec][apply][imports][signing][hooks]") {
  Hosted h("preserve");
  std::string sib_head = h.sib({"rev-parse", "main"});
  std::string key = (h.host.dir() / ".git/key").string();
  REQUIRE(gitreorg::testing::run_command({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", key}).exit_code == 0);
  h.host.write(".git/allowed_signers", "committer@example.com namespaces=\"git\" " + h.host.read(".git/key.pub"));
  h.host.git({"config", "gpg.format", "ssh"});
  h.host.git({"config", "gpg.ssh.allowedSignersFile", (h.host.dir() / ".git/allowed_signers").string()});
  h.host.git({"config", "user.signingKey", key});
  h.host.git({"config", "commit.gpgSign", "true"});
  std::string log = (h.host.dir() / ".git/hook.log").string();
  h.host.write(".git/hooks/commit-msg",
               "#!/bin/sh\necho \"commit-msg $(head -1 \"$1\")\" >> " + log + "\nprintf 'Change-Id: I0123\\n' >> \"$1\"\n",
               fs::perms(0755));
  CommandResult r = h.host.reorg({"apply", "--signoff", h.mapping});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(h.git({"rev-parse", "HEAD^2^"}) == sib_head);
  CHECK(h.host.read(".git/hook.log") ==
        "commit-msg Move files\n"
        "commit-msg Move the files of sibling to their new paths\n"
        "commit-msg Import sibling\n");
  for (const char* rev : {"HEAD", "HEAD^1", "HEAD^2"}) {
    INFO(rev);
    CHECK(h.host.git({"verify-commit", rev}, true).exit_code == 0);
    CHECK(h.git({"log", "-1", "--format=%(trailers:key=Change-Id,valueonly)", rev}) == "I0123");
    CHECK(h.git({"log", "-1", "--format=%(trailers:key=Signed-off-by,valueonly)", rev}) == "Test Committer <committer@example.com>");
  }
  // The renames commit is the user's (author and committer), as `git commit` would make it.
  CHECK(h.git({"log", "-1", "--format=%ae %ce", "HEAD^2"}) == h.git({"log", "-1", "--format=%ae %ce", "HEAD^1"}));
  CHECK(h.host.git({"verify-commit", "HEAD^2^"}, true).exit_code != 0);  // the sibling's, unsigned as it was
  CHECK(h.git({"diff", "-M", "--name-status", "HEAD^2^", "HEAD^2"}).find("R100\t2.projects/engine/README.md\texamples/engine/README.md") !=
        std::string::npos);
  CHECK(h.host.git({"fsck", "--full", "--strict"}).exit_code == 0);
}

TEST_CASE("apply import: an untracked file where an imported file goes refuses and changes nothing", "[exec][apply][imports]") {
  Hosted h;
  h.host.write("examples/engine/README.md", "mine\n");
  std::string head = h.git({"rev-parse", "HEAD"});
  CommandResult r = h.host.reorg({"apply", h.mapping});
  CHECK(r.exit_code == 3);
  CHECK(r.err.find("`examples/engine/README.md` is in the way of an imported file") != std::string::npos);
  CHECK(h.git({"rev-parse", "HEAD"}) == head);
  CHECK(h.host.read("examples/engine/README.md") == "mine\n");
}

TEST_CASE("apply import: a crash at every step is finished by --continue or undone by --abort, in both history modes",
          "[exec][apply][imports][crash]") {
  std::vector<std::pair<const char*, int>> kills;
  for (int step = 1; step <= 8; ++step) kills.push_back({"GITREORG_FAULT_AFTER_STEP", step});
  for (int op = 1; op <= 6; ++op) kills.push_back({"GITREORG_FAULT_AFTER_OP", op});
  for (const char* history : {"rewrite", "preserve"})
  for (auto [var, value] : kills)
    for (bool finish : {true, false}) {
      DYNAMIC_SECTION(history << ": " << var << "=" << value << (finish ? " --continue" : " --abort")) {
        Hosted h(history);
        std::string head = h.git({"rev-parse", "HEAD"});
        CommandResult r = h.host.reorg({"apply", h.mapping}, {{var, std::to_string(value)}});
        REQUIRE(r.exit_code == kFaultKilled);
        bool journaled = fs::exists(h.host.dir() / ".git/reorg/journal");
        if (journaled) {
          CommandResult rec = h.host.reorg({"apply", finish ? "--continue" : "--abort"});
          INFO(rec.out << rec.err);
          REQUIRE(rec.exit_code == 0);
        }
        CHECK(h.host.git({"fsck", "--full"}).exit_code == 0);
        CHECK(h.git({"status", "--porcelain", "--untracked-files=all"}).empty());
        if (journaled && finish) {
          CHECK(h.git({"log", "-1", "--format=%s", "HEAD"}) == "Import sibling");
          CHECK(h.host.read("examples/use-cases/chat/README.md") == "# Chat\nby Carol\n");
        } else {
          CHECK(h.git({"rev-parse", "HEAD"}) == head);
          CHECK_FALSE(fs::exists(h.host.dir() / "examples"));
        }
      }
    }
}

TEST_CASE("apply import: references inside the imported files follow the moves and point at the host's URL",
          "[exec][apply][imports][references]") {
  Hosted h;
  h.sibling.write("3.use-cases/chat/links.md",
                  "See [the engine](../../2.projects/engine/README.md) and\n"
                  "<https://github.com/example/sibling/blob/main/2.projects/engine/run.sh>.\n");
  gitreorg::testing::commit_as(h.sibling, "Carol <carol@example.com>", "Link the engine");
  std::ofstream(h.mapping) << "version: 1\nrepository:\n  urls: [https://github.com/example/host]\nmoves:\n"
                              "  - from: a\n    to: docs/a\nimports:\n"
                           << gitreorg::testing::sibling_import(h.sibling.dir().string())
                           << "    urls: [https://github.com/example/sibling]\n";
  CommandResult p = h.host.reorg({"plan", h.mapping, "--files"});
  INFO(p.out << p.err);
  CHECK(p.out.find("    references: 2 edits in 1 files") != std::string::npos);
  CommandResult r = h.host.reorg({"apply", h.mapping});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(h.host.read("examples/use-cases/chat/links.md") ==
        "See [the engine](../../engine/README.md) and\n"
        "<https://github.com/example/host/blob/main/examples/engine/run.sh>.\n");
  CHECK(h.git({"log", "-1", "--format=%s", "HEAD^2"}) == "Update references of sibling");
  // The import's reference commit, below the merge, goes to .git-blame-ignore-revs (the host's own
  // files had nothing to rewrite: HEAD^1 is "Move files", and it is not listed).
  CHECK(h.git({"log", "-1", "--format=%s", "HEAD^1"}) == "Move files");
  CHECK(r.out.find("\n  echo " + h.git({"rev-parse", "HEAD^2"}) + " >> .git-blame-ignore-revs\nThese ids") != std::string::npos);
  CHECK(r.out.find(h.git({"rev-parse", "HEAD^1"})) == std::string::npos);
  // The merge changes no content: its tree is the first parent's plus the imported side's.
  CHECK(h.git({"diff", "--stat", "HEAD^2", "HEAD", "--", "examples"}).empty());
  CHECK(h.git({"status", "--porcelain"}).empty());
  CHECK(h.host.git({"fsck", "--full", "--strict"}).exit_code == 0);
}

// The imported tree's CI and scripts follow its moves as the host's do: a workflow's `paths:` filter
// and `working-directory:`, a script's `cd` relative to itself and to the top of the clone.
TEST_CASE("apply import: the imported tree's workflows and scripts follow the moves", "[exec][apply][imports][references]") {
  Hosted h;
  h.sibling.write(".github/workflows/engine.yml",
                  "name: engine\non:\n  pull_request:\n    paths:\n      - '2.projects/engine/**'\n"
                  "      - '.github/workflows/engine.yml'\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
                  "    defaults:\n      run:\n        working-directory: 2.projects/engine\n"
                  "    steps:\n      - run: ./run.sh\n      - run: bash 2.projects/engine/run.sh\n"
                  "        working-directory: .\n");
  h.sibling.write("2.projects/engine/chat.sh",
                  "#!/bin/sh\nSCRIPT_DIR=$(cd \"$(dirname \"$0\")\" && pwd)\n"
                  "cat \"${SCRIPT_DIR}/../../3.use-cases/chat/README.md\"\n"
                  "cd \"$(git rev-parse --show-toplevel)\" && cat 3.use-cases/chat/README.md\n",
                  fs::perms(0755));
  gitreorg::testing::commit_as(h.sibling, "Dan <dan@example.com>", "CI for the engine");
  std::string import = gitreorg::testing::sibling_import(h.sibling.dir().string());
  import.insert(import.find("    drop:"), "      - from: .github/workflows/engine.yml\n        to: .github/workflows/sibling-engine.yml\n");
  std::ofstream(h.mapping) << "version: 1\nmoves:\n  - from: a\n    to: docs/a\nimports:\n" << import;
  CommandResult r = h.host.reorg({"apply", h.mapping});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(h.host.read(".github/workflows/sibling-engine.yml") ==
        "name: engine\non:\n  pull_request:\n    paths:\n      - 'examples/engine/**'\n"
        "      - '.github/workflows/sibling-engine.yml'\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
        "    defaults:\n      run:\n        working-directory: examples/engine\n"
        "    steps:\n      - run: ./run.sh\n      - run: bash examples/engine/run.sh\n"
        "        working-directory: .\n");
  CHECK(h.host.read("examples/engine/chat.sh") ==
        "#!/bin/sh\nSCRIPT_DIR=$(cd \"$(dirname \"$0\")\" && pwd)\n"
        "cat \"${SCRIPT_DIR}/../use-cases/chat/README.md\"\n"
        "cd \"$(git rev-parse --show-toplevel)\" && cat examples/use-cases/chat/README.md\n");
  // Both were edited on the import's side of the merge, and the file kept its mode.
  CHECK(h.git({"log", "-1", "--format=%s", "HEAD^2"}) == "Update references of sibling");
  CHECK(h.git({"ls-files", "-s", "examples/engine/chat.sh"}).rfind("100755 ", 0) == 0);
  CHECK(h.git({"diff", "--name-only", "HEAD^2^", "HEAD^2"}) == ".github/workflows/sibling-engine.yml\nexamples/engine/chat.sh");
  CHECK(h.git({"status", "--porcelain"}).empty());
}

// Old link rot in the sibling, fixed from its own history with --fix-broken: `engine/` became
// `2.projects/engine/` in its second commit, and a README still links to the old place.
TEST_CASE("apply import: --fix-broken repairs the sibling's links and URLs to paths its own history moved",
          "[exec][apply][imports][repair]") {
  Hosted h;
  h.sibling.write("README.md", "# Sibling\n\nRun [it](engine/run.sh), online at\n"
                               "https://github.com/example/sibling/blob/main/engine/README.md\n");
  gitreorg::testing::commit_as(h.sibling, "Carol <carol@example.com>", "A README");
  std::string import = gitreorg::testing::sibling_import(h.sibling.dir().string());
  import.insert(import.find("    drop:"), "      - from: README.md\n        to: docs/sibling/README.md\n");
  std::ofstream(h.mapping) << "version: 1\nrepository:\n  urls: [https://github.com/example/host]\nmoves:\n"
                              "  - from: a\n    to: docs/a\nimports:\n"
                           << import << "    urls: [https://github.com/example/sibling]\n";
  CommandResult p = h.host.reorg({"plan", h.mapping});
  INFO(p.out << p.err);
  CHECK(p.err.find("sibling:README.md:4:1: warning: URL `https://github.com/example/sibling/blob/main/engine/README.md` "
                   "points to a path that is not in the tree") != std::string::npos);
  CommandResult r = h.host.reorg({"apply", "--fix-broken", h.mapping});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("sibling:README.md:4:1: warning") == std::string::npos);
  CHECK(h.host.read("docs/sibling/README.md") ==
        "# Sibling\n\nRun [it](../../examples/engine/run.sh), online at\n"
        "https://github.com/example/host/blob/main/examples/engine/README.md\n");
  CHECK(h.git({"log", "-1", "--format=%s", "HEAD^2"}) == "Update references of sibling");
  CHECK(h.host.reorg({"links"}).exit_code == 0);
}

TEST_CASE("apply import: --continue names each commit by its subject and lists the import's references commit",
          "[exec][apply][imports][blame]") {
  Hosted h;
  h.sibling.write("3.use-cases/chat/links.md", "See [the engine](../../2.projects/engine/README.md).\n");
  gitreorg::testing::commit_as(h.sibling, "Carol <carol@example.com>", "Link the engine");
  REQUIRE(h.host.reorg({"apply", h.mapping}, {{"GITREORG_FAULT_AFTER_STEP", "5"}}).exit_code == kFaultKilled);
  CommandResult r = h.host.reorg({"apply", "--continue"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Committed " + h.git({"rev-parse", "--short=12", "HEAD^1"}) + " Move files on refs/heads/main\n") !=
        std::string::npos);
  CHECK(r.out.find("Committed " + h.git({"rev-parse", "--short=12", "HEAD"}) + " Import sibling on refs/heads/main\n") !=
        std::string::npos);
  CHECK(h.git({"log", "-1", "--format=%s", "HEAD^2"}) == "Update references of sibling");
  CHECK(r.out.find("\n  echo " + h.git({"rev-parse", "HEAD^2"}) + " >> .git-blame-ignore-revs\nThese ids") != std::string::npos);
}

TEST_CASE("apply import: host files that link to the sibling follow the import; its clone instructions become the host's",
          "[exec][apply][imports][references]") {
  Hosted h;
  h.sibling.write("3.use-cases/chat/setup.md",
                  "```sh\ngit clone https://github.com/example/sibling.git && cd sibling/2.projects/engine\n```\n"
                  "As released: https://github.com/example/sibling/blob/v1.0/2.projects/engine/run.sh\n");
  gitreorg::testing::commit_as(h.sibling, "Carol <carol@example.com>", "How to set up");
  h.host.write("README.md",
               "# Host\n\nInference: https://github.com/example/sibling/blob/main/2.projects/engine/README.md,\n"
               "[the chat](https://github.com/example/sibling/tree/main/3.use-cases/chat), as released:\n"
               "https://github.com/example/sibling/tree/v1.0/2.projects/engine and on a branch:\n"
               "https://github.com/example/sibling/tree/capacity-block/2.projects/engine\n");
  // The sibling's clone instructions in a host file: the clone and the directory are the host's after
  // the import; a path in another repository's clone, or in the sibling's clone that nothing names,
  // or a prose word that merely looks like the sibling's old layout, stays.
  h.host.write("a/setup.sh",
               "git clone https://github.com/example/sibling.git && cd sibling/2.projects/engine\n"
               "cp ~/src/sibling/3.use-cases/chat/setup.md .\n"
               "cd other/2.projects/engine; ls sibling/2.projects/none; ls 2.projects/engine\n");
  h.host.write("a/guide.md", "# Guide\n\nThen open sibling/2.projects/engine/README.md, or run:\n\n"
                             "```sh\ncd sibling/3.use-cases/chat\n```\n\nStep `2.projects/engine` of sibling.\n");
  h.host.commit("link the sibling");
  std::ofstream(h.mapping) << "version: 1\nrepository:\n  urls: [https://github.com/example/host]\nmoves:\n"
                              "  - from: a\n    to: docs/a\nimports:\n"
                           << gitreorg::testing::sibling_import(h.sibling.dir().string())
                           << "    urls: [https://github.com/example/sibling]\n";
  CommandResult p = h.host.reorg({"plan", h.mapping, "--files"});
  INFO(p.out << p.err);
  // The tag and the other branch are kept and listed, in the host's file and in the sibling's.
  CHECK(p.out.find("  README.md:5: `https://github.com/example/sibling/tree/v1.0/2.projects/engine`: URL to the imported "
                   "repository on a tag, another branch or a commit") != std::string::npos);
  CHECK(p.out.find("  README.md:6: `https://github.com/example/sibling/tree/capacity-block/2.projects/engine`: URL to the "
                   "imported repository") != std::string::npos);
  CHECK(p.out.find("    needs review: 1 left as they are:\n      sibling:3.use-cases/chat/setup.md:4: "
                   "`https://github.com/example/sibling/blob/v1.0/2.projects/engine/run.sh`: URL to the imported") !=
        std::string::npos);
  CommandResult r = h.host.reorg({"apply", h.mapping});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  // In the host's own "Update references": the sibling's URLs on main point at the host and the new
  // paths; its tag and its other branch stay (they do not exist in the host).
  CHECK(h.git({"show", "HEAD^1:README.md"}) ==
        "# Host\n\nInference: https://github.com/example/host/blob/main/examples/engine/README.md,\n"
        "[the chat](https://github.com/example/host/tree/main/examples/use-cases/chat), as released:\n"
        "https://github.com/example/sibling/tree/v1.0/2.projects/engine and on a branch:\n"
        "https://github.com/example/sibling/tree/capacity-block/2.projects/engine");
  CHECK(h.git({"show", "HEAD^1:docs/a/setup.sh"}) ==
        "git clone https://github.com/example/host.git && cd host/examples/engine\n"
        "cp ~/src/host/examples/use-cases/chat/setup.md .\n"
        "cd other/2.projects/engine; ls sibling/2.projects/none; ls 2.projects/engine");
  CHECK(h.git({"show", "HEAD^1:docs/a/guide.md"}) ==
        "# Guide\n\nThen open host/examples/engine/README.md, or run:\n\n"
        "```sh\ncd host/examples/use-cases/chat\n```\n\nStep `2.projects/engine` of sibling.");
  CHECK(p.out.find("a/setup.sh:3: `sibling/2.projects/none`: looks like an old path but names nothing") != std::string::npos);
  // Inside the imported files: the clone is the host's, the directory its new path in the host's clone.
  CHECK(h.host.read("examples/use-cases/chat/setup.md") ==
        "```sh\ngit clone https://github.com/example/host.git && cd host/examples/engine\n```\n"
        "As released: https://github.com/example/sibling/blob/v1.0/2.projects/engine/run.sh\n");
  CHECK(h.git({"status", "--porcelain"}).empty());
}

// The real awsome-inference clone lacks the blob of a file its mapping drops: apply packed everything
// reachable from the sibling's tip and failed ("cannot add the history to the pack"). Only the blobs of
// the rewritten trees are needed, and only they enter the host.
TEST_CASE("apply import: a dropped file's blobs stay out of the host, even when the sibling's clone lacks them",
          "[exec][apply][imports]") {
  Hosted h;
  std::vector<std::string> dropped = lines(h.sibling.git({"log", "--all", "--format=", "--raw", "--no-abbrev", "--", "notes/todo.md"}).out);
  std::vector<std::string> blobs;
  for (const std::string& l : dropped) {
    // `:000000 100644 0000... BLOB A\tnotes/todo.md`: the fourth field is the new blob.
    std::string blob = l.substr(l.find(' ', l.find(' ', l.find(' ') + 1) + 1) + 1, 40);
    blobs.push_back(blob);
  }
  REQUIRE(blobs.size() == 2);
  bool remove_them = GENERATE(false, true);
  if (remove_them)  // as in a partial or damaged clone: the objects are loose in a test repository
    for (const std::string& b : blobs) REQUIRE(fs::remove(h.sibling.dir() / ".git/objects" / b.substr(0, 2) / b.substr(2)));
  CommandResult r = h.host.reorg({"apply", h.mapping});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  for (const std::string& b : blobs) CHECK(h.host.git({"cat-file", "-e", b}, true).exit_code != 0);
  // The kept files' blobs, in every rewritten commit, are there.
  CHECK(h.host.git({"fsck", "--full", "--strict", "--connectivity-only"}).exit_code == 0);
  CHECK(h.host.git({"fsck", "--full", "--strict"}).exit_code == 0);
  CHECK(h.git({"log", "--format=%s", "--", "examples/engine/README.md"}) == "Document the engine\nAdd the engine");
}

// Found on the real import: with `* text=auto` in the host, every imported image was written as an
// empty file (libgit2's blob filter returns nothing for a binary blob unless told not to check), so
// `git status` showed 14 files modified right after apply.
TEST_CASE("apply import: binary files are written whole under text=auto", "[exec][apply][imports]") {
  Hosted h;
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\r\n", 22);
  h.sibling.write("2.projects/engine/logo.png", png);
  h.sibling.write("2.projects/engine/notes.txt", "line one\nline two\n");
  gitreorg::testing::commit_as(h.sibling, "Carol <carol@example.com>", "A logo");
  h.host.write(".gitattributes", "* text=auto\n");
  h.host.commit("attributes");
  CommandResult r = h.host.reorg({"apply", h.mapping});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(h.host.read("examples/engine/logo.png") == png);
  CHECK(h.host.read("examples/engine/notes.txt") == "line one\nline two\n");
  CHECK(h.git({"status", "--porcelain"}).empty());
}

// The real import drops the sibling's LICENSE and CONTRIBUTING.md (the host has its own): 4 links of
// imported READMEs (`../../LICENSE`) and its `blob/main/LICENSE` URL broke. They lead to the host's file.
TEST_CASE("apply import: links to a dropped file the host has at that path lead to the host's", "[exec][apply][imports]") {
  Hosted h;
  h.sibling.write("3.use-cases/chat/README.md",
                  "# Chat\nby Carol\n\n[License](../../LICENSE), also https://github.com/example/sibling/blob/main/LICENSE\n");
  gitreorg::testing::commit_as(h.sibling, "Carol <carol@example.com>", "License link");
  h.host.write("LICENSE", "Apache-2.0\n");
  h.host.commit("license");
  std::string imp = gitreorg::testing::sibling_import(h.sibling.dir().string());
  imp.replace(imp.find("      - from: LICENSE\n        to: examples/LICENSE.sibling\n"), 59, "");
  imp.replace(imp.find("drop: [notes]"), 13, "drop: [notes, LICENSE]");
  std::ofstream(h.mapping) << "version: 1\nrepository:\n  urls: [https://github.com/example/host]\nmoves:\n"
                              "  - from: a\n    to: docs/a\nimports:\n"
                           << imp << "    urls: [https://github.com/example/sibling]\n";
  CommandResult r = h.host.reorg({"apply", h.mapping});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("LICENSE") == std::string::npos);  // no warning about it
  CHECK(h.host.read("examples/use-cases/chat/README.md") ==
        "# Chat\nby Carol\n\n[License](../../../LICENSE), also https://github.com/example/host/blob/main/LICENSE\n");
  CHECK(h.host.read("LICENSE") == "Apache-2.0\n");
  CHECK(h.git({"ls-tree", "-r", "--name-only", "HEAD"}).find("LICENSE.sibling") == std::string::npos);
  CommandResult links = h.host.reorg({"links"});
  INFO(links.out << links.err);
  CHECK(links.exit_code == 0);
  CHECK(h.git({"status", "--porcelain"}).empty());
}

TEST_CASE("stubs: the archived sibling gets one commit of \"moved to\" READMEs; again: nothing to do", "[exec][imports][stubs]") {
  Hosted h;
  std::ofstream(h.mapping) << "version: 1\nrepository:\n  urls: [https://github.com/example/host]\nmoves:\n"
                              "  - from: a\n    to: docs/a\nimports:\n"
                           << gitreorg::testing::sibling_import(h.sibling.dir().string())
                           << "    urls: [https://github.com/example/sibling]\n";
  REQUIRE(h.host.reorg({"apply", h.mapping}).exit_code == 0);
  std::string host_head = h.git({"rev-parse", "HEAD"});
  std::string sib_before = h.sib({"rev-parse", "main"});

  // A local change in the sibling's work tree refuses, changing nothing.
  h.sibling.write("LICENSE", "MIT, edited\n");
  std::string objects_before = h.sib({"count-objects"});
  CommandResult refused = h.host.reorg({"stubs", h.mapping});
  CHECK(refused.exit_code == 3);
  CHECK(refused.err.find("with local changes (`LICENSE`)") != std::string::npos);
  CHECK(h.sib({"rev-parse", "main"}) == sib_before);
  CHECK(h.sib({"count-objects"}) == objects_before);  // not even an object written
  h.sibling.git({"checkout", "--", "LICENSE"});

  CommandResult dry = h.host.reorg({"stubs", h.mapping, "--dry-run"});
  INFO(dry.out << dry.err);
  CHECK(dry.exit_code == 0);
  CHECK(h.sib({"rev-parse", "main"}) == sib_before);

  CommandResult r = h.host.reorg({"stubs", h.mapping});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(h.sib({"rev-parse", "main^"}) == sib_before);
  CHECK(h.sib({"log", "-1", "--format=%(trailers:key=Reorg-Moved-To,valueonly)", "main"}) == "https://github.com/example/host");
  // The checked-out branch's files followed: only the stubs and the LICENSE are left, nothing modified.
  CHECK(h.sib({"ls-files"}) == "2.projects/README.md\n3.use-cases/README.md\nLICENSE\nREADME.md");
  CHECK(h.sibling.git({"status", "--porcelain"}).out.empty());
  CHECK(h.sibling.read("LICENSE") == "MIT\n");
  std::string root = h.sibling.read("README.md");
  CHECK(root.find("# sibling has moved\n") == 0);
  CHECK(root.find("| `2.projects/engine/` | [examples/engine](https://github.com/example/host/tree/main/examples/engine) |") !=
        std::string::npos);
  CHECK(root.find("| `LICENSE` | [examples/LICENSE.sibling](https://github.com/example/host/blob/main/examples/LICENSE.sibling) |") !=
        std::string::npos);
  CHECK(root.find("- `notes/todo.md`") != std::string::npos);  // not imported
  CHECK(h.sibling.read("3.use-cases/README.md").find(
            "| `3.use-cases/chat/` | [examples/use-cases/chat](https://github.com/example/host/tree/main/examples/use-cases/chat) |") !=
        std::string::npos);
  CHECK(h.sibling.git({"fsck", "--strict"}).exit_code == 0);

  // The import is still read below the stubs: where answers, a second run has nothing to do.
  CommandResult w = h.host.reorg({"where", h.mapping, "sibling:2.projects/engine"});
  CHECK(w.out == "sibling:2.projects/engine -> examples/engine\n");
  std::string stubbed = h.sib({"rev-parse", "main"});
  CommandResult again = h.host.reorg({"stubs", h.mapping});
  INFO(again.out << again.err);
  CHECK(again.exit_code == 0);
  CHECK(again.out == "sibling: nothing to do: refs/heads/main has the stubs already\n");
  CHECK(h.sib({"rev-parse", "main"}) == stubbed);
  CHECK(h.git({"rev-parse", "HEAD"}) == host_head);  // the host is never written
  CHECK(h.git({"status", "--porcelain"}).empty());
}

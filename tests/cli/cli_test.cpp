// The command line as users and CI see it: exit codes, --help, output formats, colour, `git reorg`,
// and `plan` changing nothing in the repository (checked by git itself and by the bytes of .git/).
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "support/temp_repo.hpp"

using gitreorg::testing::CommandResult;
using gitreorg::testing::TempRepo;
namespace fs = std::filesystem;

namespace {

const char* kMapping = R"(version: 1
moves:
  - from: 3.test_cases/pytorch/FSDP
    to: examples/training/fsdp
  - match: '1\.architectures/\d+\.([^/]+)'
    to: 'architectures/\1'
)";

// A small repository shaped like the motivating one, with a mapping file outside the tree.
struct Fixture {
  TempRepo repo;
  Fixture() {
    repo.write("1.architectures/0.common/README.md", "# Common\n");
    repo.write("1.architectures/2.pc/setup.sh", "#!/bin/sh\necho hi\n", fs::perms(0755));
    repo.write("3.test_cases/pytorch/FSDP/README.md", "# FSDP\n");
    repo.write("3.test_cases/pytorch/FSDP/slurm/train.sbatch", "#!/bin/bash\n");
    repo.write("README.md", "# Top\n");
    repo.commit("initial layout");
    repo.write(".git/reorg-test-mapping.yaml", kMapping);
  }
  std::string mapping() const { return (repo.dir() / ".git/reorg-test-mapping.yaml").string(); }
};

// Everything under .git/ (path, size, bytes) and the work tree: any write shows up here.
std::string snapshot(TempRepo& repo) {
  std::ostringstream out;
  std::set<std::string> lines;
  for (auto& e : fs::recursive_directory_iterator(repo.dir())) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    lines.insert(fs::relative(e.path(), repo.dir()).string() + " " + std::to_string(std::hash<std::string>{}(bytes.str())) + " " +
                 std::to_string(fs::last_write_time(e.path()).time_since_epoch().count()));
  }
  for (auto& l : lines) out << l << "\n";
  out << repo.git({"for-each-ref"}).out << repo.git({"rev-parse", "HEAD"}).out << repo.git({"count-objects", "-v"}).out;
  return out.str();
}

}  // namespace

TEST_CASE("cli: --help teaches the commands and exit codes", "[cli]") {
  TempRepo repo;
  CommandResult r = repo.reorg({"--help"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("check") != std::string::npos);
  CHECK(r.out.find("where") != std::string::npos);
  CHECK(r.out.find("plan") != std::string::npos);
  CHECK(r.out.find("Exit status: 0 ok, 1 problems found in the input, 2 usage or environment error, 3 refused to touch\n"
                   "the repository (local changes, a merge in progress, a lock), 4 an apply is in progress (--continue or\n"
                   "--abort), 5 internal error.") != std::string::npos);
  CommandResult sub = repo.reorg({"plan", "--help"});
  CHECK(sub.exit_code == 0);
  CHECK(sub.out.find("--format") != std::string::npos);
  CHECK(sub.out.find("git reorg plan mappings/demo.yaml --format markdown -o plan.md") != std::string::npos);
  CommandResult v = repo.reorg({"--version"});
  CHECK(v.exit_code == 0);
  CHECK(v.out.find("git-reorg ") == 0);
}

// Issue 12: one exit code per kind of failure, whichever command meets it, as --help and the manual
// page say: 1 the input, 2 usage or environment, 3 a repository apply refuses to touch, 4 an apply in
// progress.
TEST_CASE("cli: exit codes 0 to 4, one per kind of failure", "[cli]") {
  Fixture f;
  CHECK(f.repo.reorg({"check", f.mapping()}).exit_code == 0);
  f.repo.write(".git/bad.yaml", "version: 1\nmoves:\n  - from: nowhere\n    to: somewhere\n");
  std::string bad = (f.repo.dir() / ".git/bad.yaml").string();
  CHECK(f.repo.reorg({"check", bad}).exit_code == 1);
  CHECK(f.repo.reorg({"apply", bad}).exit_code == 1);
  CHECK(f.repo.reorg({"plan", "--frob"}).exit_code == 2);
  CHECK(f.repo.reorg({"apply", "--continue"}).exit_code == 2);  // nothing to continue: a usage error
  std::string head = TempRepo::trim(f.repo.git({"rev-parse", "HEAD"}).out);
  SECTION("3: local changes") {
    f.repo.write("README.md", "# Top, edited\n");
    CommandResult r = f.repo.reorg({"apply", f.mapping()});
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("tracked files are modified or staged") != std::string::npos);
  }
  SECTION("3: a rebase in progress") {
    f.repo.git({"checkout", "-q", "-b", "side"});
    f.repo.write("README.md", "# Side\n");
    f.repo.commit("side");
    f.repo.git({"checkout", "-q", "main"});
    f.repo.write("README.md", "# Main\n");
    f.repo.commit("main");
    f.repo.git({"rebase", "side"}, true);
    head = TempRepo::trim(f.repo.git({"rev-parse", "HEAD"}).out);
    CommandResult r = f.repo.reorg({"apply", f.mapping()});
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("a rebase is in progress") != std::string::npos);
  }
  SECTION("3: the branch exists") {
    f.repo.git({"branch", "reorg"});
    CHECK(f.repo.reorg({"apply", f.mapping(), "--branch", "reorg"}).exit_code == 3);
  }
  SECTION("4: an interrupted apply") {
    f.repo.write(".git/reorg/journal", "{}");
    CommandResult r = f.repo.reorg({"apply", f.mapping()});
    CHECK(r.exit_code == 4);
    CHECK(r.err.find("run `git-reorg apply --continue` to finish it") != std::string::npos);
    fs::remove_all(f.repo.dir() / ".git/reorg");
  }
  CHECK(TempRepo::trim(f.repo.git({"rev-parse", "HEAD"}).out) == head);
  // The manual page lists the same codes.
  std::ifstream man(fs::path(GITREORG_SOURCE_DIR) / "docs/man/git-reorg.1");
  std::string page((std::istreambuf_iterator<char>(man)), std::istreambuf_iterator<char>());
  std::string status = page.substr(page.find(".SH EXIT STATUS"));
  status = status.substr(0, status.find(".SH ENVIRONMENT"));
  for (int code = 0; code <= 5; ++code) CHECK(status.find(".B " + std::to_string(code) + "\n") != std::string::npos);
}

TEST_CASE("cli: usage errors exit 2", "[cli]") {
  Fixture f;
  CHECK(f.repo.reorg({}).exit_code == 2);
  CHECK(f.repo.reorg({"frobnicate"}).exit_code == 2);
  CHECK(f.repo.reorg({"check"}).exit_code == 2);  // missing MAPPING
  CommandResult bad_flag = f.repo.reorg({"plan", f.mapping(), "--format", "xml"});
  CHECK(bad_flag.exit_code == 2);
  CHECK(bad_flag.err.find("Run `git-reorg --help` for usage.") != std::string::npos);
  CommandResult missing = f.repo.reorg({"check", "no-such-mapping.yaml"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err == "git-reorg: error: cannot read mapping file `no-such-mapping.yaml`\n");
  CommandResult bad_rev = f.repo.reorg({"plan", f.mapping(), "--rev", "no-such-rev"});
  CHECK(bad_rev.exit_code == 2);
  CHECK(bad_rev.err.find("unknown revision `no-such-rev`") != std::string::npos);
}

TEST_CASE("cli: outside a repository is an environment error (exit 2)", "[cli]") {
  Fixture f;
  fs::path outside = fs::temp_directory_path() / ("gitreorg-norepo-" + std::to_string(getpid()));
  fs::create_directories(outside);
  CommandResult r = f.repo.reorg({"-C", outside.string(), "check", f.mapping()});
  fs::remove_all(outside);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("not a git repository") != std::string::npos);
}

// Issue 12: -C DIR as in git: the command runs as if started in DIR, so the mapping and -o FILE on
// the command line are read and written relative to it.
TEST_CASE("cli: -C DIR makes the paths on the command line relative to DIR, as git -C does", "[cli]") {
  Fixture f;
  fs::path parent = f.repo.dir().parent_path();
  std::string name = f.repo.dir().filename().string();
  auto in_parent = [&](const std::vector<std::string>& args) {
    std::vector<std::string> argv = {GITREORG_CLI_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    return gitreorg::testing::run_command(argv, parent);
  };
  CommandResult check = in_parent({"-C", name, "check", ".git/reorg-test-mapping.yaml"});
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("OK: 2 rules") != std::string::npos);
  CommandResult plan = in_parent({"-C", name, "plan", ".git/reorg-test-mapping.yaml", "--format", "markdown", "-o", ".git/plan.md"});
  CHECK(plan.exit_code == 0);
  CHECK(f.repo.read(".git/plan.md").find("## Repository reorganization") == 0);
  CommandResult where = in_parent({"-C", name, "where", ".git/reorg-test-mapping.yaml", "1.architectures/2.pc"});
  CHECK(where.out == "1.architectures/2.pc -> architectures/pc\n");
  // Without -C the same relative mapping is not found from the parent directory.
  CHECK(in_parent({"check", ".git/reorg-test-mapping.yaml"}).exit_code == 2);
  CommandResult missing = in_parent({"-C", "no-such-dir", "check", "m.yaml"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err == "git-reorg: error: cannot change to `no-such-dir`: No such file or directory\n");
}

TEST_CASE("cli: check reports mapping errors as FILE:LINE:COL and exits 1", "[cli]") {
  Fixture f;
  f.repo.write(".git/bad.yaml", "version: 1\nmoves:\n  - form: a\n    to: b\n  - from: nothere\n    to: c\n");
  std::string bad = (f.repo.dir() / ".git/bad.yaml").string();
  CommandResult r = f.repo.reorg({"check", bad});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find(bad + ":3:5: error: unknown key `form` in a move (did you mean `from`?)") != std::string::npos);
  CHECK(r.err.find("    - form: a\n      ^\n") != std::string::npos);  // source line and caret
  // One error does not hide another: the unknown key of the first move and the missing source of
  // the second are both reported in one run (the mapping is not planned further).
  CHECK(r.err.find(bad + ":5:11: error: `from: nothere` is not in the tree; use --allow-missing") != std::string::npos);
  CHECK(r.err.find("no `from`") == std::string::npos);  // the typo is not reported twice
  f.repo.write(".git/bad.yaml", "version: 1\nmoves:\n  - from: nothere\n    to: c\n  - from: README.md\n    to: docs/README.md\n");
  CommandResult missing = f.repo.reorg({"check", bad});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find(bad + ":3:11: error: `from: nothere` is not in the tree") != std::string::npos);
  CHECK(f.repo.reorg({"check", bad, "--allow-missing"}).exit_code == 0);
  CHECK(f.repo.reorg({"check", bad, "--allow-missing", "--strict"}).exit_code == 1);
  CommandResult gh = f.repo.reorg({"check", bad, "--format", "github"});
  CHECK(gh.exit_code == 1);
  CHECK(gh.out.find("::error file=.git/bad.yaml,line=3,col=11,title=git-reorg::`from: nothere` is not in the tree") !=
        std::string::npos);
}

// Issue 12: annotations for CI. GitHub reads `file=` from the repository's root, whatever directory the
// step runs in; plan and apply annotate too, and so does the error that stops a command.
TEST_CASE("cli: --format github for check, plan and apply, file= from the repository root", "[cli]") {
  Fixture f;
  f.repo.write("mappings/m.yaml", std::string(kMapping) + "  - from: nothere\n    to: c\n");
  fs::path sub = f.repo.dir() / "1.architectures";
  auto in_sub = [&](const std::vector<std::string>& args) {
    std::vector<std::string> argv = {GITREORG_CLI_PATH};
    argv.insert(argv.end(), args.begin(), args.end());
    return gitreorg::testing::run_command(argv, sub);
  };
  std::string annotation =
      "::error file=mappings/m.yaml,line=7,col=11,title=git-reorg::`from: nothere` is not in the tree; use --allow-missing to "
      "re-apply a mapping\n";
  CommandResult check = in_sub({"check", "../mappings/m.yaml", "--format", "github"});
  CHECK(check.exit_code == 1);
  CHECK(check.out == annotation);
  CommandResult plan = in_sub({"plan", "../mappings/m.yaml", "--format", "github", "--allow-missing"});
  CHECK(plan.exit_code == 0);
  CHECK(plan.out.find("::warning file=mappings/m.yaml,line=7,col=11,title=git-reorg::`from: nothere` is not in the tree") == 0);
  CHECK(plan.out.find("3.test_cases/pytorch/FSDP") != std::string::npos);  // then the text plan
  CHECK(plan.out.find("\x1b[") == std::string::npos);
  CommandResult apply = in_sub({"apply", "../mappings/m.yaml", "--format", "github"});
  CHECK(apply.exit_code == 1);
  CHECK(apply.out == annotation);
  // A refusal is an annotation too (and the usual message on stderr).
  f.repo.write("README.md", "# Top, edited\n");
  CommandResult refused = in_sub({"apply", "../mappings/m.yaml", "--allow-missing", "--format", "github"});
  CHECK(refused.exit_code == 3);
  CHECK(refused.out == "::warning file=mappings/m.yaml,line=7,col=11,title=git-reorg::`from: nothere` is not in the tree\n"
                       "::error title=git-reorg::tracked files are modified or staged: commit or stash them first (nothing was "
                       "changed)\n");
  CHECK(refused.err.find("git-reorg: error: tracked files are modified or staged") == 0);
  CHECK(TempRepo::trim(f.repo.git({"log", "-1", "--format=%s"}).out) == "initial layout");
}

TEST_CASE("cli: check passes a valid mapping; quietly with -q", "[cli]") {
  Fixture f;
  CommandResult r = f.repo.reorg({"check", f.mapping()});
  CHECK(r.exit_code == 0);
  CHECK(r.out == f.mapping() + ": OK: 2 rules, 4 of 5 files move, 0 files with reference edits\n");
  CHECK(r.err.empty());
  CommandResult q = f.repo.reorg({"check", f.mapping(), "-q"});
  CHECK(q.exit_code == 0);
  CHECK(q.out.empty());
  CommandResult json = f.repo.reorg({"check", f.mapping(), "--format", "json"});
  auto j = nlohmann::json::parse(json.out);
  CHECK(j["schema"] == "git-reorg-check");
  CHECK(j["schema_version"] == 1);
  CHECK(j["ok"] == true);
  CHECK(j["moved"] == 4);
}

TEST_CASE("cli: plan in text; json and markdown", "[cli]") {
  Fixture f;
  CommandResult text = f.repo.reorg({"plan", f.mapping(), "--files"});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("4 of 5 files move, by 2 rules (0 errors, 0 warnings)") != std::string::npos);
  CHECK(text.out.find("1.architectures/2.pc/setup.sh -> architectures/pc/setup.sh") != std::string::npos);
  CHECK(text.out.find("\x1b[") == std::string::npos);  // not a terminal: no colour

  CommandResult json = f.repo.reorg({"plan", f.mapping(), "--format", "json"});
  CHECK(json.exit_code == 0);
  auto j = nlohmann::json::parse(json.out);
  CHECK(j["schema"] == "git-reorg-plan");
  CHECK(j["schema_version"] == 1);
  CHECK(j["summary"]["moved"] == 4);
  CHECK(j["summary"]["files"] == 5);
  CHECK(j["revision"]["commit"] == TempRepo::trim(f.repo.git({"rev-parse", "HEAD"}).out));
  CHECK(j["mapping"]["blob"] == TempRepo::trim(f.repo.git({"hash-object", f.mapping()}).out));
  REQUIRE(j["files"].size() == 4);
  bool saw_exec = false;
  for (auto& file : j["files"])
    if (file["new"] == "architectures/pc/setup.sh") saw_exec = file["mode"] == "100755" && file["kind"] == "executable";
  CHECK(saw_exec);
  REQUIRE(j["rules"].size() == 2);
  CHECK(j["rules"][1]["kind"] == "match");
  CHECK(j["rules"][1]["moves"].size() == 2);

  fs::path out = f.repo.dir() / ".git/plan.md";
  CommandResult md = f.repo.reorg({"plan", f.mapping(), "--format", "markdown", "-o", out.string()});
  CHECK(md.exit_code == 0);
  std::string text_md = f.repo.read(".git/plan.md");
  CHECK(text_md.find("| Line | From | To | Files |") != std::string::npos);
  CHECK(text_md.find("<details>") != std::string::npos);
  CHECK(text_md.find("| `3.test_cases/pytorch/FSDP/README.md` | `examples/training/fsdp/README.md` |") != std::string::npos);
  CHECK(text_md.find("not a squash") != std::string::npos);
}

TEST_CASE("cli: plan --format markdown fits in --max-bytes; --files and --max-bytes 0 list every file", "[cli]") {
  TempRepo repo;
  for (int i = 0; i < 60; ++i) repo.write(fmt::format("3.test_cases/pytorch/FSDP/part{:02}.md", i), "# Part\n");
  repo.commit("sixty files");
  repo.write(".git/m.yaml", "version: 1\nmoves:\n  - from: 3.test_cases/pytorch/FSDP\n    to: examples/training/fsdp\n");
  auto rows = [](const std::string& md) {  // one table row per listed file
    std::size_t n = 0;
    const std::string row = "| `3.test_cases/pytorch/FSDP/part";
    for (std::size_t at = md.find(row); at != std::string::npos; at = md.find(row, at + 1)) ++n;
    return n;
  };

  CommandResult full = repo.reorg({"plan", ".git/m.yaml", "--format", "markdown"});  // default: 65,536 bytes
  CHECK(full.exit_code == 0);
  CHECK(rows(full.out) == 60);
  CHECK(full.err.empty());

  CommandResult folded = repo.reorg({"plan", ".git/m.yaml", "--format", "markdown", "--max-bytes", "3000"});
  CHECK(folded.exit_code == 0);
  CHECK(folded.out.size() <= 3000);
  CHECK(rows(folded.out) < 60);
  CHECK(folded.out.find(fmt::format("… and {} more", 60 - rows(folded.out))) != std::string::npos);
  CHECK(folded.out.find("git reorg plan") != std::string::npos);  // says how to see the rest
  CHECK(folded.err == "git-reorg: note: long lists of the Markdown plan are shortened to fit in 3000 bytes (--files: all)\n");
  CHECK(repo.reorg({"-q", "plan", ".git/m.yaml", "--format", "markdown", "--max-bytes", "3000"}).err.empty());

  using Args = std::vector<std::string>;
  for (const Args& lift : {Args{"--max-bytes", "3000", "--files"}, Args{"--max-bytes", "0"}}) {
    Args args{"plan", ".git/m.yaml", "--format", "markdown"};
    args.insert(args.end(), lift.begin(), lift.end());
    CommandResult all = repo.reorg(args);
    CHECK(all.exit_code == 0);
    CHECK(rows(all.out) == 60);
    CHECK(all.out.size() > 3000);
    CHECK(all.out == full.out);  // the whole plan fits the default limit
    CHECK(all.err.empty());
  }

  CommandResult tiny = repo.reorg({"plan", ".git/m.yaml", "--format", "markdown", "--max-bytes", "100"});
  CHECK(tiny.exit_code == 0);  // the plan is still written: a warning, not an error
  CHECK(tiny.out.size() > 100);
  CHECK(tiny.err == fmt::format("git-reorg: warning: the Markdown plan is {} bytes, more than --max-bytes 100 even shortened\n",
                                tiny.out.size()));
}

TEST_CASE("cli: colour only when asked or on a terminal; NO_COLOR is honoured", "[cli]") {
  Fixture f;
  CHECK(f.repo.reorg({"plan", f.mapping(), "--color=always"}).out.find("\x1b[") != std::string::npos);
  CHECK(f.repo.reorg({"plan", f.mapping(), "--color=never"}).out.find("\x1b[") == std::string::npos);
  CHECK(f.repo.reorg({"plan", f.mapping()}, {{"NO_COLOR", "1"}}).out.find("\x1b[") == std::string::npos);
}

TEST_CASE("cli: plan changes nothing: refs; index; objects; work tree", "[cli]") {
  Fixture f;
  f.repo.write("untracked.txt", "u\n");
  // git status refreshes the index: run it before taking the snapshot, never between.
  std::string status_before = f.repo.git({"status", "--porcelain"}).out;
  std::string before = snapshot(f.repo);
  for (std::string format : {"text", "json", "markdown"}) CHECK(f.repo.reorg({"plan", f.mapping(), "--format", format}).exit_code == 0);
  CHECK(f.repo.reorg({"check", f.mapping()}).exit_code == 0);
  CHECK(f.repo.reorg({"where", f.mapping(), "3.test_cases/pytorch/FSDP"}).exit_code == 0);
  CHECK(snapshot(f.repo) == before);
  CHECK(f.repo.git({"status", "--porcelain"}).out == status_before);
  CHECK(status_before == "?? untracked.txt\n");
  CHECK(f.repo.git({"fsck", "--strict"}).exit_code == 0);
}

TEST_CASE("cli: where; forwards and backwards; in and outside a repository", "[cli]") {
  Fixture f;
  CommandResult r = f.repo.reorg({"where", f.mapping(), "3.test_cases/pytorch/FSDP", "3.test_cases/pytorch/FSDP/new-file.py",
                                  "1.architectures/2.pc/", "README.md"});
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "3.test_cases/pytorch/FSDP -> examples/training/fsdp\n"
        "3.test_cases/pytorch/FSDP/new-file.py -> examples/training/fsdp/new-file.py\n"
        "1.architectures/2.pc/ -> architectures/pc/\n"
        "README.md (unchanged)\n");
  CommandResult back = f.repo.reorg({"where", "--reverse", f.mapping(), "architectures/pc/setup.sh", "examples/training/fsdp"});
  CHECK(back.exit_code == 0);
  CHECK(back.out ==
        "architectures/pc/setup.sh <- 1.architectures/2.pc/setup.sh\n"
        "examples/training/fsdp <- 3.test_cases/pytorch/FSDP\n");
  CommandResult invalid = f.repo.reorg({"where", f.mapping(), "../etc"});
  CHECK(invalid.exit_code == 1);
  CHECK(invalid.err == "git-reorg: error: ../etc: outside the repository\n");
  CommandResult quoted = f.repo.reorg({"where", f.mapping(), "3.test_cases/pytorch/FSDP/caf\xc3\xa9 \"x\".md"});
  CHECK(quoted.out == "\"3.test_cases/pytorch/FSDP/caf\\303\\251 \\\"x\\\".md\" -> \"examples/training/fsdp/caf\\303\\251 \\\"x\\\".md\"\n");

  // Outside a repository, `where` answers from the mapping alone; `match` rules cannot be reversed.
  fs::path outside = fs::temp_directory_path() / ("gitreorg-where-" + std::to_string(getpid()));
  fs::create_directories(outside);
  CommandResult away = gitreorg::testing::run_command({GITREORG_CLI_PATH, "where", f.mapping(), "1.architectures/0.common/x"}, outside);
  CHECK(away.exit_code == 0);
  CHECK(away.out == "1.architectures/0.common/x -> architectures/common/x\n");
  CommandResult away_back =
      gitreorg::testing::run_command({GITREORG_CLI_PATH, "where", "-r", f.mapping(), "architectures/common/x"}, outside);
  CHECK(away_back.out == "architectures/common/x (unknown)\n");
  fs::remove_all(outside);
}

// Issue 12: once the migration is merged (here by a pull request's merge commit), HEAD has the new
// layout; `where` answers for the commit before the migration and says so.
TEST_CASE("cli: where after the migration is merged answers for the commit before it", "[cli]") {
  Fixture f;
  std::string main_branch = TempRepo::trim(f.repo.git({"symbolic-ref", "--short", "HEAD"}).out);
  REQUIRE(f.repo.reorg({"apply", f.mapping(), "--branch", "reorg"}).exit_code == 0);
  std::string first = TempRepo::trim(f.repo.git({"rev-parse", "reorg"}).out);  // no reference to edit: one commit
  std::string before = TempRepo::trim(f.repo.git({"rev-parse", "reorg^"}).out);
  f.repo.git({"checkout", "-q", main_branch});
  f.repo.write("NOTES.md", "meanwhile\n");
  f.repo.commit("meanwhile");
  f.repo.git({"merge", "-q", "--no-ff", "-m", "Merge pull request #1 from reorg", "reorg"});
  std::string note = "git-reorg: note: HEAD has the new layout: answering for " + before.substr(0, 12) +
                     ", the commit before the reorganization " + first.substr(0, 12) + " (--rev chooses another)\n";
  CommandResult r = f.repo.reorg({"where", f.mapping(), "1.architectures/2.pc", "3.test_cases/pytorch/FSDP/README.md"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "1.architectures/2.pc -> architectures/pc\n3.test_cases/pytorch/FSDP/README.md -> examples/training/fsdp/README.md\n");
  CHECK(r.err == note);
  CommandResult back = f.repo.reorg({"where", "--reverse", f.mapping(), "architectures/pc", "examples/training/fsdp", "NOTES.md"});
  CHECK(back.exit_code == 0);
  CHECK(back.out ==
        "architectures/pc <- 1.architectures/2.pc\nexamples/training/fsdp <- 3.test_cases/pytorch/FSDP\nNOTES.md (unchanged)\n");
  CHECK(back.err == note);
  CHECK(f.repo.reorg({"-q", "where", f.mapping(), "1.architectures/2.pc"}).err.empty());
  // --rev HEAD asks about HEAD's own tree: no old layout there, so no `match` rule can be reversed.
  CommandResult at_head = f.repo.reorg({"where", "--reverse", f.mapping(), "architectures/pc", "--rev", "HEAD"});
  CHECK(at_head.out == "architectures/pc (unchanged)\n");
  CHECK(at_head.err == "git-reorg: note: the tree at HEAD has none of the paths this mapping moves (it may have the new layout "
                       "already): answering for that tree; without --rev, where answers for the commit before the migration\n");

  // The new layout made by hand (no trailers): answered from the mapping alone, and said.
  TempRepo by_hand;
  by_hand.write("architectures/pc/setup.sh", "#!/bin/sh\n");
  by_hand.commit("new layout");
  CommandResult hand = by_hand.reorg({"where", f.mapping(), "1.architectures/2.pc/setup.sh"});
  CHECK(hand.out == "1.architectures/2.pc/setup.sh -> architectures/pc/setup.sh\n");
  CHECK(hand.err.find("git-reorg: note: HEAD has none of the paths this mapping moves, and no commit in its history was made "
                      "with it or has them: answering from the mapping alone") == 0);

  // By hand with a history (git mv in one commit, no trailers, more commits since): the newest commit
  // whose tree has paths the mapping moves answers, `match` rules reversed too, and the note names it.
  Fixture moved;
  moved.repo.write("3.test_cases/pytorch/FSDP/new.py", "x\n");
  moved.repo.commit("one more file");
  std::string last_old = TempRepo::trim(moved.repo.git({"rev-parse", "HEAD"}).out);
  moved.repo.git({"mv", "1.architectures/2.pc", "pc"});
  moved.repo.git({"mv", "1.architectures/0.common", "common"});
  moved.repo.git({"mv", "3.test_cases/pytorch/FSDP", "fsdp"});
  moved.repo.commit("the new layout, by hand");
  moved.repo.write("NOTES.md", "later\n");
  moved.repo.commit("later");
  CommandResult hist = moved.repo.reorg({"where", "-r", moved.mapping(), "architectures/pc", "examples/training/fsdp/new.py"});
  CHECK(hist.exit_code == 0);
  CHECK(hist.out == "architectures/pc <- 1.architectures/2.pc\nexamples/training/fsdp/new.py <- 3.test_cases/pytorch/FSDP/new.py\n");
  CHECK(hist.err == "git-reorg: note: HEAD has the new layout and no commit was made with this mapping: answering for " +
                        last_old.substr(0, 12) + ", the newest commit whose tree has paths it moves (--rev chooses another)\n");
  CHECK(moved.repo.reorg({"where", moved.mapping(), "1.architectures/0.common"}).out == "1.architectures/0.common -> architectures/common\n");
}

TEST_CASE("cli: `git reorg` runs git-reorg from PATH", "[cli]") {
  Fixture f;
  std::string dir = fs::path(GITREORG_CLI_PATH).parent_path().string();
  const char* path = std::getenv("PATH");
  CommandResult r = gitreorg::testing::run_command({"git", "reorg", "check", f.mapping()}, f.repo.dir(),
                                                   {{"PATH", dir + ":" + (path ? path : "/usr/bin:/bin")}});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("OK: 2 rules") != std::string::npos);
}

TEST_CASE("cli: plan notes the files of a pull request over GitHub's 300-file diff view, and only then", "[cli][github]") {
  TempRepo repo;
  for (int i = 0; i < 300; ++i) repo.write("0.docs/file" + std::to_string(i) + ".txt", "x\n");
  repo.write("README.md", "# Readme\n");
  repo.commit("300 files");
  repo.write(".git/m.yaml", "version: 1\nmoves:\n  - from: 0.docs\n    to: docs\n");
  const std::string note = "GitHub shows at most 300 files of a pull request's diff";
  CommandResult at_limit = repo.reorg({"plan", ".git/m.yaml"});
  INFO(at_limit.out << at_limit.err);
  REQUIRE(at_limit.exit_code == 0);
  CHECK(at_limit.out.find(note) == std::string::npos);
  CHECK(repo.reorg({"plan", ".git/m.yaml", "--format", "markdown"}).out.find(note) == std::string::npos);

  // One more: a moved file, or a file that stays but whose reference is edited. The git CLI counts the
  // files of the diff GitHub would show, once applied.
  repo.write("0.docs/one-more.txt", "x\n");
  repo.write("guide.md", "See [the docs](0.docs/file1.txt).\n");
  repo.commit("302 changed");
  CommandResult over = repo.reorg({"plan", ".git/m.yaml"});
  INFO(over.out << over.err);
  CHECK(over.out.find("\nNote: " + note + "; this one changes 302 files, so 2 are not shown there.") != std::string::npos);
  std::string md = repo.reorg({"plan", ".git/m.yaml", "--format", "markdown"}).out;
  CHECK(md.find("> [!NOTE]\n> " + note + "; this one changes 302 files, so 2 are not shown there.") != std::string::npos);
  REQUIRE(repo.reorg({"apply", ".git/m.yaml"}).exit_code == 0);
  CHECK(gitreorg::testing::lines(repo.git({"diff", "--name-only", "-M", "HEAD~2", "HEAD"}).out).size() == 302);
}

TEST_CASE("cli: plan lists the CODEOWNERS rules to add first, as apply writes them", "[cli][github]") {
  TempRepo repo;
  repo.write("0.docs/index.md", "# Docs\n");
  repo.write("3.test_cases/pytorch/FSDP/train.py", "x\n");
  repo.write("3.test_cases/pytorch/other/train.py", "x\n");
  repo.write("tools/run.sh", "x\n");
  // A rule for a directory the mapping splits (several rules then), and one for files in a moved directory.
  repo.write(".github/CODEOWNERS", "* @all\r\n/0.docs/ @docs\r\n/3.test_cases/pytorch/ @torch\r\n"
                                   "/tools/ @tools\r\n/0.docs/*.md @md\r\n");
  repo.commit("layout");
  repo.write(".git/m.yaml", "version: 1\nmoves:\n  - from: 0.docs\n    to: docs\n  - from: 3.test_cases/pytorch/FSDP\n"
                            "    to: examples/fsdp\n  - from: 3.test_cases/pytorch/other\n    to: misc/other\n");
  CommandResult text = repo.reorg({"plan", ".git/m.yaml"});
  INFO(text.out << text.err);
  REQUIRE(text.exit_code == 0);
  std::size_t at = text.out.find("\nCODEOWNERS: GitHub requests reviews by the base branch's CODEOWNERS");
  REQUIRE(at != std::string::npos);
  std::string listed = text.out.substr(text.out.find(":\n", at) + 2);
  listed = listed.substr(0, listed.find("\n\n") + 1);
  std::string md = repo.reorg({"plan", ".git/m.yaml", "--format", "markdown"}).out;
  CHECK(md.find("<summary>CODEOWNERS: ") != std::string::npos);

  // The oracle: the lines git shows as added to CODEOWNERS once applied.
  REQUIRE(repo.reorg({"apply", ".git/m.yaml"}).exit_code == 0);
  std::string added;
  for (const std::string& l : gitreorg::testing::lines(repo.git({"diff", "HEAD~2", "HEAD", "--", ".github/CODEOWNERS"}).out))
    if (l.rfind("+", 0) == 0 && l.rfind("+++", 0) != 0) added += "  " + l.substr(1, l.back() == '\r' ? l.size() - 2 : std::string::npos) + "\n";
  CHECK(listed == added);
  CHECK(listed.find("  /0.docs/") == std::string::npos);
  CHECK(listed.find("  /tools/") == std::string::npos);
  CHECK(listed.find("  /docs/*.md @md\n") != std::string::npos);
  CHECK(listed.find("  /examples/fsdp/ @torch\n") != std::string::npos);
  CHECK(listed.find("  /misc/other/ @torch\n") != std::string::npos);
  CHECK(gitreorg::testing::lines(listed).size() == 4);
  for (const std::string& l : gitreorg::testing::lines(listed)) CHECK(md.find(l.substr(2) + "\n") != std::string::npos);
}

// GitHub reads the first 300 changed files of a pull request (in path order, as git lists them)
// for `paths` filters: a workflow whose first changed file comes later does not run on it. git diff
// --name-only of the applied migration is the oracle for the order.
TEST_CASE("cli: plan names the path-filtered workflows the migration's pull request does not trigger", "[cli][github]") {
  TempRepo repo;
  for (int i = 0; i < 310; ++i) repo.write("3.test_cases/big/file" + std::to_string(i) + ".txt", "x\n");
  repo.write(".github/workflows/ci.yml", "on:\n  push:\n    paths:\n      - '3.test_cases/big/**'\n");
  repo.write(".github/workflows/late.yml", "on:\n  pull_request:\n    paths: ['scripts/**']\n");
  repo.write(".github/workflows/ignore.yml", "on:\n  pull_request:\n    paths-ignore: ['examples/**', '.github/**']\n");
  repo.write(".github/workflows/negated.yml",
             "on:\n  pull_request:\n    paths: ['3.test_cases/big/**', '!3.test_cases/big/file0.txt']\n");
  repo.write(".github/workflows/never.yml", "on:\n  pull_request:\n    paths: ['docs/**']\n");
  repo.write("scripts/run.sh", "cd 3.test_cases/big/$CASE\n");
  repo.commit("big");
  repo.write(".git/m.yaml", "version: 1\nmoves:\n  - from: 3.test_cases/big\n    to: examples/big\n");
  CommandResult text = repo.reorg({"plan", ".git/m.yaml", "--files"});
  INFO(text.out << text.err);
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("GitHub evaluates `paths` filters on the first 300 changed files of a pull request only; this one "
                      "changes 313 files (listed by path), so these workflows will not run on it although it changes files "
                      "they filter on (run them by hand, or open the pull request in parts): "
                      ".github/workflows/ignore.yml (pull_request: its first file, `scripts/run.sh`, is number 313), "
                      ".github/workflows/late.yml (pull_request: its first file, `scripts/run.sh`, is number 313)\n") !=
        std::string::npos);
  auto j = nlohmann::json::parse(repo.reorg({"plan", ".git/m.yaml", "--format", "json"}).out);
  auto runs = j["references"]["pull_request_runs"];
  REQUIRE(runs.size() == 5);
  CHECK(runs[4]["workflow"] == ".github/workflows/never.yml");  // no changed file to run for: not a warning
  CHECK(runs[4]["runs"] == false);
  CHECK(runs[4]["first_file"].is_null());
  CHECK(runs[0]["workflow"] == ".github/workflows/ci.yml");
  CHECK(runs[0]["event"] == "push");
  CHECK(runs[0]["runs"] == true);
  CHECK(runs[3]["workflow"] == ".github/workflows/negated.yml");
  CHECK(runs[3]["runs"] == true);
  CHECK(runs[3]["first_file"] == "examples/big/file1.txt");
  std::string md = repo.reorg({"plan", ".git/m.yaml", "--format", "markdown"}).out;
  CHECK(md.find("> [!WARNING]\n> GitHub evaluates `paths` filters") != std::string::npos);

  // The oracle: the pull request's files as git lists them, once applied.
  REQUIRE(repo.reorg({"apply", ".git/m.yaml"}).exit_code == 0);
  std::vector<std::string> listed = gitreorg::testing::lines(repo.git({"diff", "--name-only", "-M", "HEAD~2", "HEAD"}).out);
  REQUIRE(listed.size() == 313);
  CHECK(listed[312] == "scripts/run.sh");
  CHECK(std::find(listed.begin(), listed.end(), "examples/big/file1.txt") - listed.begin() + 1 == runs[3]["first_file_number"]);
  CHECK(std::find(listed.begin(), listed.end(), "examples/big/file0.txt") - listed.begin() + 1 == runs[0]["first_file_number"]);

  // Under 300 changed files there is nothing to warn about.
  TempRepo small;
  small.write("a/f.txt", "x\n");
  small.write(".github/workflows/ci.yml", "on:\n  pull_request:\n    paths: ['z/**']\n");
  small.write("z/run.sh", "cat a/f.txt\n");
  small.commit("small");
  small.write(".git/m.yaml", "version: 1\nmoves:\n  - from: a\n    to: b\n");
  CHECK(small.reorg({"plan", ".git/m.yaml"}).out.find("GitHub evaluates") == std::string::npos);
}

TEST_CASE("cli: a CI filter whose selection changes is a warning and an error under check --strict", "[cli]") {
  TempRepo repo;
  repo.write("3.test_cases/pytorch/FSDP/train.py", "x\n");
  repo.write("examples/old/README.md", "# Old\n");
  // `**/fsdp/**` matches nothing before the move and the moved FSDP files after it.
  repo.write(".github/workflows/b.yml", "on:\n  push:\n    paths: ['examples/**', '**/fsdp/**']\n");
  repo.commit("layout");
  repo.write(".git/m.yaml", "version: 1\nmoves:\n  - from: 3.test_cases/pytorch/FSDP\n    to: examples/training/fsdp\n");
  CommandResult plain = repo.reorg({"check", ".git/m.yaml"});
  CHECK(plain.exit_code == 0);
  CHECK(plain.err.find(".github/workflows/b.yml:3") != std::string::npos);
  CHECK(plain.err.find("selects different files after the move") != std::string::npos);
  CommandResult strict = repo.reorg({"check", ".git/m.yaml", "--strict"});
  CHECK(strict.exit_code == 1);
  CHECK(strict.err.find("(--strict: warnings count as errors)") != std::string::npos);
  // The reason is printed even with -q: under --strict the warning is an error.
  CommandResult quiet = repo.reorg({"-q", "check", ".git/m.yaml", "--strict"});
  CHECK(quiet.exit_code == 1);
  CHECK(quiet.err.find(".github/workflows/b.yml:3") != std::string::npos);
  CHECK(quiet.err.find("error: ") != std::string::npos);
  CHECK(quiet.err.find("selects different files after the move") != std::string::npos);
}

TEST_CASE("cli: a misspelt command gets the closest one suggested, as git does", "[cli]") {
  TempRepo repo;
  CommandResult r = repo.reorg({"chek", "m.yaml"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "git-reorg: error: `chek` is not a git-reorg command; did you mean `check`?\n"
                 "Run `git-reorg --help` for the list of commands.\n");
  CommandResult far = repo.reorg({"-C", ".", "frobnicate"});
  CHECK(far.exit_code == 2);
  CHECK(far.err == "git-reorg: error: `frobnicate` is not a git-reorg command\n"
                   "Run `git-reorg --help` for the list of commands.\n");
  // A known command with a bad option is a usage error about the option, not about the command.
  CommandResult bad = repo.reorg({"--color", "never", "plan", "--frob"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("not a git-reorg command") == std::string::npos);
}

TEST_CASE("cli: `help` and `help COMMAND` print the same text as --help", "[cli]") {
  TempRepo repo;
  CommandResult help = repo.reorg({"help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out == repo.reorg({"--help"}).out);
  CommandResult plan = repo.reorg({"help", "plan"});
  CHECK(plan.exit_code == 0);
  CHECK(plan.out == repo.reorg({"plan", "--help"}).out);
  CommandResult typo = repo.reorg({"help", "aply"});
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("`aply` is not a git-reorg command; did you mean `apply`?") != std::string::npos);
}

TEST_CASE("cli: -v logs on stderr only, so stdout stays the report", "[cli]") {
  Fixture f;
  CommandResult r = f.repo.reorg({"-vv", "plan", f.mapping(), "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_NOTHROW(nlohmann::json::parse(r.out));
  CHECK(r.err.find("git-reorg: debug: ") != std::string::npos);
  CHECK(r.out.find("git-reorg: debug: ") == std::string::npos);
}

TEST_CASE("cli: links prints its summary on stdout, broken links or not", "[cli]") {
  TempRepo repo;
  repo.write("README.md", "[ok](a.md) [gone](missing.md)\n");
  repo.write("a.md", "# A\n");
  repo.commit("links");
  CommandResult r = repo.reorg({"links"});
  CHECK(r.exit_code == 1);
  CHECK(r.out == "2 links in 2 Markdown files: 1 broken\n");
  CHECK(r.err.find("missing.md") != std::string::npos);
}

TEST_CASE("cli: links and plan read every HTML entity in a destination, as GitHub does", "[cli]") {
  TempRepo repo;
  repo.write("docs/caf\xC3\xA9.md", "# Caf\xC3\xA9\n");
  repo.write("docs/a_b.md", "# AB\n");
  repo.write("README.md",
             "[n](docs/caf&eacute;.md) [d](docs/caf&#233;.md) [h](docs/caf&#xE9;.md)\n"
             "[u](docs/a&lowbar;b&period;md) <a href=\"docs/caf&eacute;.md\">x</a>\n"
             "[bad](docs/caf&bogus;.md)\n");
  repo.commit("entities");
  CommandResult r = repo.reorg({"links"});
  CHECK(r.exit_code == 1);
  CHECK(r.out == "6 links in 3 Markdown files: 1 broken\n");
  CHECK(r.err.find("caf&bogus;.md") != std::string::npos);
  CHECK(r.err.find("caf&eacute;") == std::string::npos);
  // plan: the links follow the move, their entities kept as written.
  repo.write(".git/m.yaml", "version: 1\nmoves:\n  - from: docs\n    to: guide\n");
  CommandResult p = repo.reorg({"plan", (repo.dir() / ".git/m.yaml").string(), "--files"});
  INFO(p.err);
  CHECK(p.exit_code == 0);
  CHECK(p.out.find("References: 5 edits in 1 files (html-link 1, markdown-link 4)\n"
                   "  README.md:1: markdown-link: docs/caf&eacute;.md -> guide/caf&eacute;.md\n"
                   "  README.md:1: markdown-link: docs/caf&#233;.md -> guide/caf&#233;.md\n"
                   "  README.md:1: markdown-link: docs/caf&#xE9;.md -> guide/caf&#xE9;.md\n"
                   "  README.md:2: markdown-link: docs/a&lowbar;b&period;md -> guide/a&lowbar;b&period;md\n"
                   "  README.md:2: html-link: docs/caf&eacute;.md -> guide/caf&eacute;.md\n") != std::string::npos);
}

// Log lines and progress on stderr (issue 12): --log-level (trace ... off) decides which log lines
// show and wins over -v/-q; stdout holds only the report at any level; progress lines appear only
// when stderr is a terminal (a pseudo-terminal made by script(1) here) and the work outlasts
// GIT_PROGRESS_DELAY, never in a pipe, never with -q.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "support/docs_move_repo.hpp"
#include "support/temp_repo.hpp"

namespace {

using gitreorg::testing::CommandResult;
using gitreorg::testing::TempRepo;

std::string mapping(TempRepo& r) { return (r.dir() / ".git/mapping.yaml").string(); }

bool logs_debug(const CommandResult& r) { return r.err.find("git-reorg: debug: ") != std::string::npos; }

// Runs git-reorg with `args` under script(1), so that its stdin, stdout and stderr are a terminal;
// what the terminal showed (stdout and stderr together, CR as sent).
CommandResult on_terminal(TempRepo& r, const std::vector<std::string>& args, const std::string& delay) {
  std::string command = std::string("'") + GITREORG_CLI_PATH + "'";
  for (const std::string& a : args) command += " '" + a + "'";
  std::map<std::string, std::string> env = gitreorg::testing::fixed_git_env();
  env["GIT_PROGRESS_DELAY"] = delay;
  return gitreorg::testing::run_command({"script", "-qec", command, "/dev/null"}, r.dir(), env);
}

}  // namespace

TEST_CASE("log level: --log-level chooses the log lines on stderr, over -v and -q", "[cli][log-level]") {
  TempRepo r;
  gitreorg::testing::make_docs_move_repo(r, ".git/mapping.yaml");
  for (const char* level : {"trace", "debug"}) {
    CommandResult c = r.reorg({"--log-level", level, "plan", mapping(r)});
    INFO(level << ": " << c.err);
    CHECK(c.exit_code == 0);
    CHECK(logs_debug(c));
    CHECK(c.out.find("git-reorg: debug: ") == std::string::npos);
  }
  for (const char* level : {"info", "warn", "error", "off"}) {
    CommandResult c = r.reorg({"plan", mapping(r), "--log-level", level, "-v"});  // after the command too, and over -v
    INFO(level << ": " << c.err);
    CHECK(c.exit_code == 0);
    CHECK(c.err.empty());
  }
  CHECK(logs_debug(r.reorg({"-q", "--log-level=debug", "check", mapping(r)})));  // over -q
  CHECK(!logs_debug(r.reorg({"plan", mapping(r)})));
  CHECK(logs_debug(r.reorg({"-v", "plan", mapping(r)})));
  CommandResult bad = r.reorg({"--log-level", "loud", "plan", mapping(r)});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--log-level: loud not in {trace,debug,info,warn,error,off}") != std::string::npos);
}

TEST_CASE("log level: stdout stays JSON at --log-level debug; not a terminal, stderr stays empty", "[cli][log-level]") {
  TempRepo r;
  gitreorg::testing::make_docs_move_repo(r, ".git/mapping.yaml");
  CommandResult debug = r.reorg({"--log-level", "debug", "plan", mapping(r), "--format", "json"});
  REQUIRE(debug.exit_code == 0);
  CHECK(logs_debug(debug));
  CHECK(nlohmann::json::parse(debug.out)["schema"] == "git-reorg-plan");
  // Progress even with no delay at all: stderr is a pipe here, so nothing, for plan or apply.
  CommandResult plan = r.reorg({"plan", mapping(r), "--format", "json"}, {{"GIT_PROGRESS_DELAY", "0"}});
  CHECK(plan.exit_code == 0);
  CHECK(plan.err.empty());
  CHECK_NOTHROW(nlohmann::json::parse(plan.out));
  CommandResult apply = r.reorg({"apply", mapping(r)}, {{"GIT_PROGRESS_DELAY", "0"}});
  CHECK(apply.exit_code == 0);
  CHECK(apply.err.empty());
  CHECK(r.git({"log", "-1", "--format=%s"}).out == "Update references\n");
}

TEST_CASE("log level: on a terminal, progress for work past GIT_PROGRESS_DELAY; none within it or with -q", "[cli][log-level]") {
  TempRepo r;
  gitreorg::testing::make_docs_move_repo(r, ".git/mapping.yaml");
  CommandResult quick = on_terminal(r, {"plan", mapping(r)}, "100");  // done long before 100 s
  INFO(quick.out << quick.err);
  REQUIRE(quick.exit_code == 0);
  CHECK(quick.out.find("Scanning files") == std::string::npos);
  CommandResult quiet = on_terminal(r, {"-q", "plan", mapping(r)}, "0");
  CHECK(quiet.out.find("Scanning files") == std::string::npos);
  // With no delay, git's form: the line rewritten in place, then ", done.". The repository has 2 files.
  CommandResult shown = on_terminal(r, {"plan", mapping(r)}, "0");
  INFO(shown.out);
  CHECK(shown.out.find("\rgit-reorg: Scanning files: 100% (2/2), done.\r\n") != std::string::npos);
  CommandResult links = on_terminal(r, {"links"}, "0");
  CHECK(links.out.find("\rgit-reorg: Reading Markdown files: 100% (2/2), done.\r\n") != std::string::npos);
  CommandResult apply = on_terminal(r, {"apply", mapping(r)}, "0");
  INFO(apply.out);
  REQUIRE(apply.exit_code == 0);
  CHECK(apply.out.find("git-reorg: Updating files: 100% (") != std::string::npos);
  CHECK(apply.out.find("), done.") != std::string::npos);
}

// Identity resolution in git's order: GIT_<WHO>_* first, then author.* / committer.*, then user.*;
// GIT_<WHO>_DATE as git reads it. (The case of no identity at all is tested through the CLI, in a
// process with an empty HOME: tests/exec/apply_test.cpp.)
#include <catch2/catch.hpp>

#include "gitreorg/core/error.hpp"
#include "gitreorg/git/signature.hpp"
#include "support/scoped_env.hpp"
#include "support/temp_repo.hpp"

using namespace gitreorg;
using testing::ScopedEnv;
using testing::TempRepo;

TEST_CASE("signature: the environment, then author.* / committer.*, then user.*", "[git][signature]") {
  TempRepo r;
  r.git({"config", "user.name", "User Name"});
  r.git({"config", "user.email", "user@example.com"});
  r.git({"config", "author.name", "Author Name"});
  git::Repository repo = git::Repository::open(r.dir());
  ScopedEnv env(std::map<std::string, std::optional<std::string>>{{"GIT_AUTHOR_NAME", std::nullopt},
                                                                   {"GIT_AUTHOR_EMAIL", std::nullopt},
                                                                   {"GIT_AUTHOR_DATE", "@1700000000 +0130"},
                                                                   {"GIT_COMMITTER_NAME", std::nullopt},
                                                                   {"GIT_COMMITTER_EMAIL", "env@example.com"},
                                                                   {"GIT_COMMITTER_DATE", "2023-11-14T22:13:20Z"}});
  git::Signature author = git::signature_for(repo, "AUTHOR");
  CHECK(author.name == "Author Name");
  CHECK(author.email == "user@example.com");
  CHECK(author.time == 1700000000);
  CHECK(author.offset_minutes == 90);
  git::Signature committer = git::signature_for(repo, "COMMITTER");
  CHECK(committer.name == "User Name");
  CHECK(committer.email == "env@example.com");
  CHECK(committer.time == 1700000000);
  CHECK(committer.offset_minutes == 0);

  ScopedEnv name(std::map<std::string, std::string>{{"GIT_AUTHOR_NAME", "Env Name"}});
  CHECK(git::signature_for(repo, "AUTHOR").name == "Env Name");
}

TEST_CASE("signature: a date that does not parse is an error of its own", "[git][signature]") {
  TempRepo r;
  git::Repository repo = git::Repository::open(r.dir());
  ScopedEnv env(std::map<std::string, std::string>{{"GIT_AUTHOR_NAME", "A"}, {"GIT_AUTHOR_EMAIL", "a@example.com"},
                                                   {"GIT_AUTHOR_DATE", "yesterday"}});
  try {
    git::signature_for(repo, "AUTHOR");
    FAIL("no error");
  } catch (const core::Error& e) {
    CHECK(std::string(e.what()) == "cannot parse GIT_AUTHOR_DATE `yesterday`");
    CHECK(e.exit_code() == core::kExitUsage);
  }
}

// Issue 12: the dates git accepts and refuses for GIT_AUTHOR_DATE, with `git var` as the oracle (git
// 2.39 refuses `yesterday` and a bare `2024-05-01` there; it reads `May 1 2024 10:00`).
TEST_CASE("signature: GIT_AUTHOR_DATE is read as git reads it, git var as the oracle", "[git][signature]") {
  TempRepo r;
  git::Repository repo = git::Repository::open(r.dir());
  for (const char* date : {"@1700000000 +0130", "1700000000 -0800", "2023-11-14T22:13:20Z", "2023-11-15 00:13:20 +0200",
                           "Tue, 14 Nov 2023 22:13:20 +0000", "May 1 2024 10:00 +0200", "yesterday", "2024-05-01",
                           "now", "garbage"}) {
    INFO(date);
    std::map<std::string, std::string> vars{{"GIT_AUTHOR_NAME", "A"}, {"GIT_AUTHOR_EMAIL", "a@example.com"},
                                            {"GIT_AUTHOR_DATE", date}};
    ScopedEnv env(vars);
    testing::CommandResult oracle = testing::run_command({"git", "var", "GIT_AUTHOR_IDENT"}, r.dir(), vars);
    if (oracle.exit_code != 0) {
      CHECK_THROWS_AS(git::signature_for(repo, "AUTHOR"), core::Error);
      continue;
    }
    git::Signature s = git::signature_for(repo, "AUTHOR");
    int off = s.offset_minutes < 0 ? -s.offset_minutes : s.offset_minutes;
    char zone[16];  // room for any int, so the compiler sees no truncation
    std::snprintf(zone, sizeof zone, "%c%02d%02d", s.offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
    CHECK(s.name + " <" + s.email + "> " + std::to_string(s.time) + " " + zone + "\n" == oracle.out);
  }
}

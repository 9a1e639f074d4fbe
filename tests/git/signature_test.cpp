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

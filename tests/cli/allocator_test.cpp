// The executable's allocator: jemalloc when the build links it (GITREORG_JEMALLOC, not with sanitizers).
#include <catch2/catch.hpp>

#include "support/temp_repo.hpp"

using gitreorg::testing::CommandResult;
using gitreorg::testing::run_command;

TEST_CASE("git-reorg allocates through jemalloc when built with it", "[cli]") {
  // jemalloc prints its statistics at exit when MALLOC_CONF asks; glibc's malloc ignores the variable.
  CommandResult r = run_command({GITREORG_CLI_PATH, "--version"}, {}, {{"MALLOC_CONF", "stats_print:true"}});
  REQUIRE(r.exit_code == 0);
  bool jemalloc = r.err.find("Begin jemalloc statistics") != std::string::npos;
  CHECK(jemalloc == bool(GITREORG_WITH_JEMALLOC));
}

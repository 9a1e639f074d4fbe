// The pre-filter changes nothing: `plan --format json` (every move, edit, count, review item and
// diagnostic) and its stderr are byte-identical with it and without it (GITREORG_NO_PREFILTER=1), on
// the demo repository with its import, on a repository of the benchmark's generator, and on one built
// from the cases the filter must not skip (references that name no moved path literally).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "support/temp_dir.hpp"
#include "support/temp_repo.hpp"

using gitreorg::testing::CommandResult;
using gitreorg::testing::run_command;
using gitreorg::testing::TempRepo;
namespace fs = std::filesystem;

namespace {

// Runs `plan MAPPING --format json` in `dir` with the filter and without; both must agree byte for byte.
void check_same_plan(const fs::path& dir, const std::string& mapping) {
  auto env = gitreorg::testing::fixed_git_env();
  auto plan = [&](const char* no_prefilter) {
    auto e = env;
    e["GITREORG_NO_PREFILTER"] = no_prefilter;
    return run_command({GITREORG_CLI_PATH, "plan", mapping, "--format", "json"}, dir, e);
  };
  CommandResult with = plan("0"), without = plan("1");
  INFO(with.err);
  CHECK(with.exit_code <= 1);  // 1: warnings or review items (the hand-made repository has them)
  CHECK(without.exit_code == with.exit_code);
  CHECK(with.out.size() > 1000);
  CHECK(without.out == with.out);
  CHECK(without.err == with.err);
}

}  // namespace

TEST_CASE("prefilter: plan JSON is byte-identical with and without it on the demo repository", "[prefilter][cli]") {
  gitreorg::testing::TempDir scratch("gitreorg-prefilter-demo");
  const fs::path dir = scratch.path() / "repo", sibling = scratch.path() / "demo-inference";
  REQUIRE(run_command({GITREORG_DEMO_PATH, "--sibling", sibling.string()}).exit_code == 0);
  REQUIRE(run_command({GITREORG_DEMO_PATH, dir.string(), "--scale", "2"}).exit_code == 0);
  check_same_plan(dir, std::string(GITREORG_SOURCE_DIR) + "/mappings/demo.yaml");
}

TEST_CASE("prefilter: plan JSON is byte-identical with and without it on a generated repository", "[prefilter][cli]") {
  gitreorg::testing::TempDir scratch("gitreorg-prefilter-gen");
  const fs::path out = scratch.path() / "gen", work = scratch.path() / "work";
  CommandResult gen = run_command({"python3", std::string(GITREORG_SOURCE_DIR) + "/tests/bench/gen_repo.py", "--files", "2000",
                                   "--commits", "3", "--seed", "7", "--out", out.string()});
  INFO(gen.err);
  REQUIRE(gen.exit_code == 0);
  REQUIRE(run_command({"git", "clone", "-q", (out / "repo.git").string(), work.string()}).exit_code == 0);
  check_same_plan(work, (out / "mapping.yaml").string());
}

TEST_CASE("prefilter: plan JSON is byte-identical on references that name no moved path", "[prefilter][cli]") {
  TempRepo repo;
  // Moves: `tools/sub/moved` leaves its parent (so `tools` and `tools/sub` did not move as a whole),
  // `guides` is renamed with everything in it, `olddir` is dissolved (`one.md` to the root, `two.md`
  // elsewhere).
  repo.write(".git/m.yaml", R"(version: 1
repository:
  urls: [https://github.com/Org/Repo]
  branches: [main]
moves:
  - from: tools/sub/moved
    to: b/moved
  - from: guides
    to: handbook/guides
  - from: olddir/one.md
    to: one.md
  - from: olddir/two.md
    to: q/two.md
)");
  repo.write("README.md", "# Top\n\n[guide](guides/intro.md)\n");
  repo.write("tools/sub/moved/x/y.txt", "y\n");
  repo.write("tools/sub/moved/sub/f.txt", "f\n");
  repo.write("tools/sub/keep.sh", "echo keep\n");
  // A moving file's words that a rewrite respells though they name nothing that moves.
  repo.write("tools/sub/moved/run.sh", "#!/bin/sh\ncat x//y.txt\ncat sub/./f.txt\ncat x/y.txt/\n", fs::perms(0755));
  repo.write("tools/sub/moved/conf.json", "{\"p\": \"x\\/\\/y.txt\", \"q\": \"sub\\/.\\/f.txt\"}\n");
  // Moving with its directory: relative links inside it hold, links out of it climb (`..`).
  repo.write("guides/intro.md", "# Intro\n\n[next](next.md) [top](../README.md) [self](./) [dir](.)\n");
  repo.write("guides/next.md", "# Next\n\n```sh\ncat ./intro.md\nls ./\n```\n");
  // Directories that did not move as a whole, before a pattern and after an unknown prefix.
  repo.write("build.sh", "#!/bin/sh\nfor f in tools/sub/*.sh; do echo $f; done\nls ${SRC}/tools/sub\nls tools/sub\n", fs::perms(0755));
  // A link to its own dissolved directory; a file that moves by a rule of its own.
  repo.write("olddir/one.md", "# One\n\n[here](./)\n");
  repo.write("olddir/two.md", "# Two\n\nnothing\n");
  // Links whose moved name is written encoded.
  repo.write("links.md", "[a](guid%65s/intro.md) [b](guid&#101;s/next.md) [c](guides\\/intro.md)\n<a href=\"guid&#x65;s/\">g</a>\n");
  // URLs in capitals, one to a path that is not in the tree.
  repo.write("notes/urls.txt", "HTTPS://GITHUB.COM/ORG/REPO/blob/main/nothing.txt\nhttps://github.com/org/repo/tree/main/notes\n");
  repo.write("notes/plain.md", "# Plain\n\nNo reference here, [a](other.md).\n");
  repo.write("notes/other.md", "# Other\n");
  // A document md4c refuses (too many lines x links in one paragraph): reported, though it names nothing.
  std::string big;
  for (int i = 0; i < 70000; ++i) big += "[a](b)\n";
  repo.write("notes/big.md", big);
  repo.commit("layout");
  check_same_plan(repo.dir(), (repo.dir() / ".git/m.yaml").string());
}

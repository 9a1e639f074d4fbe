// `where`'s reading of command-line paths (relative to the current directory, as git reads pathspecs),
// the paths it prints back, and glob expansion against the old tree and the new layout: in memory.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/where.hpp"
#include "plan/tree_of.hpp"

using namespace gitreorg;
using Strings = std::vector<std::string>;

namespace {

mapping::Mapping load(const std::string& yaml) {
  diag::Sink sink;
  mapping::Mapping m = mapping::load_mapping("version: 1\n" + yaml, "m.yaml", sink);
  REQUIRE_FALSE(sink.has_errors());
  return m;
}

const char* kMoves = R"(moves:
  - from: 3.test_cases/pytorch/FSDP
    to: examples/training/fsdp
  - from: 3.test_cases/pytorch/DDP
    to: examples/training/ddp
  - match: '1\.architectures/\d+\.([^/]+)'
    to: 'architectures/\1'
)";

core::Tree fixture_tree() {
  return testing::tree_of({"1.architectures/0.common/README.md", "1.architectures/2.pc/setup.sh",
                           "3.test_cases/pytorch/FSDP/README.md", "3.test_cases/pytorch/FSDP/slurm/train.sbatch",
                           "3.test_cases/pytorch/DDP/README.md", "3.test_cases/pytorch/notes.md", "3.test_cases/jax/README.md",
                           "README.md"});
}

}  // namespace

TEST_CASE("where paths: relative to the current directory, `.`, `..`, `//`, trailing `/`", "[where]") {
  auto r = plan::resolve_where_path("pytorch/FSDP", "3.test_cases");
  CHECK(r.path == "3.test_cases/pytorch/FSDP");
  CHECK_FALSE(r.glob);
  CHECK_FALSE(r.trailing_slash);
  CHECK(r.problem.empty());
  r = plan::resolve_where_path("./pytorch//FSDP/./", "3.test_cases");
  CHECK(r.path == "3.test_cases/pytorch/FSDP");
  CHECK(r.trailing_slash);
  CHECK(plan::resolve_where_path("../README.md", "3.test_cases").path == "README.md");
  CHECK(plan::resolve_where_path("../../x", "a/b").path == "x");
  CHECK(plan::resolve_where_path("./x", "").path == "x");
  CHECK(plan::resolve_where_path("../etc", "").problem == "outside the repository");
  CHECK(plan::resolve_where_path("../../etc", "a").problem == "outside the repository");
  CHECK(plan::resolve_where_path(".", "").problem == "the top of the repository: name a path in it");
  CHECK(plan::resolve_where_path(".", "a").path == "a");
  CHECK(plan::resolve_where_path("..", "a/b").path == "a");
}

TEST_CASE("where paths: pathspec magic `:/`, `:(top)`, `:(literal)`; wildcards", "[where]") {
  CHECK(plan::resolve_where_path(":/README.md", "a/b").path == "README.md");
  CHECK(plan::resolve_where_path(":/:README.md", "a/b").path == "README.md");
  CHECK(plan::resolve_where_path(":(top)x/y", "a").path == "x/y");
  CHECK(plan::resolve_where_path(":x", "a").path == "a/x");  // empty magic
  auto lit = plan::resolve_where_path(":(literal)pages/[id].js", "");
  CHECK(lit.path == "pages/[id].js");
  CHECK_FALSE(lit.glob);
  auto both = plan::resolve_where_path(":(top,literal)*", "a");
  CHECK(both.path == "*");
  CHECK_FALSE(both.glob);
  CHECK(plan::resolve_where_path(":(glob)**/x", "").problem ==
        "pathspec magic `glob` is not supported by where (only `top` and `literal`)");
  CHECK(plan::resolve_where_path(":!x", "").problem == "pathspec magic `exclude` is not supported by where");
  CHECK(plan::resolve_where_path(":(top", "").problem == "missing `)` after the pathspec magic");
  // GIT_LITERAL_PATHSPECS: no magic, no wildcards.
  auto env = plan::resolve_where_path(":/x*", "", true);
  CHECK(env.path == ":/x*");
  CHECK_FALSE(env.glob);
  // The prefix is literal: its wildcard characters are escaped in the pattern.
  auto g = plan::resolve_where_path("F*", "dir[1]");
  CHECK(g.glob);
  CHECK(g.path == "dir[1]/F*");
  CHECK(g.pattern == "dir\\[1]/F*");  // `]` is no wildcard
  CHECK(plan::resolve_where_path("a\\b", "").glob);  // `\` is one of git's wildcard characters
}

TEST_CASE("where paths: printed relative to the current directory as git prints them", "[where]") {
  CHECK(plan::path_from_prefix("a/b", "") == "a/b");
  CHECK(plan::path_from_prefix("3.test_cases/pytorch/FSDP", "3.test_cases") == "pytorch/FSDP");
  CHECK(plan::path_from_prefix("examples/training/fsdp", "3.test_cases") == "../examples/training/fsdp");
  CHECK(plan::path_from_prefix("README.md", "a/b") == "../../README.md");
  CHECK(plan::path_from_prefix("a", "a/b") == "..");
  CHECK(plan::path_from_prefix("a/b", "a/b") == ".");
  CHECK(plan::path_from_prefix("ab/c", "a") == "../ab/c");
}

TEST_CASE("where globs: git's wildcards over the old tree, one answer per top-most match", "[where]") {
  mapping::Mapping m = load(kMoves);
  core::Tree tree = fixture_tree();
  plan::WhereIndex index(m, &tree);
  auto expand = [&](const std::string& arg, const std::string& prefix = "", bool reverse = false) {
    return index.expand(plan::resolve_where_path(arg, prefix), reverse);
  };
  CHECK(expand("3.test_cases/pytorch/*") ==
        Strings{"3.test_cases/pytorch/DDP", "3.test_cases/pytorch/FSDP", "3.test_cases/pytorch/notes.md"});
  CHECK(expand("pytorch/F*", "3.test_cases") == Strings{"3.test_cases/pytorch/FSDP"});
  CHECK(expand("3.test_cases/pytorch/F?DP") == Strings{"3.test_cases/pytorch/FSDP"});  // a directory matches too
  CHECK(expand("*.md") == Strings{"1.architectures/0.common/README.md", "3.test_cases/jax/README.md",
                                  "3.test_cases/pytorch/DDP/README.md", "3.test_cases/pytorch/FSDP/README.md",
                                  "3.test_cases/pytorch/notes.md", "README.md"});  // `*` matches `/`
  CHECK(expand("1.architectures/[0-9].*/") == Strings{"1.architectures/0.common", "1.architectures/2.pc"});  // directories only
  CHECK(expand("3.test_cases/*/") == Strings{"3.test_cases/jax", "3.test_cases/pytorch"});  // not the directories inside them
  CHECK(expand("nothing*").empty());
  // Backwards: the new layout, the old tree's files where the mapping sends them.
  CHECK(expand("examples/training/*", "", true) == Strings{"examples/training/ddp", "examples/training/fsdp"});
  CHECK(expand("architectures/*", "", true) == Strings{"architectures/common", "architectures/pc"});
  CHECK(expand("3.test_cases/pytorch/*", "", true) == Strings{"3.test_cases/pytorch/notes.md"});
  // Without a tree nothing can be expanded.
  CHECK(plan::WhereIndex(m, nullptr).expand(plan::resolve_where_path("*", ""), false).empty());
}

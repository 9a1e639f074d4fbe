// `.gitmodules` follows moved submodules: only `path` values of submodules that move change.
#include <catch2/catch.hpp>

#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/planner.hpp"
#include "gitreorg/rewrite/gitmodules.hpp"
#include "gitreorg/plan/move_model.hpp"

using namespace gitreorg;

TEST_CASE("rewrite: .gitmodules path entries follow their gitlinks", "[rewrite][gitmodules]") {
  core::Tree tree{{".gitmodules", core::kModeFile, std::string(40, '1')},
                  {"3.test_cases/deps/nccl-tests", core::kModeGitlink, std::string(40, '2')},
                  {"3.test_cases/deps/with space", core::kModeGitlink, std::string(40, '3')},
                  {"3.test_cases/readme.md", core::kModeFile, std::string(40, '4')},
                  {"tools/efa", core::kModeGitlink, std::string(40, '5')}};
  diag::Sink sink;
  mapping::Mapping m = mapping::load_mapping("version: 1\nmoves:\n  - from: 3.test_cases\n    to: examples\n", "m.yaml", sink);
  plan::Plan p = plan::plan_moves(m, tree, {}, sink);
  plan::MoveModel moves(tree, p.files, std::make_shared<const plan::PathMapper>(m));
  std::string text =
      "[submodule \"nccl-tests\"]\r\n"
      "\tpath = 3.test_cases/deps/nccl-tests ; pinned\r\n"
      "\turl = https://github.com/NVIDIA/nccl-tests\r\n"
      "[submodule \"spaced\"]\n"
      "    Path = \"3.test_cases/deps/with space\"\n"
      "[submodule \"efa\"]\n"
      "\tpath = tools/efa\n"
      "[submodule \"gone\"]\n"
      "\tpath = 3.test_cases/readme.md";
  auto edits = rewrite::rewrite_gitmodules(".gitmodules", text, moves, sink);
  REQUIRE(edits.size() == 2);
  CHECK(edits[0].line == 2);
  CHECK(edits[0].original == "3.test_cases/deps/nccl-tests");
  CHECK(edits[1].original == "\"3.test_cases/deps/with space\"");
  CHECK(core::apply_edits(text, edits) ==
        "[submodule \"nccl-tests\"]\r\n"
        "\tpath = examples/deps/nccl-tests ; pinned\r\n"
        "\turl = https://github.com/NVIDIA/nccl-tests\r\n"
        "[submodule \"spaced\"]\n"
        "    Path = \"examples/deps/with space\"\n"
        "[submodule \"efa\"]\n"
        "\tpath = tools/efa\n"
        "[submodule \"gone\"]\n"
        "\tpath = 3.test_cases/readme.md");
  // A `path` that names a plain file is not a submodule: reported, not edited.
  REQUIRE(sink.count(diag::Severity::warning) == 1);
  CHECK(sink.all().back().message == "`path = 3.test_cases/readme.md` names no submodule of the tree (left as is)");
  CHECK(sink.all().back().pos.line == 9);
}

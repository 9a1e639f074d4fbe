// The "moved to" READMEs' links at the host: GitHub URLs, their paths encoded as GitHub encodes them
// (issue 14), so that a name with a space or non-ASCII still makes one Markdown link.
#include <catch2/catch.hpp>

#include <string>

#include "gitreorg/plan/import_stubs.hpp"

using namespace gitreorg;

TEST_CASE("stubs: links to host paths with a space or non-ASCII are percent-encoded", "[plan][imports][stubs][encoded-url]") {
  mapping::Import imp;
  imp.name = "sib";
  plan::ImportPlan ip;
  ip.tree = {{"my dir/run.sh", core::kModeFile, "1"}, {"caf\xc3\xa9.md", core::kModeFile, "2"}};
  ip.plan.moves = {{"my dir", "examples/my dir"}, {"caf\xc3\xa9.md", "docs/caf\xc3\xa9 (old).md"}};
  std::vector<plan::StubFile> stubs = plan::import_stubs(imp, ip, "https://github.com/acme/host", "main");
  REQUIRE(stubs.size() == 2);
  CHECK(stubs[0].path == "README.md");
  CHECK(stubs[0].content.find("| `caf\xc3\xa9.md` | [docs/caf\xc3\xa9 (old).md](https://github.com/acme/host/blob/main/"
                              "docs/caf%C3%A9%20%28old%29.md) |\n") != std::string::npos);
  CHECK(stubs[0].content.find("| `my dir/` | [examples/my dir](https://github.com/acme/host/tree/main/examples/my%20dir) |\n") !=
        std::string::npos);
  CHECK(stubs[1].path == "my dir/README.md");
}

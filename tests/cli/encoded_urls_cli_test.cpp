// Percent-encoded GitHub URLs through the command line (issue 14): a directory whose name has a space
// and a file with a non-ASCII name, linked by absolute URLs spelled as GitHub spells them. git is the
// oracle for the moves: the rename commit is pure renames, the references commit only edits.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support/temp_repo.hpp"

using gitreorg::testing::CommandResult;
using gitreorg::testing::TempRepo;

namespace {

const char* kMapping = R"(version: 1
repository:
  urls: [https://github.com/acme/adt]
  branches: [main]
moves:
  - from: 3.test_cases
    to: examples
)";

const std::string kCafe = "caf\xc3\xa9.md";

// `git diff -z --name-status` split into its fields.
std::vector<std::string> fields(const std::string& z) {
  std::vector<std::string> out;
  std::size_t at = 0;
  for (std::size_t nul; (nul = z.find('\0', at)) != std::string::npos; at = nul + 1) out.push_back(z.substr(at, nul - at));
  return out;
}

}  // namespace

TEST_CASE("cli: plan and apply rewrite percent-encoded GitHub URLs, the moves stay pure renames", "[cli][encoded-url]") {
  TempRepo r;
  r.write("3.test_cases/my dir/README.md", "# My dir\n");
  r.write("3.test_cases/my dir/" + kCafe, "# Caf\xc3\xa9\n");
  r.write("3.test_cases/my dir/run.sh", "#!/bin/sh\necho run\n", std::filesystem::perms(0755));
  r.write("stay dir/keep.md", "# Kept\n");
  const std::string before =
      "# Top\n\n"
      "- [guide](https://github.com/acme/adt/blob/main/3.test_cases/my%20dir/README.md#my-dir)\n"
      "- [caf\xc3\xa9](https://github.com/acme/adt/blob/main/3.test_cases/my%20dir/caf%C3%A9.md)\n"
      "- `curl -O https://raw.githubusercontent.com/acme/adt/main/3.test_cases/my%20dir/run.sh`\n"
      "- pinned: https://github.com/acme/adt/blob/v1.0/3.test_cases/my%20dir/run.sh\n"
      "- kept: https://github.com/acme/adt/tree/main/stay%20dir\n"
      "- relative: [x](3.test_cases/my%20dir/README.md)\n";
  r.write("README.md", before);
  r.write(".git/m.yaml", kMapping);
  std::string old_head = r.commit("old layout");
  std::string mapping = (r.dir() / ".git/m.yaml").string();

  CommandResult plan = r.reorg({"plan", mapping, "--format", "json"});
  INFO(plan.out << plan.err);
  REQUIRE(plan.exit_code == 0);
  CHECK(plan.err.find("not in the tree") == std::string::npos);  // every encoded URL was found in the tree
  CHECK(plan.out.find("https://github.com/acme/adt/blob/main/examples/my%20dir/caf%C3%A9.md") != std::string::npos);
  CHECK(TempRepo::trim(r.git({"rev-parse", "HEAD"}).out) == old_head);  // plan changes nothing

  CommandResult apply = r.reorg({"apply", mapping});
  INFO(apply.out << apply.err);
  REQUIRE(apply.exit_code == 0);
  CHECK(r.read("README.md") ==
        "# Top\n\n"
        "- [guide](https://github.com/acme/adt/blob/main/examples/my%20dir/README.md#my-dir)\n"
        "- [caf\xc3\xa9](https://github.com/acme/adt/blob/main/examples/my%20dir/caf%C3%A9.md)\n"
        "- `curl -O https://raw.githubusercontent.com/acme/adt/main/examples/my%20dir/run.sh`\n"
        "- pinned: https://github.com/acme/adt/blob/v1.0/3.test_cases/my%20dir/run.sh\n"
        "- kept: https://github.com/acme/adt/tree/main/stay%20dir\n"
        "- relative: [x](examples/my%20dir/README.md)\n");
  // The rename commit: nothing but renames, each 100% similar.
  std::vector<std::string> renames = fields(r.git({"diff", "-z", "-M", "--name-status", old_head, "HEAD~1"}).out);
  CHECK(renames == std::vector<std::string>{"R100", "3.test_cases/my dir/README.md", "examples/my dir/README.md",
                                            "R100", "3.test_cases/my dir/" + kCafe, "examples/my dir/" + kCafe,
                                            "R100", "3.test_cases/my dir/run.sh", "examples/my dir/run.sh"});
  // The references commit edits the README only.
  CHECK(fields(r.git({"diff", "-z", "--name-status", "HEAD~1", "HEAD"}).out) == std::vector<std::string>{"M", "README.md"});
  CHECK(r.git({"ls-files", "-s", "examples/my dir/run.sh"}).out.rfind("100755 ", 0) == 0);
  // On the new layout, nothing more to do: the rewritten URLs name paths of the tree.
  CommandResult links = r.reorg({"links"});
  INFO(links.out << links.err);
  CHECK(links.exit_code == 0);
}

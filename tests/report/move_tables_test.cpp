// The old -> new tables for other tools: CSV by RFC 4180, `_redirects` lines in first-match order,
// and the inverse mapping as a file the loader accepts.
#include <catch2/catch.hpp>

#include <algorithm>

#include "gitreorg/report/move_tables.hpp"
#include "rewrite/rewrite_fixture.hpp"

using namespace gitreorg;
using gitreorg::testing::Files;
using gitreorg::testing::Reorg;

namespace {

Files files() {
  Files f;
  f.content["3.test_cases/FSDP/README.md"] = "x";
  f.content["3.test_cases/FSDP/slurm/run.sh"] = "x";
  f.content["3.test_cases/FSDP/odd, \"name\".md"] = "x";
  f.content["3.test_cases/FSDP/special.md"] = "x";
  f.content["a b/c.md"] = "x";
  f.content["README.md"] = "x";
  return f;
}

const char* kYaml = R"(version: 1
repository:
  urls: [https://github.com/acme/adt]
  new_url: https://github.com/acme/new
  branches: [main]
moves:
  - from: 3.test_cases/FSDP
    to: examples/fsdp
  - from: 3.test_cases/FSDP/special.md
    to: docs/special.md
  - from: a b
    to: c d
)";

}  // namespace

TEST_CASE("report: plan as CSV, one row per moved file, RFC 4180 quoting", "[report][tables]") {
  Files before = files();
  Reorg r(before, kYaml);
  CHECK(report::render_plan_csv(r.rp) ==
        "old_path,new_path\r\n"
        "3.test_cases/FSDP/README.md,examples/fsdp/README.md\r\n"
        "\"3.test_cases/FSDP/odd, \"\"name\"\".md\",\"examples/fsdp/odd, \"\"name\"\".md\"\r\n"
        "3.test_cases/FSDP/slurm/run.sh,examples/fsdp/slurm/run.sh\r\n"
        "3.test_cases/FSDP/special.md,docs/special.md\r\n"
        "a b/c.md,c d/c.md\r\n");
}

TEST_CASE("report: _redirects lists files its directories' lines would get wrong first, then directories deepest first",
          "[report][tables]") {
  Files before = files();
  Reorg r(before, kYaml);
  std::string text = report::render_redirects(r.rp);
  CHECK(text.substr(text.find('\n') + 1) ==
        "/3.test_cases/FSDP/special.md /docs/special.md 301\n"
        "/3.test_cases/FSDP /examples/fsdp 301\n"
        "/3.test_cases/FSDP/* /examples/fsdp/:splat 301\n"
        "/a%20b /c%20d 301\n"
        "/a%20b/* /c%20d/:splat 301\n");
}

TEST_CASE("report: the inverse mapping loads, keeps every alias and names the rules it inverts", "[report][tables][invert]") {
  Files before = files();
  Reorg r(before, kYaml);
  std::string yaml = report::render_inverse_mapping(r.rp, plan::invert_plan(r.mapping, r.plan));
  diag::Sink sink;
  mapping::Mapping inv = mapping::load_mapping(yaml, "inverse.yaml", sink);
  CHECK_FALSE(sink.has_errors());
  REQUIRE(inv.repository);
  CHECK(inv.repository->urls == std::vector<std::string>{"https://github.com/acme/new", "https://github.com/acme/adt"});
  CHECK(inv.repository->new_url.empty());
  REQUIRE(inv.rules.size() == 3);
  CHECK(inv.rules[0].from == "examples/fsdp");
  CHECK(inv.rules[0].to == "3.test_cases/FSDP");
  CHECK(inv.rules[0].reason == "line 7: from 3.test_cases/FSDP");
  CHECK(std::any_of(inv.rules.begin(), inv.rules.end(), [](const auto& rule) { return rule.from == "c d" && rule.to == "a b"; }));
  CHECK(std::any_of(inv.rules.begin(), inv.rules.end(),
                    [](const auto& rule) { return rule.from == "docs/special.md" && rule.to == "3.test_cases/FSDP/special.md"; }));
}

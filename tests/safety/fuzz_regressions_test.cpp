// Inputs the fuzz targets (tests/fuzz/) or the sanitizer build found crashing, each kept as a test that runs in every build;
// under GITREORG_SANITIZE a regression fails at once. The comment says what was wrong.
#include <catch2/catch.hpp>

#include <string>

#include "gitreorg/links/markdown_scan.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/planner.hpp"
#include "gitreorg/rewrite/glob.hpp"
#include "gitreorg/rewrite/path_mentions.hpp"
#include "gitreorg/rewrite/workflows.hpp"

using namespace gitreorg;

// mapping_fuzz, first input: the loader kept a reference to a YAML key that lived in a temporary
// iterator proxy (stack-use-after-scope on every mapping with a key; GCC's -Wdangling-pointer had
// said so and was silenced).
TEST_CASE("safety: fuzz regression mapping keys outlive the YAML iterator", "[safety][fuzz]") {
  diag::Sink sink;
  auto m = mapping::load_mapping("version: 1\nx: &a [1, 2]\nmoves: *a\n", "m.yaml", sink);
  CHECK(sink.has_errors());
  diag::Sink ok;
  auto good = mapping::load_mapping("version: 1\nmoves:\n  - from: a\n    to: b\n    reason: r\n", "m.yaml", ok);
  CHECK_FALSE(ok.has_errors());
  REQUIRE(good.rules.size() == 1);
  CHECK(good.rules[0].to == "b");
  CHECK(good.rules[0].reason == "r");
}

// Found by the ASan build on "rewrite: CommonMark cases": md4c builds a destination with escapes or
// entities in a buffer freed when enter_span returns; the scanner read it at leave_span
// (heap-use-after-free).
TEST_CASE("safety: sanitizer regression escaped link destinations outlive md4c's buffer", "[safety][fuzz]") {
  auto scan = links::scan_markdown("[a](docs\\_guide.md) ![b](a&amp;b.png) [c](<x\\>y.md>)\n");
  REQUIRE(scan.links.size() == 3);
  CHECK(scan.links[0].destination == "docs_guide.md");
  CHECK(scan.links[1].destination == "a&b.png");
  CHECK(scan.links[2].destination == "x>y.md");
}

// markdown_rewrite_fuzz: md4c 0.4 left a link span it had not entered (HTML-like text, `[[[[`, NUL
// bytes and an entity `&#00;` in one paragraph); the scanner read past its empty span stack.
TEST_CASE("safety: fuzz regression md4c leaving a span it never entered", "[safety][fuzz]") {
  const char raw[] =
      "# Title\n\nS\n\nBa href\xff\"docs/guideset=\"a.png 1x, bsrc=\"a.png\" srcset=\"a.png 1x, bd "
      "![a](./docs/img/a.png?r[[[[[7e).ng\" srcset=\"a\0\0\0](docs\\/guide.md) [ent](docs&#00;guide.md) "
      "[pct(](my%20didoa%20b.md)\n";
  const std::string text(raw, sizeof raw - 1);
  CHECK(text.size() == 197);
  auto scan = links::scan_markdown(text);
  for (const auto& link : scan.links)
    if (link.located) CHECK(text.substr(link.offset, link.length) == link.raw);
}

// workflow_fuzz: a workflow yaml-cpp parses into shapes it then refuses to index (`operator[]` on a
// scalar) threw out of the rewriter, so `plan` and `apply` stopped with an internal error.
TEST_CASE("safety: fuzz regression a workflow yaml-cpp cannot index is left alone", "[safety][fuzz]") {
  const char raw[] = "\x01\0on: &on\n  push: {paths: ;[\"docw/*\"]}\nkobs: {a: {steps: [{run: \"ls docs/img\"}]}}\x14x: *on\n";
  const std::string text(raw, sizeof raw - 1);
  plan::Tree tree = {{"docs/img/a.png", plan::kModeFile, "a"}};
  std::vector<plan::PlannedFile> files = {{"docs/img/a.png", "img/a.png", plan::kModeFile, "a"}};
  rewrite::MoveMap moves(tree, files, nullptr);
  rewrite::MovedTree moved(moves, tree);
  rewrite::PathMentions mentions(moves, tree, "repo");
  for (const std::string& t : {text, std::string("just a scalar\n"), std::string("- a list\n"), std::string("on: x\n")}) {
    diag::Sink sink;
    std::vector<rewrite::ReviewItem> review;
    auto result = rewrite::rewrite_workflow(".github/workflows/ci.yml", t, moved, mentions, sink, review);
    CHECK(result.edits.empty());
    CHECK_FALSE(rewrite::has_path_filters(t));
  }
}

// Inputs the fuzz targets (tests/fuzz/) or the sanitizer build found crashing, each kept as a test that runs in every build;
// under GITREORG_SANITIZE a regression fails at once. The comment says what was wrong.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "gitreorg/markdown/markdown_scan.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/planner.hpp"
#include "gitreorg/core/edit.hpp"
#include "gitreorg/rewrite/markdown_links.hpp"
#include "gitreorg/rewrite/glob.hpp"
#include "gitreorg/rewrite/path_mentions.hpp"
#include "gitreorg/rewrite/workflows.hpp"

using namespace gitreorg;

// mapping_fuzz (CI, session 4): yaml-cpp 0.7's LoadAll, used to find a second document, never returned
// on this input (demo.yaml mangled, a long run of `-`). The loader now reads one document and finds
// document markers by line; the input is an ordinary error, at once.
TEST_CASE("safety: fuzz regression a mapping yaml-cpp's LoadAll looped on", "[safety][fuzz]") {
  std::ifstream in(std::string(GITREORG_SOURCE_DIR) + "/tests/fuzz/corpus/mapping/loadall_loop.yaml", std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(text.size() > 3000);
  diag::Sink sink;
  mapping::load_mapping(text, "m.yaml", sink);
  REQUIRE(sink.all().size() == 1);
  CHECK(sink.all()[0].pos.line == 3);
  CHECK(sink.all()[0].message == "the mapping must be a YAML mapping (key: value), not a list");
  // Document markers: `---` and `...` at column 0 end a document even inside a block scalar; indented
  // or followed by text they are not markers.
  for (const char* two : {"version: 1\nmoves:\n  - from: a\n    to: b\n    reason: |\n      r\n---\nmoves: []\n",
                          "version: 1\n...\nmoves: []\n"}) {
    diag::Sink s2;
    mapping::load_mapping(two, "m.yaml", s2);
    REQUIRE(s2.has_errors());
    CHECK(s2.all()[0].message.find("more than one YAML document") != std::string::npos);
  }
  diag::Sink one;
  auto m = mapping::load_mapping(
      "--- # the one document\nversion: 1\nmoves:\n  - from: a\n    to: b\n    reason: |\n      ---\n      ----- not a marker\n",
      "m.yaml", one);
  CHECK_FALSE(one.has_errors());
  REQUIRE(m.rules.size() == 1);
  CHECK(m.rules[0].reason == "---\n----- not a marker\n");
}

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
  auto scan = markdown::scan_markdown("[a](docs\\_guide.md) ![b](a&amp;b.png) [c](<x\\>y.md>)\n");
  REQUIRE(scan.links.size() == 3);
  CHECK(markdown::resolved_destination(scan.links[0]) == "docs_guide.md");
  CHECK(markdown::resolved_destination(scan.links[1]) == "a&b.png");
  CHECK(markdown::resolved_destination(scan.links[2]) == "x>y.md");
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
  auto scan = markdown::scan_markdown(text);
  for (const auto& link : scan.links)
    if (link.located) CHECK(text.substr(link.offset, link.length) == link.raw);
}

// workflow_fuzz: a workflow yaml-cpp parses into shapes it then refuses to index (`operator[]` on a
// scalar) threw out of the rewriter, so `plan` and `apply` stopped with an internal error.
TEST_CASE("safety: fuzz regression a workflow yaml-cpp cannot index is left alone", "[safety][fuzz]") {
  const char raw[] = "\x01\0on: &on\n  push: {paths: ;[\"docw/*\"]}\nkobs: {a: {steps: [{run: \"ls docs/img\"}]}}\x14x: *on\n";
  const std::string text(raw, sizeof raw - 1);
  core::Tree tree = {{"docs/img/a.png", core::kModeFile, "a"}};
  std::vector<plan::PlannedFile> files = {{"docs/img/a.png", "img/a.png", core::kModeFile, "a"}};
  plan::MoveModel moves(tree, files, nullptr);
  rewrite::MovedTree moved(moves, tree);
  rewrite::PathMentions mentions(moves, tree, "repo");
  for (const std::string& t : {text, std::string("just a scalar\n"), std::string("- a list\n"), std::string("on: x\n")}) {
    diag::Sink sink;
    std::vector<rewrite::ReviewItem> review;
    auto result = rewrite::rewrite_workflow(".github/workflows/ci.yml", t, moved, mentions, sink, review);
    CHECK(result.edits.empty());
    CHECK_FALSE(result.path_filters);
  }
}

// markdown_scan_fuzz and markdown_rewrite_fuzz (not reproducible on its own: it depended on the
// fuzzer's earlier runs): md4c 0.4 reported a heading text of 3 GB and the scanner appended it.
// The input is kept in both corpora; here every Markdown corpus input goes through the scanner and the
// rewriter in every build, with the fuzz targets' invariants.
TEST_CASE("safety: fuzz regression every Markdown corpus input scans and rewrites", "[safety][fuzz]") {
  core::Tree tree;
  for (const char* p : {"README.md", "docs/guide.md", "docs/img/a.png", "my dir/a b.md"}) tree.push_back({p, core::kModeFile, p});
  std::vector<plan::PlannedFile> files;
  for (const auto& e : tree) files.push_back({e.path, e.path.rfind("docs/", 0) == 0 ? "handbook/" + e.path : e.path, e.mode, e.oid});
  plan::MoveModel moves(tree, files, nullptr);
  std::size_t inputs = 0;
  for (const char* target : {"markdown_scan", "markdown_rewrite"}) {
    for (const auto& entry : std::filesystem::directory_iterator(std::string(GITREORG_SOURCE_DIR) + "/tests/fuzz/corpus/" + target)) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      INFO(entry.path());
      auto scan = markdown::scan_markdown(text);
      for (const auto& link : scan.links)
        if (link.located) CHECK(text.substr(link.offset, link.length) == link.raw);
      diag::Sink sink;
      auto edits = rewrite::rewrite_markdown_links("docs/guide.md", "handbook/docs/guide.md", text, moves, sink);
      CHECK_NOTHROW(core::apply_edits(text, edits));
      ++inputs;
    }
  }
  CHECK(inputs >= 10);
}

// markdown_scan_fuzz (a SEGV inside md4c, depending on the heap): md4c 0.4.8 reads out of bounds on
// invalid UTF-8 before heading marks (upstream md4c#167: "\xA9##r[](r[]("). The scanner hands md4c
// a copy with such bytes replaced (same offsets) and takes raw bytes from the original.
TEST_CASE("safety: fuzz regression invalid UTF-8 never reaches md4c", "[safety][fuzz]") {
  CHECK_NOTHROW(markdown::scan_markdown("\xA9##r[](r[]("));
  const std::string text = "# T\xe9te \x8a\xff\n\n[x](caf\xe9.md) <a href=\"na\xefve.md\">n</a> [y](docs/guide.md)\n";
  auto scan = markdown::scan_markdown(text);
  REQUIRE(scan.links.size() == 3);
  CHECK(scan.links[0].raw == "caf\xe9.md");
  CHECK(markdown::resolved_destination(scan.links[0]) == "caf\xe9.md");
  CHECK(scan.links[1].raw == "na\xefve.md");
  CHECK(markdown::resolved_destination(scan.links[1]) == "na\xefve.md");
  CHECK(scan.links[2].raw == "docs/guide.md");
  for (const auto& link : scan.links) CHECK(text.substr(link.offset, link.length) == link.raw);
}

// workflow_fuzz: `on: &on {x: *on}` is a node that contains itself; the hashFiles search walked it
// until the stack overflowed (a crash of plan and apply on a hostile workflow). An alias bomb made the
// same walk exponential.
TEST_CASE("safety: fuzz regression self-referential and exploding YAML aliases in a workflow", "[safety][fuzz]") {
  std::string bomb = "a: &a [\"hashFiles('docs/img/*')\", x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int k = 0; k < 10; ++k) bomb += std::string(k ? ", " : "") + "*" + static_cast<char>(c - 1);
    bomb += "]\n";
  }
  core::Tree tree = {{"docs/img/a.png", core::kModeFile, "a"}};
  std::vector<plan::PlannedFile> files = {{"docs/img/a.png", "img/a.png", core::kModeFile, "a"}};
  plan::MoveModel moves(tree, files, nullptr);
  rewrite::MovedTree moved(moves, tree);
  rewrite::PathMentions mentions(moves, tree, "repo");
  for (const std::string& t : {std::string("on: &on\n  push: {}\n  x: *on\n"), std::string("x: &x [a, *x]\n"), bomb}) {
    diag::Sink sink;
    std::vector<rewrite::ReviewItem> review;
    auto start = std::chrono::steady_clock::now();
    auto result = rewrite::rewrite_workflow(".github/workflows/ci.yml", t, moved, mentions, sink, review);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
    CHECK_NOTHROW(core::apply_edits(t, result.edits));
  }
}

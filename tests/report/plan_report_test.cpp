// The plan report's three shapes, whole, on a small in-memory plan: text (with and without --files),
// Markdown and JSON, compared with tests/report/golden/. On a difference the output is written next
// to the test's temp files (its path printed) to compare by hand.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/report/plan_report.hpp"
#include "gitreorg/rewrite/rewrite_references.hpp"

using namespace gitreorg;
namespace fs = std::filesystem;

namespace {

// docs/ and a match rule over tools/*, with a README and a script that name moved paths.
struct SmallPlan {
  std::map<std::string, std::string> blobs = {
      {"1", "# Project\n\nRead [the guide](docs/guide.md) and run `tools/lint/run.sh`.\n"},
      {"2", "# Guide\n"},
      {"3", "#!/bin/sh\ncat docs/guide.md\n"},
      {"4", "#!/bin/sh\nexec tools/lint/run.sh \"$@\"\n"},
      {"5", "keep\n"}};
  plan::RepositoryPlan rp;
  diag::Sink sink;
  rewrite::ReferenceRewrite refs;

  SmallPlan() {
    rp.mapping = mapping::load_mapping(
        "version: 1\n"
        "moves:\n"
        "  - from: docs\n"
        "    to: manual\n"
        "  - match: 'tools/([a-z]+)'\n"
        "    to: 'scripts/\\1'\n"
        "    reason: one folder for scripts\n",
        "mappings/small.yaml", sink);
    rp.mapping_blob = std::string(40, 'b');
    rp.rev = "HEAD";
    rp.commit = "0123456789abcdef0123456789abcdef01234567";
    rp.tree = {{"README.md", core::kModeFile, "1"},
               {"check.sh", core::kModeExecutable, "4"},
               {"docs/guide.md", core::kModeFile, "2"},
               {"keep.txt", core::kModeFile, "5"},
               {"tools/lint/run.sh", core::kModeExecutable, "3"}};
    rp.plan = plan::plan_moves(rp.mapping, rp.tree, {}, sink);
    plan::build_move_model(rp);
    core::BlobReader read = [this](const std::string& id) { return blobs.at(id); };
    refs = rewrite::rewrite_references(rp, [&] { return read; });
  }
};

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The tool's version is not part of the golden text.
std::string without_version(std::string s) {
  const std::string v = GITREORG_VERSION;
  for (std::size_t at; (at = s.find(v)) != std::string::npos;) s.replace(at, v.size(), "@VERSION@");
  return s;
}

void check_golden(const std::string& name, const std::string& actual) {
  fs::path golden = fs::path(GITREORG_SOURCE_DIR) / "tests/report/golden" / name;
  std::string expected = read(golden);
  std::string got = without_version(actual);
  if (got != expected) {
    fs::path out = fs::temp_directory_path() / ("gitreorg-" + name + ".actual");
    std::ofstream(out, std::ios::binary) << got;
    FAIL_CHECK(name << " differs from " << golden.string() << "; the output is in " << out.string());
  }
}

}  // namespace

TEST_CASE("plan report: text, Markdown and JSON of a small plan", "[report]") {
  SmallPlan p;
  REQUIRE_FALSE(p.sink.has_errors());
  REQUIRE(p.rp.plan.moved_files == 2);
  check_golden("small.txt", report::render_plan_text(p.rp, &p.refs, p.sink, {}));
  check_golden("small-files.txt", report::render_plan_text(p.rp, &p.refs, p.sink, {false, true}));
  check_golden("small.md", report::render_plan_markdown(p.rp, &p.refs, p.sink).text);
  check_golden("small.json", report::render_plan_json(p.rp, &p.refs, p.sink));
}

TEST_CASE("plan report: the JSON text is the plan document with the moved files", "[report]") {
  SmallPlan p;
  nlohmann::json doc = nlohmann::json::parse(report::render_plan_json(p.rp, &p.refs, p.sink));
  nlohmann::json rest = doc;
  rest["files"] = nlohmann::json::array();
  CHECK(rest == report::plan_document(p.rp, &p.refs, p.sink));
  REQUIRE(doc["files"].size() == 2);
  CHECK(doc["files"][0]["old"] == "docs/guide.md");
  CHECK(doc["files"][1]["new"] == "scripts/lint/run.sh");
}

TEST_CASE("plan report: a workflow read as text is read first, with its edits", "[report]") {
  SmallPlan p;
  std::string before = report::render_plan_text(p.rp, &p.refs, p.sink, {});
  CHECK(before.find("Read first") == std::string::npos);  // plain path edits only
  REQUIRE_FALSE(p.refs.files.empty());
  p.refs.files[0].read_as_text = true;  // what the workflow kind sets for a file it could not parse
  std::string text = report::render_plan_text(p.rp, &p.refs, p.sink, {});
  std::size_t at = text.find("Read first");
  REQUIRE(at != std::string::npos);
  CHECK(text.find("workflows read as text", at) != std::string::npos);
  const core::Edit& e = p.refs.files[0].edits.at(0);
  CHECK(text.find(p.refs.files[0].old_path + ":" + std::to_string(e.line) + ": " + e.kind, at) != std::string::npos);
  CHECK(report::render_plan_markdown(p.rp, &p.refs, p.sink).text.find("#### Read first") != std::string::npos);
}

TEST_CASE("plan report: without reference edits (a mapping with errors)", "[report]") {
  SmallPlan p;
  p.sink.error("mappings/small.yaml", {4, 5}, "something is wrong");
  std::string text = report::render_plan_text(p.rp, nullptr, p.sink, {});
  CHECK(text.find("(1 errors, 0 warnings)") != std::string::npos);
  CHECK(text.find("References") == std::string::npos);
  nlohmann::json doc = nlohmann::json::parse(report::render_plan_json(p.rp, nullptr, p.sink));
  CHECK(doc["references"] == nlohmann::json{{"counts", nlohmann::json::object()}, {"files", nlohmann::json::array()}, {"moved_and_edited", 0}});
  CHECK(doc["diagnostics"][0]["message"] == "something is wrong");
}

namespace {

// 400 files under two directory rules and a `match` rule over 30 directories, each README with a link
// the rewrite edits, and mentions that need review: a plan far longer than a few kilobytes.
struct LargePlan {
  std::map<std::string, std::string> blobs;
  plan::RepositoryPlan rp;
  diag::Sink sink;
  rewrite::ReferenceRewrite refs;

  LargePlan() {
    rp.mapping = mapping::load_mapping(
        "version: 1\nmoves:\n  - from: 1.docs\n    to: docs\n  - from: 2.tools\n    to: tools\n"
        "  - match: '3\\.cases/(c\\d+)'\n    to: 'examples/\\1'\n",
        "mappings/large.yaml", sink);
    rp.commit = std::string(40, 'c');
    rp.rev = "HEAD";
    auto add = [&](const std::string& path, const std::string& text) {
      blobs[path] = text;
      rp.tree.push_back({path, core::kModeFile, path});
    };
    for (int i = 0; i < 150; ++i) add(fmt::format("1.docs/page{:03}.md", i), fmt::format("See [tools](../2.tools/t{:03}.sh).\n", i));
    for (int i = 0; i < 150; ++i) add(fmt::format("2.tools/t{:03}.sh", i), "#!/bin/sh\n");
    for (int i = 0; i < 30; ++i)
      for (int j = 0; j < 3; ++j)
        add(fmt::format("3.cases/c{:02}/f{}.md", i, j), fmt::format("[docs](../../1.docs/page{:03}.md) and `3.cases/x{}`\n", i, j));
    std::sort(rp.tree.begin(), rp.tree.end(), [](const core::TreeEntry& a, const core::TreeEntry& b) { return a.path < b.path; });
    rp.plan = plan::plan_moves(rp.mapping, rp.tree, {}, sink);
    plan::build_move_model(rp);
    core::BlobReader read = [this](const std::string& id) { return blobs.at(id); };
    refs = rewrite::rewrite_references(rp, [&] { return read; });
  }
};

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("plan report: a large plan's JSON is written piece by piece, indented as nlohmann indents it", "[report]") {
  LargePlan p;
  std::vector<std::string> pieces;
  report::write_plan_json([&](std::string_view piece) { pieces.emplace_back(piece); }, p.rp, &p.refs, p.sink);
  std::string text;
  for (const std::string& piece : pieces) text += piece;
  CHECK(text == report::render_plan_json(p.rp, &p.refs, p.sink));
  REQUIRE(p.refs.files.size() > 100);
  CHECK(pieces.size() > p.refs.files.size() + p.rp.plan.moved_files);  // one piece per element at least, never a whole list
  nlohmann::json doc = nlohmann::json::parse(text);
  CHECK(doc["references"]["files"].size() == p.refs.files.size());
  CHECK(doc["files"].size() == p.rp.plan.moved_files);
  // Everything but the moved files (one object a line) is nlohmann's own dump of the document.
  std::size_t from = text.find("\n  \"files\": [\n");
  REQUIRE(from != std::string::npos);
  std::size_t to = text.find("\n  ],\n", from);
  REQUIRE(to != std::string::npos);
  std::string without_files = text.substr(0, from) + "\n  \"files\": []" + text.substr(to + 4);
  nlohmann::json rest = doc;
  rest["files"] = nlohmann::json::array();
  CHECK(without_files == rest.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  CHECK(rest == report::plan_document(p.rp, &p.refs, p.sink));
}

TEST_CASE("plan report: a Markdown plan longer than the limit folds its long lists, by as little as fits", "[report]") {
  LargePlan p;
  REQUIRE_FALSE(p.sink.has_errors());
  REQUIRE(p.refs.files.size() > 200);
  report::MarkdownPlan full = report::render_plan_markdown(p.rp, &p.refs, p.sink, 0);
  CHECK_FALSE(full.folded);
  REQUIRE(full.text.size() > 40000);
  CHECK(count(full.text, "| `1.docs/page") == 150);
  // A limit it fits in changes nothing.
  CHECK(report::render_plan_markdown(p.rp, &p.refs, p.sink, full.text.size()).text == full.text);

  std::size_t last_shown = 0;
  for (std::size_t limit : {6000u, 12000u, 24000u}) {
    CAPTURE(limit);
    report::MarkdownPlan md = report::render_plan_markdown(p.rp, &p.refs, p.sink, limit);
    CHECK(md.folded);
    CHECK(md.fits);
    CHECK(md.text.size() <= limit);
    CHECK(md.text.find("Long lists are shortened") != std::string::npos);
    CHECK(md.text.find("--format json") != std::string::npos);
    // The summary, every rule and every count stay.
    CHECK(md.text.find("**390** of **390** files move") != std::string::npos);
    CHECK(md.text.find("| `1.docs` | `docs` | 150 |") != std::string::npos);
    CHECK(md.text.find("| match `3\\.cases/(c\\d+)` | `examples/\\1` | 90 |") != std::string::npos);
    CHECK(md.text.find(fmt::format("{} edits in {} files", p.refs.files.size(), p.refs.files.size())) != std::string::npos);
    // The room left is used: a larger limit shows more lines than a smaller one.
    std::size_t shown = count(md.text, "\n| ");
    CHECK(shown > last_shown);
    last_shown = shown;
    CHECK(md.text.size() > limit * 8 / 10);
  }
  // The needs-review rows are the last to go.
  report::MarkdownPlan small = report::render_plan_markdown(p.rp, &p.refs, p.sink, 6000);
  REQUIRE_FALSE(p.refs.needs_review.empty());
  CHECK(count(small.text, "| `3.cases/") >= std::min<std::size_t>(p.refs.needs_review.size(), 10));

  // Too small for even the summary: said, and the summary is all there is.
  report::MarkdownPlan tiny = report::render_plan_markdown(p.rp, &p.refs, p.sink, 500);
  CHECK(tiny.folded);
  CHECK_FALSE(tiny.fits);
  CHECK(tiny.text.find("## Repository reorganization") == 0);
  CHECK(count(tiny.text, "| `1.docs/page") == 0);
}

// The plan report's three shapes, whole, on a small in-memory plan: text (with and without --files),
// Markdown and JSON, compared with tests/report/golden/. On a difference the output is written next
// to the test's temp files (its path printed) to compare by hand.
#include <catch2/catch.hpp>

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
  check_golden("small.md", report::render_plan_markdown(p.rp, &p.refs, p.sink));
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

// The reference rewrite gives the same result on one thread and on several.
#include <catch2/catch.hpp>

#include <map>

#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/planner.hpp"
#include "gitreorg/rewrite/rewrite_references.hpp"

using namespace gitreorg;

TEST_CASE("rewrite: several threads give the same result as one", "[rewrite][parallel]") {
  std::map<std::string, std::string> blobs;  // oid -> content
  core::Tree tree;
  for (int i = 0; i < 9000; ++i) {
    std::string dir = "3.test_cases/case" + std::to_string(i % 40);
    std::string path = dir + "/doc" + std::to_string(i) + (i % 3 == 0 ? ".md" : i % 3 == 1 ? ".sh" : ".txt");
    std::string content = i % 3 == 0   ? "[top](../../README.md) and https://github.com/o/r/blob/main/nope" + std::to_string(i) + ".md\n"
                          : i % 3 == 1 ? "cd 3.test_cases/case" + std::to_string(i % 40) + " && ./run.sh\n"
                                       : "https://github.com/o/r/blob/main/" + path + "\n";
    std::string oid = std::to_string(i);
    oid.insert(0, 40 - oid.size(), '0');
    blobs[oid] = content;
    tree.push_back({path, core::kModeFile, oid});
  }
  blobs[std::string(40, 'f')] = "# Top\n";
  tree.push_back({"README.md", core::kModeFile, std::string(40, 'f')});
  std::sort(tree.begin(), tree.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  diag::Sink sink;
  auto m = mapping::load_mapping(
      "version: 1\nrepository:\n  urls: [https://github.com/o/r]\nmoves:\n  - match: '3\\.test_cases/(case\\d+)'\n    to: 'examples/training/\\1'\n",
      "m.yaml", sink);
  REQUIRE_FALSE(sink.has_errors());
  plan::Plan p = plan::plan_moves(m, tree, {}, sink);
  REQUIRE_FALSE(sink.has_errors());
  auto factory = [&]() -> core::BlobReader { return [&](const std::string& oid) { return blobs.at(oid); }; };
  plan::RepositoryPlan rp{m, "", "", "", tree, p};
  plan::build_move_model(rp);
  rewrite::ReferenceRewrite one = rewrite::rewrite_references(rp, factory, 1);
  rewrite::ReferenceRewrite four = rewrite::rewrite_references(rp, factory, 4);
  REQUIRE(one.files.size() == 9000);
  REQUIRE(four.files.size() == one.files.size());
  for (std::size_t i = 0; i < one.files.size(); ++i) {
    CHECK(four.files[i].new_path == one.files[i].new_path);
    CHECK(four.files[i].new_content == one.files[i].new_content);
  }
  CHECK(four.counts == one.counts);
  CHECK(one.counts.at("markdown-link") == 3000);
  CHECK(one.counts.at("path-mention") == 3000);
  CHECK(one.counts.at("github-url") == 3000);
  REQUIRE(one.diagnostics.all().size() == 3000);  // the `nope` URLs to no file, reported in file order
  REQUIRE(four.diagnostics.all().size() == one.diagnostics.all().size());
  for (std::size_t i = 0; i < one.diagnostics.all().size(); ++i)
    CHECK(four.diagnostics.all()[i].message == one.diagnostics.all()[i].message);
  CHECK(four.needs_review.size() == one.needs_review.size());
}

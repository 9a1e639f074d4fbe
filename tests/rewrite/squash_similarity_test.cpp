// The squash-merge check, pure: which files are scored (moved and edited, regular files), what is
// listed (under 75%) and what is warned (under 50%), with a scripted score so the thresholds are exact.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <map>

#include "gitreorg/rewrite/squash_similarity.hpp"
#include "support/rendezvous.hpp"

using namespace gitreorg;

namespace {

plan::PlannedFile planned(std::string old_path, std::string new_path, std::uint32_t mode = core::kModeFile) {
  plan::PlannedFile f;
  f.old_path = old_path;
  f.new_path = std::move(new_path);
  f.mode = mode;
  f.oid = "oid:" + old_path;
  return f;
}

rewrite::FileRewrite rewritten(std::string old_path, std::string new_path, std::string content, std::uint32_t mode = core::kModeFile) {
  rewrite::FileRewrite f;
  f.old_path = std::move(old_path);
  f.new_path = std::move(new_path);
  f.new_content = std::move(content);
  f.mode = mode;
  return f;
}

}  // namespace

TEST_CASE("squash similarity: moved and edited files scored against their old blob", "[rewrite][squash]") {
  plan::Plan p;
  p.files = {planned("a/heavy.md", "b/heavy.md"), planned("a/light.md", "b/light.md"), planned("a/mid.md", "b/mid.md"),
             planned("a/edge.md", "b/edge.md"), planned("a/link", "b/link", core::kModeSymlink), planned("stays.md", "stays.md")};
  std::vector<rewrite::FileRewrite> files = {rewritten("a/edge.md", "b/edge.md", "edge"),
                                             rewritten("a/heavy.md", "b/heavy.md", "heavy"),
                                             rewritten("a/light.md", "b/light.md", "light"),
                                             rewritten("a/link", "b/link", "../x", core::kModeSymlink),
                                             rewritten("a/mid.md", "b/mid.md", "mid"),
                                             rewritten("stays.md", "stays.md", "stays")};
  // The score the pipeline would get from git::similarity, scripted by the new content.
  std::map<std::string, int> score_of = {{"edge", 50}, {"heavy", 12}, {"light", 96}, {"mid", 74}, {"stays", 0}};
  std::vector<std::string> read;
  core::BlobReader reader = [&](const std::string& oid) {
    read.push_back(oid);
    return std::string("old bytes");
  };
  std::vector<std::string> scored;
  rewrite::SimilarityScore score = [&](std::string_view before, std::string_view after) {
    CHECK(before == "old bytes");
    scored.emplace_back(after);
    return score_of.at(std::string(after));
  };
  diag::Sink sink;
  std::vector<rewrite::SquashBreak> out = rewrite::squash_similarity(p, files, std::vector<core::BlobReader>{reader}, score, sink);

  // A file that stays is a modification in a squash too: not scored. A symlink is not read: git pairs
  // symlinks only when they are identical, so a retargeted one scores 0.
  CHECK(scored == std::vector<std::string>{"edge", "heavy", "light", "mid"});
  CHECK(read == std::vector<std::string>{"oid:a/edge.md", "oid:a/heavy.md", "oid:a/light.md", "oid:a/mid.md"});
  REQUIRE(out.size() == 4);
  CHECK(out[0].path == "b/edge.md");
  CHECK(out[0].old_path == "a/edge.md");
  CHECK(out[0].similarity == 50);
  CHECK(out[1].path == "b/heavy.md");
  CHECK(out[1].similarity == 12);
  CHECK(out[2].path == "b/link");
  CHECK(out[2].similarity == 0);
  CHECK(out[3].path == "b/mid.md");
  CHECK(out[3].similarity == 74);
  // Warned: under 50 only (50 itself is a rename to git: its threshold is inclusive).
  REQUIRE(sink.all().size() == 2);
  CHECK(sink.count(diag::Severity::warning) == 2);
  CHECK(sink.all()[0].path == "b/heavy.md");
  CHECK(sink.all()[0].message ==
        "squashed, this file is 12% similar to `a/heavy.md` (git's rename threshold is 50%): git sees it deleted and added; "
        "merge with a merge commit or rebase, not squash, or this file's history breaks");
  CHECK(sink.all()[1].path == "b/link");
}

TEST_CASE("squash similarity: nothing moved and edited, nothing read", "[rewrite][squash]") {
  plan::Plan p;
  p.files = {planned("a.md", "a.md"), planned("x/b.md", "y/b.md")};
  std::vector<rewrite::FileRewrite> files = {rewritten("a.md", "a.md", "new")};
  diag::Sink sink;
  auto out = rewrite::squash_similarity(
      p, files, std::vector<core::BlobReader>{[](const std::string&) -> std::string { FAIL("read"); return ""; }},
      [](std::string_view, std::string_view) -> int { FAIL("scored"); return 0; }, sink);
  CHECK(out.empty());
  CHECK(sink.all().empty());
}

TEST_CASE("squash similarity: one reader per thread, results in the order of the files", "[rewrite][squash]") {
  plan::Plan p;
  std::vector<rewrite::FileRewrite> files;
  for (int i = 0; i < 1000; ++i) {
    std::string name = fmt::format("f{:04}.md", i);
    p.files.push_back(planned("a/" + name, "b/" + name));
    files.push_back(rewritten("a/" + name, "b/" + name, std::to_string(i % 100)));
  }
  std::vector<std::size_t> reads;
  testing::Rendezvous meet(2);
  std::vector<core::BlobReader> readers = testing::meeting_readers(2, reads, meet, [](const std::string& oid) { return oid; });
  rewrite::SimilarityScore score = [](std::string_view, std::string_view after) { return std::stoi(std::string(after)); };
  diag::Sink sink;
  std::vector<rewrite::SquashBreak> out = rewrite::squash_similarity(p, files, readers, score, sink);
  CHECK(reads[0] + reads[1] == 1000);
  CHECK(meet.arrived() == 2);
  // Under 75: scores 0-74 of every hundred, in file order; warned under 50, in file order too.
  REQUIRE(out.size() == 750);
  for (std::size_t k = 0; k < out.size(); ++k) {
    int i = static_cast<int>(k / 75 * 100 + k % 75);
    CHECK(out[k].path == fmt::format("b/f{:04}.md", i));
    CHECK(out[k].similarity == i % 100);
  }
  REQUIRE(sink.all().size() == 500);
  for (std::size_t k = 0; k < sink.all().size(); ++k)
    CHECK(sink.all()[k].path == fmt::format("b/f{:04}.md", k / 50 * 100 + k % 50));
}

// The pull request's diff against GitHub's limits: pure, with a scripted diff size (the order, the
// entries, the cut, the files too large and collapsed); and on a repository, against what
// `git diff -M` prints after apply.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

#include "gitreorg/rewrite/pull_request_diff.hpp"
#include "gitreorg/rewrite/rewrite_references.hpp"
#include "support/rendezvous.hpp"
#include "support/temp_repo.hpp"

using namespace gitreorg;

namespace {

plan::PlannedFile planned(std::string old_path, std::string new_path) {
  plan::PlannedFile f;
  f.old_path = old_path;
  f.new_path = std::move(new_path);
  f.oid = "oid:" + old_path;
  return f;
}

rewrite::FileRewrite rewritten(std::string old_path, std::string new_path, std::string content) {
  rewrite::FileRewrite f;
  f.old_path = std::move(old_path);
  f.new_path = std::move(new_path);
  f.new_content = std::move(content);
  return f;
}

}  // namespace

TEST_CASE("pull request diff: entries by path, exact renames by their header, the limits", "[rewrite][pull-request-diff]") {
  plan::RepositoryPlan rp;
  rp.plan.files = {planned("a/one.md", "z/one.md"), planned("a/two.md", "b/two.md"), planned("huge.md", "huge.md"),
                   planned("low.md", "m/low.md"), planned("same.md", "same.md"), planned("wide.md", "wide.md")};
  rewrite::ReferenceRewrite refs;
  refs.files = {rewritten("a/two.md", "b/two.md", "two'"), rewritten("huge.md", "huge.md", "huge'"),
                rewritten("low.md", "m/low.md", "low'"), rewritten("wide.md", "wide.md", "wide'")};
  refs.squash_breaks = {{"m/low.md", "low.md", 30}};  // under git's rename threshold: deleted and added
  // Scripted sizes, by the new content (or the old path for a deletion).
  std::map<std::string, rewrite::DiffSize> sizes = {
      {"two'", {10, 500}}, {"huge'", {25000, 900000}}, {"low.md", {3, 100}}, {"low'", {4, 120}}, {"wide'", {500, 30000}}};
  std::vector<std::string> calls;
  rewrite::DiffSizer size = [&](std::string_view old_path, std::string_view before, std::string_view new_path,
                                std::string_view after) {
    calls.push_back(std::string(old_path) + "|" + std::string(before) + "|" + std::string(new_path) + "|" + std::string(after));
    return sizes.at(new_path.empty() ? std::string(old_path) : std::string(after));
  };
  core::BlobReader read = [](const std::string& oid) { return "old " + oid; };
  rewrite::PullRequestDiff d = rewrite::pull_request_diff(rp, refs, std::vector<core::BlobReader>{read}, {}, {}, size);

  CHECK(calls == std::vector<std::string>{"a/two.md|old oid:a/two.md|b/two.md|two'", "huge.md|old oid:huge.md|huge.md|huge'",
                                          "low.md|old oid:low.md||", "||m/low.md|low'", "wide.md|old oid:wide.md|wide.md|wide'"});
  CHECK(d.files == 6);  // z/one.md renamed, b/two.md, huge.md, low.md deleted, m/low.md added, wide.md
  std::string rename = "diff --git a/a/one.md b/z/one.md\nsimilarity index 100%\nrename from a/one.md\nrename to z/one.md\n";
  CHECK(d.total.lines == 10 + 25000 + 3 + 4 + 500);
  CHECK(d.total.bytes == rename.size() + 500 + 900000 + 100 + 120 + 30000);
  REQUIRE(d.too_large.size() == 1);  // over 20,000 lines
  CHECK(d.too_large[0].path == "huge.md");
  CHECK(d.collapsed == 1);  // wide.md: over 400 lines
  // By path: b/two.md, huge.md (the total passes 20,000 lines here), low.md, m/low.md, wide.md, z/one.md.
  REQUIRE(d.cut);
  CHECK(*d.cut == 1);
  CHECK(d.cut_path == "huge.md");
}

TEST_CASE("pull request diff: an import's files are added whole, edited as the import rewrites them", "[rewrite][pull-request-diff]") {
  plan::RepositoryPlan rp;
  plan::ImportPlan ip;
  ip.plan.files = {planned("README.md", "inference/README.md"), planned("x.sh", "inference/x.sh")};
  rp.imports = {ip};
  rewrite::ReferenceRewrite refs;
  std::vector<rewrite::ReferenceRewrite> import_refs(1);
  import_refs[0].files = {rewritten("README.md", "inference/README.md", "edited readme")};
  std::vector<std::string> added;
  rewrite::DiffSizer size = [&](std::string_view old_path, std::string_view, std::string_view new_path, std::string_view after) {
    CHECK(old_path.empty());
    added.push_back(std::string(new_path) + ":" + std::string(after));
    return rewrite::DiffSize{1, 10};
  };
  std::vector<core::BlobReader> import_read = {[](const std::string& oid) { return "sibling " + oid; }};
  rewrite::PullRequestDiff d =
      rewrite::pull_request_diff(rp, refs,
                                 std::vector<core::BlobReader>{[](const std::string&) -> std::string { FAIL("host blob read"); return {}; }},
                                 import_read, import_refs, size);
  CHECK(added == std::vector<std::string>{"inference/README.md:edited readme", "inference/x.sh:sibling oid:x.sh"});
  CHECK(d.files == 2);
  CHECK(!d.cut);
  rp.imports[0].merged_by = "abc";  // merged already: not in this pull request
  CHECK(rewrite::pull_request_diff(rp, refs, {}, import_read, import_refs, size).files == 0);
}

namespace {

// The lines of the hunks of a `git diff` (context, removed, added), and its entries.
std::pair<std::size_t, std::size_t> diff_lines_and_files(const std::string& diff) {
  std::size_t lines = 0, files = 0;
  bool in_hunk = false;
  std::istringstream in(diff);
  for (std::string l; std::getline(in, l);) {
    if (l.rfind("diff --git ", 0) == 0) {
      ++files;
      in_hunk = false;
    } else if (l.rfind("@@", 0) == 0) {
      in_hunk = true;
    } else if (in_hunk && !l.empty() && (l[0] == ' ' || l[0] == '+' || l[0] == '-')) {
      ++lines;
    }
  }
  return {lines, files};
}

}  // namespace

TEST_CASE("pull request diff: plan's figures are what git diff -M prints after apply", "[rewrite][pull-request-diff][cli]") {
  gitreorg::testing::TempRepo repo;
  std::string big, mid;
  for (int i = 0; i < 21000; ++i) big += "- [doc " + std::to_string(i) + "](../docs/guide.md)\n";  // every line edited
  for (int i = 0; i < 600; ++i) mid += i % 2 ? "text\n" : "see [guide](docs/guide.md)\n";
  repo.write("docs/guide.md", "# Guide\n");
  repo.write("notes/big.md", big);
  repo.write("mid.md", mid);
  for (int i = 0; i < 20; ++i) repo.write("docs/page" + std::to_string(i) + ".md", "# Page\n");
  repo.commit("layout");
  std::string base = gitreorg::testing::TempRepo::trim(repo.git({"rev-parse", "HEAD"}).out);
  repo.write(".git/m.yaml", "version: 1\nmoves:\n  - from: docs\n    to: guide\n");

  gitreorg::testing::CommandResult plan = repo.reorg({"plan", ".git/m.yaml", "--format", "json"});
  INFO(plan.err);
  REQUIRE(plan.exit_code == 0);
  nlohmann::json d = nlohmann::json::parse(plan.out)["references"]["pull_request_diff"];
  gitreorg::testing::CommandResult md = repo.reorg({"plan", ".git/m.yaml", "--format", "markdown"});
  CHECK(md.out.find("`notes/big.md` (") != std::string::npos);  // named: GitHub shows no diff of it

  REQUIRE(repo.reorg({"apply", ".git/m.yaml"}).exit_code == 0);
  std::string diff = repo.git({"diff", "-M", "--no-color", base, "HEAD"}).out;
  auto [lines, files] = diff_lines_and_files(diff);
  CHECK(d["files"] == files);
  CHECK(d["files"] == 23);  // 21 renames, big.md and mid.md
  // Lines exactly; bytes but for the function names git puts after a hunk's @@ (libgit2 trims them
  // differently by a byte or so).
  CHECK(d["lines"] == lines);
  std::size_t bytes = d["bytes"];
  CHECK(bytes <= diff.size() + 200);
  CHECK(bytes + 200 >= diff.size());
  REQUIRE(d["too_large"].size() == 1);
  CHECK(d["too_large"][0]["path"] == "notes/big.md");
  CHECK(d["too_large"][0]["lines"] > 20000);
  CHECK(d["collapsed"] == 1);  // mid.md: 300 lines edited, over 400 lines of diff
  CHECK(d["cut_file"] == "notes/big.md");
  CHECK(d["cut_file_number"] == 23);  // last: guide/* (21) and mid.md sort before notes/
}

TEST_CASE("pull request diff: sized on one thread per reader, the same diff as on one", "[rewrite][pull-request-diff]") {
  plan::RepositoryPlan rp;
  rewrite::ReferenceRewrite refs;
  for (int i = 0; i < 2000; ++i) {
    std::string name = fmt::format("f{:04}.md", i);
    rp.plan.files.push_back(planned("a/" + name, i % 3 ? "b/" + name : "a/" + name));
    if (i % 2) refs.files.push_back(rewritten("a/" + name, rp.plan.files.back().new_path, std::string(i, 'x')));
    if (i % 10 == 1) refs.squash_breaks.push_back({rp.plan.files.back().new_path, "a/" + name, 20});
  }
  // A pure size: lines from the new content's length, bytes from both sides (a deletion has none new).
  rewrite::DiffSizer size = [](std::string_view old_path, std::string_view before, std::string_view, std::string_view after) {
    return rewrite::DiffSize{after.size() % 7 + 1, before.size() + after.size() + old_path.size()};
  };
  auto old_blob = [](const std::string& oid) { return "old " + oid; };
  std::vector<std::size_t> reads;
  testing::Rendezvous meet(2);
  std::vector<core::BlobReader> two = testing::meeting_readers(2, reads, meet, old_blob);
  rewrite::PullRequestDiff one = rewrite::pull_request_diff(rp, refs, std::vector<core::BlobReader>{old_blob}, {}, {}, size);
  rewrite::PullRequestDiff both = rewrite::pull_request_diff(rp, refs, two, {}, {}, size);
  CHECK(reads[0] + reads[1] == 1000);  // each edited file's old blob, once
  CHECK(meet.arrived() == 2);
  CHECK(both.files == one.files);
  CHECK(both.files > 1000);
  CHECK(both.total.lines == one.total.lines);
  CHECK(both.total.bytes == one.total.bytes);
  CHECK(both.cut == one.cut);
  CHECK(both.cut_path == one.cut_path);
  CHECK(both.collapsed == one.collapsed);
  REQUIRE(both.too_large.size() == one.too_large.size());
  for (std::size_t k = 0; k < both.too_large.size(); ++k) CHECK(both.too_large[k].path == one.too_large[k].path);
}

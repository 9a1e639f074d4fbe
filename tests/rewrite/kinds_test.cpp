// The table of reference kinds: every name it declares is documented, every edit a rewrite emits
// belongs to a row, overlaps are resolved by priority, and the mapping file is known by its blob id.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "gitreorg/rewrite/reference_kind.hpp"
#include "gitreorg/rewrite/text_blob.hpp"
#include "rewrite/rewrite_fixture.hpp"

using namespace gitreorg;
using gitreorg::testing::Files;
using gitreorg::testing::Reorg;
using gitreorg::core::Edit;

namespace {

std::string references_doc() {
  std::ifstream in(std::string(GITREORG_SOURCE_DIR) + "/docs/references.md", std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// One file per kind, each naming something that moves.
Files every_kind() {
  Files f;
  f.content["README.md"] =
      "[a](old/a.sh) <img src=\"old/a.sh\">\nhttps://github.com/o/r/blob/main/old/a.sh\n"
      "https://github.com/o/r/blob/v1/old/a.sh\n\n    bash old/a.sh\n\n[old/a.sh](old/a.sh)\n";
  f.content["old/a.sh"] = "cat old/b.txt\n";
  f.content["old/b.txt"] = "b\n";
  f.content["top/link"] = "../old/b.txt";
  f.symlinks["top/link"] = true;
  f.content["top/c.txt"] = "c\n";
  f.content[".github/workflows/ci.yml"] =
      "on:\n  push:\n    paths: ['old/**']\njobs:\n  j:\n    steps:\n      - working-directory: old\n"
      "        run: bash old/a.sh ${{ hashFiles('old/b.txt') }}\n";
  f.content[".github/dependabot.yml"] = "version: 2\nupdates:\n  - directory: /old\n";
  f.content["CODEOWNERS"] = "/old/ @team\n";
  f.content[".gitignore"] = "/old/b.txt\n";
  f.content[".gitattributes"] = "old/a.sh text\n";
  return f;
}

const char* kMoveOld = "version: 1\nrepository:\n  urls: [https://github.com/o/r]\n  branches: [main]\n"
                       "moves:\n  - from: old\n    to: new/place\n  - from: top\n    to: new/top\n";

Edit edit(std::size_t offset, std::size_t length, std::string kind) {
  Edit e;
  e.offset = offset;
  e.length = length;
  e.kind = std::move(kind);
  e.replacement = e.kind;
  return e;
}

}  // namespace

TEST_CASE("kinds: every kind, edit kind and count of the table is documented in docs/references.md", "[rewrite][kinds]") {
  std::string doc = references_doc();
  REQUIRE_FALSE(doc.empty());
  std::vector<std::string_view> names;
  for (const rewrite::ReferenceKind& k : rewrite::reference_kinds()) {
    names.push_back(k.name);
    names.insert(names.end(), k.edit_kinds.begin(), k.edit_kinds.end());
    names.insert(names.end(), k.counted.begin(), k.counted.end());
  }
  for (auto why : {rewrite::SkipReason::binary, rewrite::SkipReason::lfs_pointer, rewrite::SkipReason::too_large})
    names.push_back(rewrite::skip_kind(why));
  for (std::string_view name : names) {
    INFO(name);
    CHECK(doc.find("`" + std::string(name) + "`") != std::string::npos);
  }
}

TEST_CASE("kinds: each edit kind belongs to one row, and row names are unique", "[rewrite][kinds]") {
  std::set<std::string_view> rows, edits;
  for (const rewrite::ReferenceKind& k : rewrite::reference_kinds()) {
    CHECK(rows.insert(k.name).second);
    CHECK_FALSE(k.edit_kinds.empty());
    for (std::string_view e : k.edit_kinds) {
      CHECK(edits.insert(e).second);
      CHECK(rewrite::kind_of_edit(e) == &k);
    }
  }
  CHECK(rewrite::kind_of_edit("no-such-kind") == nullptr);
}

TEST_CASE("kinds: every edit of a rewrite is of a kind the table declares, and the kinds are all used", "[rewrite][kinds]") {
  Files before = every_kind();
  Reorg r(before, kMoveOld);
  std::set<std::string> emitted;
  for (const rewrite::FileRewrite& f : r.result.files)
    for (const Edit& e : f.edits) {
      INFO(f.old_path << ": " << e.kind);
      CHECK(rewrite::kind_of_edit(e.kind) != nullptr);
      emitted.insert(e.kind);
    }
  for (const rewrite::ReferenceKind& k : rewrite::reference_kinds())
    for (std::string_view e : k.edit_kinds)
      // gitmodules needs a gitlink; the fixes need --fix-broken ("[repair]" tests); commit-url an import ("[pinned]")
      if (e != "gitmodules" && e != "broken-link-fix" && e != "broken-url-fix" && e != "commit-url") {
        INFO(e);
        CHECK(emitted.count(std::string(e)) == 1);
      }
  CHECK(r.result.counts.at("pinned-url") == 1);
  CHECK(r.result.path_filter_workflows == std::vector<std::string>{".github/workflows/ci.yml"});
}

TEST_CASE("kinds: overlapping edits keep the higher priority, else the first", "[rewrite][kinds]") {
  // A path mention gives way to a link that claims the same bytes, before or after it.
  auto merged = rewrite::merge_edits({edit(0, 10, "path-mention"), edit(2, 4, "markdown-link"), edit(20, 3, "path-mention")});
  REQUIRE(merged.size() == 2);
  CHECK(merged[0].kind == "markdown-link");
  CHECK(merged[1].offset == 20);
  merged = rewrite::merge_edits({edit(2, 4, "github-url"), edit(0, 10, "path-mention")});
  REQUIRE(merged.size() == 1);
  CHECK(merged[0].kind == "github-url");
  // Equal priorities: the first by offset (then by order given) stays.
  merged = rewrite::merge_edits({edit(3, 4, "hash-files"), edit(3, 2, "workflow-filter"), edit(0, 4, "github-url")});
  REQUIRE(merged.size() == 1);
  CHECK(merged[0].kind == "github-url");
}

TEST_CASE("kinds: the mapping file is known by its blob id and not read for mentions", "[rewrite][kinds]") {
  Files f;
  f.content["old/a.sh"] = "a\n";
  f.content["mappings/m.yaml"] = "moves:\n  - from: old/a.sh\n";
  f.content["mappings/copy.yaml"] = "moves:\n  - from: old/a.sh\n";
  Reorg r(f, "version: 1\nmoves:\n  - from: old\n    to: new\n");
  r.rp.mapping_blob = "mappings/m.yaml";  // the fixture's blob ids are paths
  core::BlobReader read = f.reader();
  rewrite::ReferenceRewrite out = rewrite::rewrite_references(r.rp, [&] { return read; });
  REQUIRE(out.files.size() == 1);
  CHECK(out.files[0].old_path == "mappings/copy.yaml");
  CHECK(out.files[0].new_content == "moves:\n  - from: new/a.sh\n");
}

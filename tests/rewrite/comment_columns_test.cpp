// Comment columns: edits on lines of a tree diagram or of aligned code keep the trailing comments in
// their column, and leave alone what is not such a comment.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "gitreorg/core/edit.hpp"
#include "gitreorg/rewrite/comment_columns.hpp"
#include "support/edits_of.hpp"

using namespace gitreorg;

namespace {

// The rewriters' edits these tests start from (path mentions).
std::vector<core::Edit> edits_of(const std::string& text, const std::vector<std::pair<std::string, std::string>>& changes) {
  return testing::edits_of(text, changes, "path-mention");
}

// `text` after `changes`, comment columns kept, the whole text a region where columns mean something.
std::string aligned(const std::string& text, const std::vector<std::pair<std::string, std::string>>& changes,
                    std::vector<core::Edit>* kept = nullptr) {
  std::vector<core::Edit> edits = edits_of(text, changes);
  const std::pair<std::size_t, std::size_t> whole{0, text.size()};
  rewrite::keep_comment_columns(text, {&whole, 1}, edits);
  if (kept) *kept = edits;
  return core::apply_edits(text, edits);
}

const std::string kDiagram =
    ".\n"
    "├── 0.docs/                     # Documentation\n"
    "├── 1.architectures/            # Cluster architectures\n"
    "│   ├── 5.sagemaker-hyperpod/   # HyperPod\n"
    "└── 3.test_cases/               # Examples\n";

}  // namespace

TEST_CASE("comment columns: a diagram whose names lose their numbers keeps its comments aligned", "[rewrite][columns]") {
  std::vector<core::Edit> edits;
  CHECK(aligned(kDiagram,
                {{"0.docs/", "docs/"},
                 {"1.architectures/", "architectures/"},
                 {"5.sagemaker-hyperpod/", "sagemaker-hyperpod/"},
                 {"3.test_cases/", "test_cases/"}},
                &edits) ==
        ".\n"
        "├── docs/                       # Documentation\n"
        "├── architectures/              # Cluster architectures\n"
        "│   ├── sagemaker-hyperpod/     # HyperPod\n"
        "└── test_cases/                 # Examples\n");
  // Still one edit per name, now covering the spaces before the comment, and saying so.
  REQUIRE(edits.size() == 4);
  CHECK(edits[0].original == "0.docs/                     ");
  CHECK(edits[0].replacement == "docs/                       ");
  CHECK(edits[0].reason == "spaces before the comment 21 -> 23: it keeps its column");
  CHECK(edits[2].original == "5.sagemaker-hyperpod/   ");
  CHECK(edits[2].replacement == "sagemaker-hyperpod/     ");
}

TEST_CASE("comment columns: box-drawing characters are one column each, wide characters two", "[rewrite][columns]") {
  // `│   └── ` is 12 bytes but 8 columns, `├── ` 10 bytes but 4: the comments are in one column on
  // screen, not in bytes, and only a comment in a shared column is moved back to it.
  const std::string text =
      "├── 0.docs/       # Documentation\n"
      "│   └── img/      # Pictures\n";
  CHECK(aligned(text, {{"0.docs/", "docs/"}}) ==
        "├── docs/         # Documentation\n"
        "│   └── img/      # Pictures\n");
  // `文档/` is 7 bytes and 5 columns.
  const std::string cjk =
      "├── 0.docs/       # Documentation\n"
      "├── 文档/         # 中文\n";
  CHECK(aligned(cjk, {{"0.docs/", "docs/"}}) ==
        "├── docs/         # Documentation\n"
        "├── 文档/         # 中文\n");
  CHECK(aligned(cjk, {{"文档/", "docs/"}}) ==
        "├── 0.docs/       # Documentation\n"
        "├── docs/         # 中文\n");
}

TEST_CASE("comment columns: a longer name keeps at least one space, two when it had them", "[rewrite][columns]") {
  const std::string text =
      "├── 0.docs/   # Documentation\n"
      "├── 1.arch/   # Architectures\n"
      "└── 2.x/ # Examples\n"
      "    3.y/ # More\n";
  CHECK(aligned(text, {{"0.docs/", "documentation-and-guides/"}, {"2.x/", "examples-longer/"}}) ==
        "├── documentation-and-guides/  # Documentation\n"
        "├── 1.arch/   # Architectures\n"
        "└── examples-longer/ # Examples\n"
        "    3.y/ # More\n");
  // Longer by what the spaces can give: still in the column. One more, and the two spaces a style
  // guide may ask for (PEP 8) win over the column.
  CHECK(aligned(text, {{"0.docs/", "0.docsx/"}}) ==
        "├── 0.docsx/  # Documentation\n"
        "├── 1.arch/   # Architectures\n"
        "└── 2.x/ # Examples\n"
        "    3.y/ # More\n");
  CHECK(aligned(text, {{"0.docs/", "0.docs-x/"}}) ==
        "├── 0.docs-x/  # Documentation\n"
        "├── 1.arch/   # Architectures\n"
        "└── 2.x/ # Examples\n"
        "    3.y/ # More\n");
}

TEST_CASE("comment columns: lines without a comment in a column are left as they are", "[rewrite][columns]") {
  // No comment; a description without a marker; a lone comment (its two spaces stay two).
  for (const std::string& text : {std::string("├── 0.docs/                     \n├── 1.arch/   # A\n"),
                                  std::string("├── 0.docs/     Documentation\n├── 1.arch/      Architectures\n"),
                                  std::string("cd 0.docs/  # go there\n\nls  # list\n")}) {
    INFO(text);
    std::vector<core::Edit> edits;
    std::string out = aligned(text, {{"0.docs/", "docs/"}}, &edits);
    std::string expected = text;
    expected.replace(expected.find("0.docs/"), 7, "docs/");
    CHECK(out == expected);
    CHECK(edits[0].original == "0.docs/");
    CHECK(edits[0].reason.empty());
  }
  // A word between the edit and the spaces, a tab before the comment: those spaces are not the
  // edit's to change.
  CHECK(aligned("cd 0.docs && ls   # go\ncd 1.arch        # go\n", {{"0.docs", "docs"}}) ==
        "cd docs && ls   # go\ncd 1.arch        # go\n");
  CHECK(aligned("x 0.docs/\t     # a\nx 1.archxx/     # b\n", {{"0.docs/", "docs/"}}) == "x docs/\t     # a\nx 1.archxx/     # b\n");
  // A neighbour past a blank line is another block.
  CHECK(aligned("├── 0.docs/    # D\n\n├── 1.arch/    # A\n", {{"0.docs/", "docs/"}}) == "├── docs/    # D\n\n├── 1.arch/    # A\n");
}

TEST_CASE("comment columns: other comment styles, quotes and edits inside the comment", "[rewrite][columns]") {
  CHECK(aligned("0.docs/      // docs\n1.arch/      // arch\n", {{"0.docs/", "docs/"}}) == "docs/        // docs\n1.arch/      // arch\n");
  CHECK(aligned("├── 0.docs/   <-- docs\n├── 1.arch/   <-- arch\n", {{"0.docs/", "docs/"}}) ==
        "├── docs/     <-- docs\n├── 1.arch/   <-- arch\n");
  CHECK(aligned("├── 0.docs/   - docs\n├── 1.arch/   - arch\n", {{"0.docs/", "docs/"}}) == "├── docs/     - docs\n├── 1.arch/   - arch\n");
  // A closing quote between the path and the spaces goes with the edit.
  std::vector<core::Edit> edits;
  CHECK(aligned("DOCS = \"0.docs/a\"    # docs\nARCH = \"1.arch/b\"    # arch\n", {{"0.docs/a", "docs/a"}}, &edits) ==
        "DOCS = \"docs/a\"      # docs\nARCH = \"1.arch/b\"    # arch\n");
  CHECK(edits[0].original == "0.docs/a\"    ");
  CHECK(edits[0].replacement == "docs/a\"      ");
  // An edit inside the comment does not move it; the one before it does.
  CHECK(aligned("├── 0.docs/     # see 0.docs/x\n├── 1.arch/     # A\n", {{"0.docs/", "docs/"}, {"0.docs/x", "docs/x"}}) ==
        "├── docs/       # see docs/x\n├── 1.arch/     # A\n");
  // Nor does one after an earlier comment.
  CHECK(aligned("cd 0.docs && ls   # see 1.arch/   # x\nls                                # z\n", {{"0.docs", "docs"}, {"1.arch/", "arch/"}}) ==
        "cd docs && ls   # see arch/   # x\nls                                # z\n");
  // A YAML list item's dash is not a comment before the word.
  CHECK(aligned("paths:\n  - '0.docs/**'       # docs\n  - '1.arch/**'       # arch\n", {{"0.docs/**", "docs/**"}}) ==
        "paths:\n  - 'docs/**'         # docs\n  - '1.arch/**'       # arch\n");
  // CRLF lines.
  CHECK(aligned("├── 0.docs/   # D\r\n├── 1.arch/   # A\r\n", {{"0.docs/", "docs/"}}) == "├── docs/     # D\r\n├── 1.arch/   # A\r\n");
}

TEST_CASE("comment columns: a comment right after a name that fills the column, in diagrams only", "[rewrite][columns]") {
  // As in awsome-distributed-ai's README: the longest name leaves no space before its comment.
  const std::string text =
      "├── 3.test_cases/                  # Reference test cases\n"
      "├── 4.validation_and_observability/# Tools to measure performance\n"
      "└── micro-benchmarks/              # Micro-benchmarks\n";
  std::vector<core::Edit> edits = edits_of(text, {{"4.validation_and_observability/", "validation_and_observability/"}});
  const std::pair<std::size_t, std::size_t> whole{0, text.size()};
  rewrite::keep_comment_columns(text, {&whole, 1}, edits, /*touching=*/true);
  CHECK(core::apply_edits(text, edits) ==
        "├── 3.test_cases/                  # Reference test cases\n"
        "├── validation_and_observability/  # Tools to measure performance\n"
        "└── micro-benchmarks/              # Micro-benchmarks\n");
  CHECK(edits[0].reason == "spaces before the comment 0 -> 2: it keeps its column");
  // In a script `dir/#` is one word; in a URL `#` starts a fragment: neither is a comment.
  CHECK(aligned(text, {{"4.validation_and_observability/", "validation_and_observability/"}}) ==
        "├── 3.test_cases/                  # Reference test cases\n"
        "├── validation_and_observability/# Tools to measure performance\n"
        "└── micro-benchmarks/              # Micro-benchmarks\n");
  const std::string links = "see 0.docs/a.md#usage\nsee 1.arch/b.md# usage\n";
  edits = edits_of(links, {{"0.docs/a.md", "docs/a.md"}});
  const std::pair<std::size_t, std::size_t> all{0, links.size()};
  rewrite::keep_comment_columns(links, {&all, 1}, edits, /*touching=*/true);
  CHECK(core::apply_edits(links, edits) == "see docs/a.md#usage\nsee 1.arch/b.md# usage\n");
}

TEST_CASE("comment columns: only lines inside the regions", "[rewrite][columns]") {
  const std::string text = "├── 0.docs/   # D\n├── 1.arch/   # A\n";
  std::vector<core::Edit> edits = edits_of(text, {{"0.docs/", "docs/"}});
  const std::pair<std::size_t, std::size_t> second{text.find("├── 1."), text.size()};
  rewrite::keep_comment_columns(text, {&second, 1}, edits);
  CHECK(core::apply_edits(text, edits) == "├── docs/   # D\n├── 1.arch/   # A\n");
}

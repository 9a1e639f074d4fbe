// Table columns: reference edits in a padded GitHub table get the whitespace edits that keep its `|` in
// one column; tables that were not aligned, or that no edit lands in, are left as they are.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "gitreorg/core/edit.hpp"
#include "gitreorg/markdown/markdown_scan.hpp"
#include "gitreorg/rewrite/table_columns.hpp"
#include "support/edits_of.hpp"

using namespace gitreorg;

namespace {

// The rewriters' edits these tests start from (Markdown links).
std::vector<core::Edit> edits_of(const std::string& text, const std::vector<std::pair<std::string, std::string>>& changes) {
  return testing::edits_of(text, changes, "markdown-link");
}

// `text` after `changes` and the padding edits md4c's tables get; `padding` receives those.
std::string padded(const std::string& text, const std::vector<std::pair<std::string, std::string>>& changes,
                   rewrite::TablePadding* padding = nullptr) {
  std::vector<core::Edit> edits = edits_of(text, changes);
  markdown::MarkdownScan scan = markdown::scan_markdown(text);
  rewrite::TablePadding p = rewrite::pad_tables(text, scan.tables, edits);
  for (const core::Edit& e : p.edits) {
    CHECK(e.kind == rewrite::kTablePadding);
    CHECK(e.replacement.find_first_not_of(" -") == std::string::npos);  // only spaces and dashes
  }
  std::vector<core::Edit> all = edits;
  all.insert(all.end(), p.edits.begin(), p.edits.end());
  if (padding) *padding = p;
  return core::apply_edits(text, all);
}

const std::string kTable =
    "# Layout\n"
    "\n"
    "| Directory                    | What                 |\n"
    "|------------------------------|----------------------|\n"
    "| `1.architectures`            | Cluster templates    |\n"
    "| [3.test_cases](3.test_cases) | Examples             |\n"
    "\n"
    "After.\n";

}  // namespace

TEST_CASE("table columns: md4c's tables are found with their lines and columns", "[rewrite][tables]") {
  markdown::MarkdownScan scan = markdown::scan_markdown(kTable + "\n| a | b | c |\n|---|---|---|\n");
  REQUIRE(scan.tables.size() == 2);
  CHECK(scan.tables[0].first_line == 3);
  CHECK(scan.tables[0].lines == 4);
  CHECK(scan.tables[0].columns == 2);
  CHECK(scan.tables[1].first_line == 10);
  CHECK(scan.tables[1].lines == 2);
  CHECK(scan.tables[1].columns == 3);
}

TEST_CASE("table columns: an aligned table is realigned after a shorter name", "[rewrite][tables]") {
  rewrite::TablePadding p;
  CHECK(padded(kTable, {{"1.architectures", "architectures"}, {"3.test_cases", "test_cases"}, {"3.test_cases", "test_cases"}}, &p) ==
        "# Layout\n"
        "\n"
        "| Directory                | What                 |\n"
        "|--------------------------|----------------------|\n"
        "| `architectures`          | Cluster templates    |\n"
        "| [test_cases](test_cases) | Examples             |\n"
        "\n"
        "After.\n");
  // The rows of the first column re-padded but the widest, whose one space stays; the second column untouched.
  CHECK(p.rows == 3);
  CHECK(p.edits.size() == 3);
}

TEST_CASE("table columns: an aligned table is realigned after a longer name", "[rewrite][tables]") {
  CHECK(padded(kTable, {{"1.architectures", "architectures-and-templates"}}) ==
        "# Layout\n"
        "\n"
        "| Directory                     | What                 |\n"
        "|-------------------------------|----------------------|\n"
        "| `architectures-and-templates` | Cluster templates    |\n"
        "| [3.test_cases](3.test_cases)  | Examples             |\n"
        "\n"
        "After.\n");
  // A change of width that the column's slack absorbs: only the edited row's spaces change.
  rewrite::TablePadding p;
  CHECK(padded(kTable, {{"1.architectures", "1.architectures-x"}}, &p) ==
        "# Layout\n"
        "\n"
        "| Directory                    | What                 |\n"
        "|------------------------------|----------------------|\n"
        "| `1.architectures-x`          | Cluster templates    |\n"
        "| [3.test_cases](3.test_cases) | Examples             |\n"
        "\n"
        "After.\n");
  CHECK(p.rows == 1);
}

TEST_CASE("table columns: a table that was not aligned stays as it is", "[rewrite][tables]") {
  const std::string text =
      "| Directory | What |\n"
      "|---|---|\n"
      "| `1.architectures` | Cluster templates |\n"
      "| [3.test_cases](3.test_cases) | Examples |\n";
  rewrite::TablePadding p;
  CHECK(padded(text, {{"1.architectures", "architectures"}}, &p) ==
        "| Directory | What |\n"
        "|---|---|\n"
        "| `architectures` | Cluster templates |\n"
        "| [3.test_cases](3.test_cases) | Examples |\n");
  CHECK(p.edits.empty());
  CHECK(p.rows == 0);
  // Aligned but for one row; without the outer pipes; with a tab: all left alone.
  for (const std::string& t : {std::string("| a.1  | b |\n|------|---|\n| a.1 | b |\n"),
                               std::string("a.1  | b\n-----|---\na.1  | b\n"),
                               std::string("| a.1  | b |\n|------|---|\n| a.1\t | b |\n")}) {
    INFO(t);
    rewrite::TablePadding q;
    std::string out = padded(t, {{"a.1", "a"}}, &q);
    CHECK(q.edits.empty());
  }
}

TEST_CASE("table columns: a row the author let stick out does not keep a table from being re-padded", "[rewrite][tables]") {
  // As in awsome-distributed-ai's README: a row added later whose last cell is wider than its
  // column, one a space off in the first; the header and the other rows in line with the delimiter row.
  const std::string text =
      "| Name                             | Usage      |\n"
      "| -------------------------------- | ---------- |\n"
      "| [`0.common`](./1.arch/0.common)  | Common     |\n"
      "| [`1.vpc`](./1.arch/1.vpc)         | Network    |\n"
      "| [`2.pc`](./1.arch/2.pc)          | Compute    |\n"
      "| [`3.batch`](./1.arch/3.batch)    | Batch      |\n"
      "| [`4.eks`](./1.arch/4.eks)        | EKS        |\n"
      "| [`pcs`](./arch/pcs)              | Parallel Computing Service |\n";
  rewrite::TablePadding p;
  std::string out = padded(text,
                           {{"`0.common`](./1.arch/0.common", "`common`](./arch/common"}, {"`1.vpc`](./1.arch/1.vpc", "`vpc`](./arch/vpc"},
                            {"`2.pc`](./1.arch/2.pc", "`pc`](./arch/pc"}, {"`3.batch`](./1.arch/3.batch", "`batch`](./arch/batch"},
                            {"`4.eks`](./1.arch/4.eks", "`eks`](./arch/eks"}},
                           &p);
  // The first column re-padded on every row, the row a space off included; the overflowing cell,
  // in the column no edit changed, stays as its author wrote it.
  CHECK(out ==
        "| Name                       | Usage      |\n"
        "| -------------------------- | ---------- |\n"
        "| [`common`](./arch/common)  | Common     |\n"
        "| [`vpc`](./arch/vpc)        | Network    |\n"
        "| [`pc`](./arch/pc)          | Compute    |\n"
        "| [`batch`](./arch/batch)    | Batch      |\n"
        "| [`eks`](./arch/eks)        | EKS        |\n"
        "| [`pcs`](./arch/pcs)        | Parallel Computing Service |\n");
  // Every edit shortens its cell by 6, as much as the column narrows: padding changes only on the
  // header, the delimiter row, the row a space off and the row no edit is on.
  CHECK(p.rows == 4);
  // Most rows out of line, or the header: left alone.
  for (const std::string& t : {std::string("| a.1  | b |\n|------|---|\n| a.1 | b |\n| a.1   | b |\n| a.1  | b |\n"),
                               std::string("| a.1   | b |\n|------|---|\n| a.1  | b |\n| a.1  | b |\n| a.1  | b |\n")}) {
    INFO(t);
    rewrite::TablePadding q;
    CHECK(padded(t, {{"a.1", "a"}}, &q) == t.substr(0, t.find("a.1")) + "a" + t.substr(t.find("a.1") + 3));
    CHECK(q.edits.empty());
  }
}

TEST_CASE("table columns: a table no edit lands in is untouched", "[rewrite][tables]") {
  const std::string text = kTable + "\nSee `1.architectures` for more.\n";
  rewrite::TablePadding p;
  std::vector<core::Edit> edits = edits_of(text, {{"See `1.architectures", "See `architectures"}});
  markdown::MarkdownScan scan = markdown::scan_markdown(text);
  p = rewrite::pad_tables(text, scan.tables, edits);
  CHECK(p.edits.empty());
  CHECK(p.rows == 0);
}

TEST_CASE("table columns: alignment markers are kept, right-aligned cells stay flush right", "[rewrite][tables]") {
  const std::string text =
      "| Directory       |  Files | Kind   |\n"
      "|:---------------:|-------:|:-------|\n"
      "| 1.architectures |     12 | infra  |\n"
      "| 3.test_cases    |      7 | tests  |\n";
  CHECK(padded(text, {{"1.architectures", "architectures-and-templates"}}) ==
        "| Directory                   |  Files | Kind   |\n"
        "|:---------------------------:|-------:|:-------|\n"
        "| architectures-and-templates |     12 | infra  |\n"
        "| 3.test_cases                |      7 | tests  |\n");
  CHECK(padded(text, {{"1.architectures", "arch"}, {"3.test_cases", "tc"}}) ==
        "| Directory |  Files | Kind   |\n"
        "|:---------:|-------:|:-------|\n"
        "| arch      |     12 | infra  |\n"
        "| tc        |      7 | tests  |\n");
  // A column's padding is whatever its cells have at least: two spaces here.
  const std::string wide =
      "|  Directory        |\n"
      "|-------------------|\n"
      "|  1.architectures  |\n";
  CHECK(padded(wide, {{"1.architectures", "arch"}}) ==
        "|  Directory  |\n"
        "|-------------|\n"
        "|  arch       |\n");
  // A right-aligned column of names: the spaces before each name make up the width.
  const std::string right =
      "|       Directory |\n"
      "|----------------:|\n"
      "| 1.architectures |\n"
      "|    3.test_cases |\n";
  CHECK(padded(right, {{"1.architectures", "architectures"}, {"3.test_cases", "test_cases"}}) ==
        "|     Directory |\n"
        "|--------------:|\n"
        "| architectures |\n"
        "|    test_cases |\n");
  // The delimiter row keeps three dashes at least.
  const std::string narrow =
      "| D        |\n"
      "|:--------:|\n"
      "| 1.docs/x |\n";
  CHECK(padded(narrow, {{"1.docs/x", "d"}}) ==
        "| D   |\n"
        "|:---:|\n"
        "| d   |\n");
}

TEST_CASE("table columns: an escaped pipe and a pipe in a code span are content", "[rewrite][tables]") {
  const std::string text =
      "| Command                    | Where           |\n"
      "|----------------------------|-----------------|\n"
      "| `ls 1.architectures \\| wc` | 1.architectures |\n"
      "| `a|b` or a \\| b            | 3.test_cases    |\n";
  CHECK(padded(text, {{"1.architectures", "architectures"}, {"1.architectures", "architectures"}}) ==
        "| Command                  | Where         |\n"
        "|--------------------------|---------------|\n"
        "| `ls architectures \\| wc` | architectures |\n"
        "| `a|b` or a \\| b          | 3.test_cases  |\n");
  // An edit that would write a `|` changes the table's cells: it is left as it is.
  rewrite::TablePadding p;
  padded(text, {{"1.architectures", "a|b"}}, &p);
  CHECK(p.edits.empty());
}

TEST_CASE("table columns: widths are display columns (CJK two, accents one)", "[rewrite][tables]") {
  // `目录` is 6 bytes and 4 columns, `é` 2 bytes and 1 column: the table is aligned on screen.
  const std::string text =
      "| 目录            | Café |\n"
      "|-----------------|------|\n"
      "| 1.architectures | ok   |\n"
      "| 3.test_cases    | é    |\n";
  CHECK(padded(text, {{"1.architectures", "架构"}, {"3.test_cases", "测试用例"}}) ==
        "| 目录     | Café |\n"
        "|----------|------|\n"
        "| 架构     | ok   |\n"
        "| 测试用例 | é    |\n");
  // Not aligned in display columns (aligned in bytes): left alone.
  const std::string bytes =
      "| 目录 | x |\n"
      "|--------|---|\n"
      "| 1.arch | x |\n";
  rewrite::TablePadding p;
  padded(bytes, {{"1.arch", "arch"}}, &p);
  CHECK(p.edits.empty());
}

TEST_CASE("table columns: an empty cell is padded, CRLF rows keep their line ends, indented tables too", "[rewrite][tables]") {
  const std::string text =
      "  | Directory       | Note |\r\n"
      "  | --------------- | ---- |\r\n"
      "  | 1.architectures |      |\r\n"
      "  |                 | x    |\r\n";
  CHECK(padded(text, {{"1.architectures", "architectures"}}) ==
        "  | Directory     | Note |\r\n"
        "  | ------------- | ---- |\r\n"
        "  | architectures |      |\r\n"
        "  |               | x    |\r\n");
}

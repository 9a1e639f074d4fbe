// Padded Markdown tables stay padded: when reference edits change the width of cells of a GitHub table
// whose `|` were in one column on every row, whitespace edits (and the delimiter row's dashes) bring
// them back into one column, as a maintainer re-padding the table by hand would.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "gitreorg/core/edit.hpp"
#include "gitreorg/markdown/markdown_scan.hpp"

namespace gitreorg::rewrite {

// The edit kind of the whitespace edits: layout, not a reference (never counted as an edit).
inline constexpr std::string_view kTablePadding = "table-padding";

struct TablePadding {
  std::vector<core::Edit> edits;  // kind kTablePadding, not overlapping `edits` nor each other
  std::size_t rows = 0;           // the table rows they change
};

// The padding edits that keep the tables of `text` (md4c's, markdown::MarkdownScan::tables) aligned
// after `edits` (the file's reference edits: sorted, not overlapping). A table qualifies when an edit
// lies in it and, before the edits, every row starts and ends with a `|`, has one `|` more than md4c's
// column count (an escaped `\|` or one in a code span is content), no tab, and the header and at
// least two thirds of the other rows (all when there are one or two) have their `|` at the delimiter
// row's display columns (core::display_width); each of its edits lies within one cell's
// content and writes no `|`, tab or line break. Each column with an edit then takes the width of its
// widest cell after the edits plus the column's padding (the fewest spaces any cell has on each side),
// never less than its delimiter cell needs; a cell that was flush left stays so (its trailing spaces
// change), one flush right likewise (its leading spaces), an empty cell becomes spaces, the delimiter
// cell keeps its spaces and `:` and changes its dashes. A table that does not qualify gets no edits.
TablePadding pad_tables(std::string_view text, std::span<const markdown::MarkdownTable> tables,
                        std::span<const core::Edit> edits);

}  // namespace gitreorg::rewrite

// Table columns. A GitHub table written padded has every `|` of a column at one display column; a
// path rewritten in one of its cells moves the `|` after it on that row only. md4c says where tables
// are (their lines and column count); the cells are split here the way md4c splits them (a `\|` and a
// `|` inside a code span are content, not delimiters), and the split is trusted only when it has
// md4c's column count on every row.
//
// The test of "was aligned" is strict (the header's and most rows' `|` at the delimiter row's display
// columns, a `|` at both ends, no tab): a table that was not aligned by its author is left as it is,
// since re-padding it would change lines no reference is on for a layout nobody asked for.
#include "gitreorg/rewrite/table_columns.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include "gitreorg/core/utf8.hpp"

namespace gitreorg::rewrite {
namespace {

struct Row {
  std::size_t begin = 0, end = 0;  // the line, without its `\r\n`
  std::vector<std::size_t> pipes;  // offsets of its delimiter `|`s
};

// The offsets of the delimiter `|`s of `line` (at `base`), as md4c reads a table row.
std::vector<std::size_t> delimiters(std::string_view line, std::size_t base) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < line.size();) {
    char c = line[i];
    if (c == '\\') {
      i += 2;  // `\|` (and any escaped byte) is content
    } else if (c == '`') {
      std::size_t run = line.find_first_not_of('`', i);
      if (run == std::string_view::npos) run = line.size();
      std::size_t n = run - i;
      // A code span ends at the next run of exactly as many backticks; without one the run is text.
      std::size_t close = run;
      for (;;) {
        close = line.find('`', close);
        if (close == std::string_view::npos) break;
        std::size_t close_end = line.find_first_not_of('`', close);
        if (close_end == std::string_view::npos) close_end = line.size();
        if (close_end - close == n) break;
        close = close_end;
      }
      i = close == std::string_view::npos ? run : close + n;
    } else {
      if (c == '|') out.push_back(base + i);
      ++i;
    }
  }
  return out;
}

std::size_t width(std::string_view s) { return core::display_width(s); }

// Spaces at the start and at the end of `s` (all of it counted as leading when it is all spaces).
std::size_t leading(std::string_view s) {
  std::size_t n = s.find_first_not_of(' ');
  return n == std::string_view::npos ? s.size() : n;
}
std::size_t trailing(std::string_view s) {
  std::size_t n = s.find_last_not_of(' ');
  return n == std::string_view::npos ? 0 : s.size() - 1 - n;
}

// A delimiter cell: spaces, an optional `:`, dashes, an optional `:`, spaces.
struct DelimiterCell {
  std::size_t lead = 0, colons = 0, dashes = 0, trail = 0;
  std::size_t dash_offset = 0;  // in the text
};
std::optional<DelimiterCell> delimiter_cell(std::string_view s, std::size_t base) {
  DelimiterCell d;
  d.lead = leading(s);
  d.trail = trailing(s);
  if (d.lead == s.size()) return std::nullopt;
  std::string_view core = s.substr(d.lead, s.size() - d.lead - d.trail);
  if (core.starts_with(':')) {
    ++d.colons;
    core.remove_prefix(1);
  }
  std::size_t dash_start = s.size() - d.trail - core.size();
  if (core.ends_with(':')) {
    ++d.colons;
    core.remove_suffix(1);
  }
  if (core.empty() || core.find_first_not_of('-') != std::string_view::npos) return std::nullopt;
  d.dashes = core.size();
  d.dash_offset = base + dash_start;
  return d;
}

// One table's padding edits, or nothing when it does not qualify.
std::optional<TablePadding> pad_table(std::string_view text, const std::vector<Row>& rows, unsigned columns,
                                      std::span<const core::Edit> edits, int first_line) {
  // Aligned: every row has a `|` at both ends and md4c's column count; the header's `|` are at the
  // delimiter row's columns, and so are those of at least two thirds of the other rows (all of them
  // when there are one or two). The rest are rows the author let stick out (a cell wider than its
  // column, a miscounted space); re-padding a column puts theirs in line too.
  std::vector<std::vector<std::size_t>> at(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    std::string_view line = text.substr(r.begin, r.end - r.begin);
    if (line.find('\t') != std::string_view::npos || r.pipes.size() != columns + 1) return std::nullopt;
    std::size_t first = line.find_first_not_of(' '), last = line.find_last_not_of(' ');
    if (first == std::string_view::npos || r.pipes.front() != r.begin + first || r.pipes.back() != r.begin + last)
      return std::nullopt;
    for (std::size_t p : r.pipes) at[i].push_back(width(text.substr(r.begin, p - r.begin)));
  }
  if (at[0] != at[1]) return std::nullopt;
  std::size_t data = rows.size() - 2, in_line = 0;
  for (std::size_t i = 2; i < rows.size(); ++i) in_line += at[i] == at[1];
  if (data <= 2 ? in_line != data : in_line * 3 < data * 2) return std::nullopt;
  std::vector<DelimiterCell> delims;
  for (unsigned c = 0; c < columns; ++c) {
    std::size_t b = rows[1].pipes[c] + 1, e = rows[1].pipes[c + 1];
    auto d = delimiter_cell(text.substr(b, e - b), b);
    if (!d) return std::nullopt;
    delims.push_back(*d);
  }
  // Each cell's content and its width after the edits; every edit inside one cell's content.
  struct Cell {
    std::size_t begin = 0, end = 0;  // between the `|`s
    std::size_t lead = 0, trail = 0, old_width = 0, new_width = 0;
    bool empty = false;
  };
  std::vector<std::vector<Cell>> cells(rows.size());
  std::vector<bool> changed(columns, false);
  auto e = std::lower_bound(edits.begin(), edits.end(), rows.front().begin,
                            [](const core::Edit& x, std::size_t off) { return x.offset + x.length <= off; });
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    for (unsigned c = 0; c < columns; ++c) {
      Cell cell;
      cell.begin = r.pipes[c] + 1;
      cell.end = r.pipes[c + 1];
      std::string_view s = text.substr(cell.begin, cell.end - cell.begin);
      cell.lead = leading(s);
      cell.empty = cell.lead == s.size();
      cell.trail = cell.empty ? 0 : trailing(s);
      cell.old_width = width(s.substr(cell.lead, s.size() - cell.lead - cell.trail));
      cell.new_width = cell.old_width;
      cells[i].push_back(cell);
    }
    // The edits on this row.
    for (; e != edits.end() && e->offset < r.end + 1; ++e) {
      if (e->offset < r.begin || e->offset + e->length > r.end || i == 1) return std::nullopt;
      if (e->replacement.find_first_of("|\t\r\n") != std::string::npos) return std::nullopt;
      auto in = std::find_if(cells[i].begin(), cells[i].end(), [&](const Cell& x) {
        return !x.empty && x.begin + x.lead <= e->offset && e->offset + e->length <= x.end - x.trail;
      });
      if (in == cells[i].end()) return std::nullopt;
      in->new_width = in->new_width + width(e->replacement) - width(text.substr(e->offset, e->length));
      if (in->new_width != in->old_width) changed[static_cast<std::size_t>(in - cells[i].begin())] = true;
    }
  }

  TablePadding out;
  std::vector<bool> row_changed(rows.size(), false);
  auto add = [&](std::size_t row, std::size_t offset, std::size_t length, std::string replacement) {
    std::string_view was = text.substr(offset, length);
    if (was == replacement) return;
    out.edits.push_back(core::Edit{offset, length, std::move(replacement), first_line + static_cast<int>(row),
                                   std::string(kTablePadding), std::string(was), ""});
    row_changed[row] = true;
  };
  for (unsigned c = 0; c < columns; ++c) {
    if (!changed[c]) continue;
    // The column's padding: the fewest spaces a cell with content has on each side.
    std::size_t pad_left = SIZE_MAX, pad_right = SIZE_MAX;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (i == 1 || cells[i][c].empty) continue;
      pad_left = std::min(pad_left, cells[i][c].lead);
      pad_right = std::min(pad_right, cells[i][c].trail);
    }
    const DelimiterCell& d = delims[c];
    std::size_t wanted = d.lead + d.colons + std::min<std::size_t>(d.dashes, 3) + d.trail;
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (i != 1 && !cells[i][c].empty) wanted = std::max(wanted, pad_left + cells[i][c].new_width + pad_right);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const Cell& cell = cells[i][c];
      if (i == 1) {
        add(i, d.dash_offset, d.dashes, std::string(wanted - d.lead - d.colons - d.trail, '-'));
      } else if (cell.empty) {
        add(i, cell.begin, cell.end - cell.begin, std::string(wanted, ' '));
      } else if (cell.lead == pad_left) {  // flush left: the spaces after it make up the width
        add(i, cell.end - cell.trail, cell.trail, std::string(wanted - cell.lead - cell.new_width, ' '));
      } else if (cell.trail == pad_right) {  // flush right: the spaces before it
        add(i, cell.begin, cell.lead, std::string(wanted - cell.trail - cell.new_width, ' '));
      } else {
        return std::nullopt;  // centred by hand: how to re-centre it is a guess
      }
    }
  }
  out.rows = static_cast<std::size_t>(std::count(row_changed.begin(), row_changed.end(), true));
  return out;
}

}  // namespace

TablePadding pad_tables(std::string_view text, std::span<const markdown::MarkdownTable> tables,
                        std::span<const core::Edit> edits) {
  TablePadding out;
  if (tables.empty() || edits.empty()) return out;
  core::LineIndex lines(text);
  std::size_t done = 0;  // where the last table padded ends: tables never share a line
  for (const markdown::MarkdownTable& t : tables) {
    if (t.lines < 2 || t.columns == 0) continue;
    std::vector<Row> rows;
    for (int k = 0; k < t.lines; ++k) {
      Row r;
      r.begin = lines.offset(t.first_line + k);
      if (k > 0 && r.begin <= rows.back().begin) break;  // past the end of the text
      r.end = text.find('\n', r.begin);
      if (r.end == std::string_view::npos) r.end = text.size();
      if (r.end > r.begin && text[r.end - 1] == '\r') --r.end;
      rows.push_back(std::move(r));
    }
    if (rows.size() != static_cast<std::size_t>(t.lines) || rows.front().begin < done) continue;
    // Nothing to do unless an edit lies in the table.
    auto first = std::lower_bound(edits.begin(), edits.end(), rows.front().begin,
                                  [](const core::Edit& x, std::size_t off) { return x.offset + x.length <= off; });
    if (first == edits.end() || first->offset >= rows.back().end) continue;
    for (Row& r : rows) r.pipes = delimiters(text.substr(r.begin, r.end - r.begin), r.begin);
    if (auto p = pad_table(text, rows, t.columns, edits, t.first_line)) {
      done = rows.back().end;
      for (core::Edit& e : p->edits) out.edits.push_back(std::move(e));
      out.rows += p->rows;
    }
  }
  return out;
}

}  // namespace gitreorg::rewrite

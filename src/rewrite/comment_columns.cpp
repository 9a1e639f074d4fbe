// Comment columns. A tree diagram or a block of aligned code has its comments in one column; a path
// rewritten on one of its lines moves that line's comment by the change in width, unless the spaces
// before it change by as much the other way. Widths are display columns (core::display_width), since
// the `├──` before a name is three bytes but one column each.
//
// Only a comment that is in the comment column is moved back to it: another comment at the same column
// on a line nearby (the run of non-blank lines, a code block's usually) shows there is a column to keep.
// A lone comment (`cd docs  # go`) keeps its spaces, so the two a style guide asks for stay two.
#include "gitreorg/rewrite/comment_columns.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "gitreorg/core/utf8.hpp"

namespace gitreorg::rewrite {
namespace {

// Lines looked at above and below a line for another comment in its column.
constexpr std::size_t kNeighbourLines = 100;
// Closing quotes and brackets between a rewritten path and the spaces (`"0.docs/x",   # docs`).
constexpr std::size_t kMaxClosers = 3;

bool closer(char c) { return c == '"' || c == '\'' || c == '`' || c == ')' || c == ']' || c == '}' || c == ','; }

struct Line {
  std::size_t begin = 0, end = 0;  // end: before the `\n` (and a `\r` before it)
};

Line line_at(std::string_view text, std::size_t offset) {
  Line l;
  l.begin = offset == 0 ? 0 : text.rfind('\n', offset - 1) + 1;  // npos + 1 == 0
  l.end = text.find('\n', offset);
  if (l.end == std::string_view::npos) l.end = text.size();
  if (l.end > l.begin && text[l.end - 1] == '\r') --l.end;
  return l;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r") == std::string_view::npos; }

// `line` has a comment marker after a space, starting at display column `col` (0-based).
bool comment_at(std::string_view line, std::size_t col) {
  std::size_t width = 0, i = 0;
  while (i < line.size() && width < col) {
    if (line[i] == '\t') return false;  // columns after a tab depend on the tab stops
    std::size_t n = std::max<std::size_t>(1, core::utf8_sequence_length(line.substr(i)));
    width += core::display_width(line.substr(i, n));
    i += n;
  }
  return width == col && i > 0 && i < line.size() && line[i - 1] == ' ' && comment_marker_length(line.substr(i)) > 0;
}

// Another line of the same run of non-blank lines as `l` has a comment at display column `col`.
bool column_shared(std::string_view text, Line l, std::size_t col) {
  Line up = l;
  for (std::size_t n = 0; n < kNeighbourLines && up.begin > 0; ++n) {
    up = line_at(text, up.begin - 1);
    std::string_view s = text.substr(up.begin, up.end - up.begin);
    if (blank(s)) break;
    if (comment_at(s, col)) return true;
  }
  Line down = l;
  for (std::size_t n = 0; n < kNeighbourLines; ++n) {
    std::size_t next = text.find('\n', down.end);
    if (next == std::string_view::npos || next + 1 >= text.size()) break;
    down = line_at(text, next + 1);
    std::string_view s = text.substr(down.begin, down.end - down.begin);
    if (blank(s)) break;
    if (comment_at(s, col)) return true;
  }
  return false;
}

// A comment starts in text[from, to): `#`, `//`, `/*` or `<!--` after a space. Dashes and arrows are
// not counted: before a word they are a list item (`  - 0.docs/**   # docs`) or an arrow (`a -> b`).
bool comment_in(std::string_view text, std::size_t from, std::size_t to) {
  for (std::size_t p = from + 1; p < to; ++p) {
    if (text[p - 1] != ' ') continue;
    std::string_view s = text.substr(p, to - p);
    if (s.starts_with('#') || s.starts_with("//") || s.starts_with("/*") || s.starts_with("<!--")) return true;
  }
  return false;
}

// The region holding [begin, end), if any (regions in source order).
const std::pair<std::size_t, std::size_t>* region_of(std::span<const std::pair<std::size_t, std::size_t>> regions,
                                                     std::size_t begin, std::size_t end) {
  auto it = std::upper_bound(regions.begin(), regions.end(), begin,
                             [](std::size_t off, const std::pair<std::size_t, std::size_t>& r) { return off < r.first; });
  if (it == regions.begin()) return nullptr;
  --it;
  return it->first <= begin && end <= it->second ? &*it : nullptr;
}

std::string spaces_reason(std::size_t from, std::size_t to, bool in_column) {
  return "spaces before the comment " + std::to_string(from) + " -> " + std::to_string(to) +
         (in_column ? ": it keeps its column" : ": the line is too long for the comment's column");
}

}  // namespace

std::size_t comment_marker_length(std::string_view s) {
  static constexpr std::string_view kMarkers[] = {"<!--", "//", "/*", "<-", "->", "\xE2\x86\x90" /* ← */,
                                                  "\xE2\x86\x92" /* → */, "#"};
  for (std::string_view m : kMarkers)
    if (s.starts_with(m)) return m.size();
  // A dash is a comment only as a separator (`docs/   - Documentation`), not as an option (`-v`).
  static constexpr std::string_view kDashes[] = {"-- ", "- ", "\xE2\x80\x94 " /* — */, "\xE2\x80\x93 " /* – */};
  for (std::string_view d : kDashes)
    if (s.starts_with(d)) return d.size() - 1;
  return 0;
}

void keep_comment_columns(std::string_view text, std::span<const std::pair<std::size_t, std::size_t>> regions,
                          std::vector<core::Edit>& edits, bool touching) {
  std::vector<std::size_t> order(edits.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return edits[a].offset < edits[b].offset; });
  for (std::size_t first = 0; first < order.size();) {
    Line l = line_at(text, edits[order[first]].offset);
    // The edits of this line; one that spans lines or writes a line break leaves the line as it is.
    std::size_t last = first;
    bool one_line = true;
    for (; last < order.size() && edits[order[last]].offset <= l.end; ++last) {
      const core::Edit& e = edits[order[last]];
      if (e.offset + e.length > l.end || e.replacement.find('\n') != std::string::npos) one_line = false;
    }
    std::size_t line_first = first;
    first = last;
    if (!one_line) continue;
    // The edit the comment follows: the first one after which come spaces and a marker, and none
    // before it (edits after it, or after an earlier comment, are inside a comment).
    std::size_t at = last, run = 0, marker = 0;
    for (std::size_t k = line_first; k < last && at == last; ++k) {
      const core::Edit& e = edits[order[k]];
      if (comment_in(text, l.begin, e.offset)) break;
      std::size_t after = e.offset + e.length;
      const std::pair<std::size_t, std::size_t>* region = region_of(regions, e.offset, after);
      if (!region) continue;
      std::size_t limit = std::min(l.end, region->second);
      run = after;
      while (run < limit && run - after < kMaxClosers && closer(text[run])) ++run;
      marker = run;
      while (marker < limit && text[marker] == ' ') ++marker;
      if (marker >= limit || comment_marker_length(text.substr(marker, limit - marker)) == 0) continue;
      // A comment right after the word (`observability/# Tools`) only where it can be nothing else:
      // followed by a space, and where `touching` says no shell or YAML reads the line.
      if (marker > run || (touching && run == after && text.substr(marker).starts_with("# "))) at = k;
    }
    if (at == last) continue;
    core::Edit& tail = edits[order[at]];
    std::size_t after = tail.offset + tail.length;
    std::string_view before = text.substr(l.begin, marker - l.begin);
    if (before.find('\t') != std::string_view::npos) continue;
    std::size_t col = core::display_width(before);
    if (!column_shared(text, l, col)) continue;
    // How much wider the line is before its comment after the edits.
    std::ptrdiff_t grown = 0;
    for (std::size_t k = line_first; k <= at; ++k) {
      const core::Edit& e = edits[order[k]];
      grown += static_cast<std::ptrdiff_t>(core::display_width(e.replacement)) -
               static_cast<std::ptrdiff_t>(core::display_width(text.substr(e.offset, e.length)));
    }
    if (grown == 0) continue;
    auto had = static_cast<std::ptrdiff_t>(marker - run);
    std::ptrdiff_t keep = std::min<std::ptrdiff_t>(had, 2);
    auto want = static_cast<std::size_t>(std::max(had - grown, keep));
    if (want == static_cast<std::size_t>(had)) continue;
    tail.original += text.substr(after, marker - after);
    tail.replacement += text.substr(after, run - after);
    tail.replacement.append(want, ' ');
    tail.length = marker - tail.offset;
    std::string why = spaces_reason(static_cast<std::size_t>(had), want, static_cast<std::ptrdiff_t>(want) == had - grown);
    tail.reason = tail.reason.empty() ? why : tail.reason + "; " + why;
  }
}

}  // namespace gitreorg::rewrite

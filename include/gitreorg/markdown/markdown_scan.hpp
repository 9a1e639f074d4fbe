// The one Markdown link finder (md4c, not regexes), shared by the rewriter and the link checker.
// It reports every link destination with the exact byte range of its raw text in the source, so an
// edit can replace those bytes and nothing else; and every heading and explicit HTML anchor.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gitreorg/markdown/link_path.hpp"

namespace gitreorg::markdown {

// Packed (one string, small fields together): a plan of a large repository holds hundreds of
// thousands of these in the scan cache.
struct MarkdownLink {
  enum class Kind : std::uint8_t { link, image, definition, html };
  Kind kind = Kind::link;
  Syntax syntax = Syntax::markdown;  // how the raw bytes are written
  // False when md4c resolved a destination (escapes, entities) whose raw bytes could not be found:
  // offset/length are then meaningless and the link must not be edited.
  bool located = true;
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in bytes, of `offset` (when located)
  // The raw destination bytes in the source (inside `<...>` for angle destinations).
  std::size_t offset = 0;
  std::size_t length = 0;
  // Located: the raw bytes, as written. Not located: the destination md4c resolved (escapes and
  // entities resolved, still percent-encoded), the nearest there is to what was written.
  std::string raw;
};

// `link`'s destination with escapes and entities resolved, still percent-encoded.
std::string resolved_destination(const MarkdownLink& link);

struct Heading {
  int level = 0;
  std::string text;  // the heading's text content (what GitHub slugs)
  int line = 0;
};

// md4c 0.4 spends time proportional to (links x lines) of a paragraph on its inline links, so one
// paragraph of 100k lines with a link on each takes minutes. Documents whose paragraphs add up to
// more than this much work are not parsed (MarkdownScan::skipped says why); real documents stay
// orders of magnitude below it.
inline constexpr double kMaxInlineWork = 4e9;
// An upper bound of md4c's inline-link work: per run of non-blank lines, lines x possible links.
double inline_work(std::string_view text);

// A GitHub table as md4c reads it: rows are one line each, so its lines are the header row on
// `first_line` (1-based), the delimiter row, then the body rows: `lines` in all, `columns` cells a row.
struct MarkdownTable {
  int first_line = 0;
  int lines = 0;
  unsigned columns = 0;
};

struct MarkdownScan {
  std::string skipped;  // non-empty: the document was not scanned (too complex for md4c), and why
  std::vector<MarkdownLink> links;  // in source order (unlocated ones last)
  std::vector<Heading> headings;
  std::vector<std::string> html_anchors;  // `<a name="...">` and `id="..."` values
  // Byte ranges [begin, end) of the text of code spans and code blocks, in source order, for the
  // path mentions in Markdown code. Only when `code_read`: false when the document was skipped or
  // parsed from a sanitized copy (then rewrite::markdown_code_ranges parses the bytes as they are).
  std::vector<std::pair<std::size_t, std::size_t>> code;
  bool code_read = false;
  // The text of HTML comments (between `<!--` and `-->`), in source order: translation headers such as
  // `<!-- source_file: 1.1 The CIA triad.md -->` name files too.
  std::vector<std::pair<std::size_t, std::size_t>> comments;
  // The plain text outside code, links and images (`prose`) and of headings (`heading_prose`), in
  // source order, only when `code_read`: old directory names in sentences and tables
  // (`the 5.sagemaker-hyperpod directory`). Headings apart, since their text makes their anchors.
  std::vector<std::pair<std::size_t, std::size_t>> prose;
  std::vector<std::pair<std::size_t, std::size_t>> heading_prose;
  // The tables with any text in them, in source order (for the rewriter that keeps padded tables aligned).
  std::vector<MarkdownTable> tables;
};

// Finds links in a CommonMark + GitHub tables document: inline links and images, reference
// definitions (used or not), autolinks, and href/src/srcset attributes of raw HTML. Links inside code
// spans and code blocks are not links.
MarkdownScan scan_markdown(std::string_view text);

// `.md`, `.markdown`, `.mdx` (any case).
bool is_markdown_path(std::string_view path);

}  // namespace gitreorg::markdown

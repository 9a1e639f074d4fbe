// The one test of "is this UTF-8", by utf8proc: the journal, the JSON output and the Markdown scanner
// all take paths, ref names and file contents that are bytes and need to know which are UTF-8. Also how
// wide UTF-8 text is on screen, for the rewriter that keeps comments in their column.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gitreorg::core {

// The length of the UTF-8 sequence at the start of `s`, or 0 if `s` is empty or does not start with
// one. As utf8proc_iterate: overlong forms, surrogates (U+D800..U+DFFF) and code points past U+10FFFF
// are not UTF-8; NUL and the noncharacters (U+FFFE, ...) are.
std::size_t utf8_sequence_length(std::string_view s);

// `s` is valid UTF-8 throughout (see utf8_sequence_length).
bool valid_utf8(std::string_view s);

// `s` with every byte that is not part of a valid UTF-8 sequence replaced by `replacement`: same
// length, same offsets, the valid sequences untouched.
std::string sanitize_utf8(std::string_view s, char replacement = '?');

// The columns `s` takes in a monospace display: per code point utf8proc's width (1; 2 for East Asian
// wide characters; 0 for combining marks and controls), 1 for each byte that is not UTF-8. Box-drawing
// characters (`├──`) are one column each, though three bytes.
std::size_t display_width(std::string_view s);

}  // namespace gitreorg::core

// Where a Markdown link destination's raw bytes are: the scanner's fallback when md4c hands over a
// decoded copy instead of a pointer into the text (escapes, entities).
#pragma once

#include <cstddef>
#include <string_view>

namespace gitreorg::markdown {

struct RawDestination {
  std::size_t offset = 0, length = 0;
  bool angle = false;
  bool ok = false;
};

// Parses a Markdown link destination starting at `pos` (whitespace before it, and at most one line
// break, are skipped). `stop_at_paren`: inline links end at an unbalanced `)`.
RawDestination parse_destination(std::string_view text, std::size_t pos, bool stop_at_paren);

}  // namespace gitreorg::markdown

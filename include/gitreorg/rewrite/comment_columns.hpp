// Trailing comments keep their column: when a rewrite makes a line of a tree diagram or of aligned code
// shorter or longer, the spaces before the line's comment grow or shrink so that `# Documentation`
// still lines up with the comments of the lines around it, as a maintainer editing by hand would leave it.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "gitreorg/core/edit.hpp"

namespace gitreorg::rewrite {

// The length of the comment marker `s` starts with, or 0: `#`, `//`, `/*`, `<!--`, `<-`, `->`, `←`,
// `→`, or a dash (`-`, `--`, `—`, `–`) followed by a space.
std::size_t comment_marker_length(std::string_view s);

// Adjusts `edits` (on `text`, not overlapping, any order) so that trailing comments keep their display
// column. A line qualifies when it lies in one of `regions` (byte ranges in source order where columns
// mean something: a whole script, a line of a Markdown code block), its edits change its width, and after its last
// edit come (past at most a few closing quotes or brackets) a run of spaces and a comment marker in the
// column where a neighbouring line (in the same run of non-blank lines) has a comment too: the comment
// column. A lone comment keeps the spaces it had; so does a line with a tab before its comment.
// The last edit is extended over the spaces (its `original` and `replacement` are the bytes it now
// covers, its `reason` says why), so a line still has one edit per reference: the spaces become what
// brings the comment back to its column, never fewer than it had or two, whichever is less.
// `touching`: also a `# ` comment right after a word, no space between (`observability/# Tools`, in a
// diagram whose longest name fills the column); only for text no shell or YAML parser reads that way
// (Markdown code blocks), since there `word/#` is one word, not a word and a comment.
void keep_comment_columns(std::string_view text, std::span<const std::pair<std::size_t, std::size_t>> regions,
                          std::vector<core::Edit>& edits, bool touching = false);

}  // namespace gitreorg::rewrite

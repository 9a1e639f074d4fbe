// Edits as values: a rewriter never changes text itself, it returns byte ranges to replace, so every
// byte outside an edit (line endings, BOM, trailing spaces, a missing final newline) stays as it was.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gitreorg::core {

// Replace `length` bytes at `offset` by `replacement`.
struct Edit {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::string replacement;
  int line = 0;          // 1-based line of `offset` (for reports)
  std::string kind;      // an edit kind of a row of the table of kinds (rewrite/reference_kind.hpp)
  std::string original;  // the bytes replaced (for reports: old -> new)
  std::string reason;    // why, when it is more than a path following its target (for reports; may be empty)
};

// Applies `edits` (any order; they must not overlap and must lie inside `text`, else
// std::invalid_argument). Everything outside the edits is copied byte for byte.
std::string apply_edits(std::string_view text, std::vector<Edit> edits);

// Maps byte offsets of one text to 1-based lines and columns.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  int line(std::size_t offset) const;
  int column(std::size_t offset) const;  // 1-based, in bytes
  std::size_t offset(int line) const;    // where the 1-based `line` starts (past the end: the last line's start)

 private:
  std::vector<std::size_t> starts_;
};

}  // namespace gitreorg::core

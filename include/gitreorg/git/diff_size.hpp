// How long one file's diff is, as `git diff` prints it: lines and bytes.
#pragma once

#include <string_view>

#include "gitreorg/core/diff_size.hpp"

namespace gitreorg::git {

// The diff of a file from `before` at `old_path` to `after` at `new_path` (3 lines of context,
// xdiff as in git). A binary file (a NUL in its first 8,000 bytes) has no lines, only its headers.
// An empty path is a side that does not exist (an added or a deleted file).
core::DiffSize diff_size(std::string_view old_path, std::string_view before, std::string_view new_path, std::string_view after);

}  // namespace gitreorg::git

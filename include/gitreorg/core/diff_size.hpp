// The size of one file's diff, as `git diff` prints it.
#pragma once

#include <cstddef>

namespace gitreorg::core {

struct DiffSize {
  std::size_t lines = 0;  // lines of its hunks: context, removed and added (what a diff view shows)
  std::size_t bytes = 0;  // bytes of its patch, the file and hunk headers included
};

}  // namespace gitreorg::core

// A tree entry's mode as git reads it (canon_mode in git's tree-walk.c): old git wrote regular files
// 100664; git reads any regular file as 100644 or 100755 and never writes another mode.
#pragma once

#include <cstdint>

namespace gitreorg::git {

inline std::uint32_t canonical_mode(std::uint32_t mode) {
  return (mode & 0170000) == 0100000 ? ((mode & 0100) ? 0100755u : 0100644u) : mode;
}

}  // namespace gitreorg::git

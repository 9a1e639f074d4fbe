// A commit's tree as plain data: the planner's input.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gitreorg::core {

// git's file modes for tree entries.
enum FileMode : std::uint32_t {
  kModeFile = 0100644,
  kModeExecutable = 0100755,
  kModeSymlink = 0120000,
  kModeGitlink = 0160000,
};

struct TreeEntry {
  std::string path;  // repository-relative, `/`-separated
  std::uint32_t mode = kModeFile;
  std::string oid;  // hex object id (blob, or commit for gitlinks)
};

// Sorted by path (byte order), no directories: those are implied by the paths.
using Tree = std::vector<TreeEntry>;

std::string mode_name(std::uint32_t mode);  // "file", "executable", "symlink", "submodule"

}  // namespace gitreorg::core

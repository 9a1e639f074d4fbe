// What the reference rewriter hands the executor: the new content of a file in the new layout.
#pragma once

#include <cstdint>
#include <string>

namespace gitreorg::exec {

// Commit 2 ("Update references") is the tree of commit 1 with these files' blobs replaced.
struct ContentChange {
  std::string path;     // new (post-move) repository path of a file in commit 1's tree
  std::string content;  // its new bytes (for a symlink: the new target)
  std::uint32_t mode = 0100644;
};

}  // namespace gitreorg::exec

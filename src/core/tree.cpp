// Names of git file modes, for plans and listings.
#include "gitreorg/core/tree.hpp"

namespace gitreorg::core {

std::string mode_name(std::uint32_t mode) {
  switch (mode) {
    case kModeExecutable: return "executable";
    case kModeSymlink: return "symlink";
    case kModeGitlink: return "submodule";
    default: return "file";
  }
}

}  // namespace gitreorg::core

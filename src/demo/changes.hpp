// What one commit of the demo writes: each path's new content and mode.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "gitreorg/core/tree.hpp"

namespace gitreorg::demo {

struct FileVersion {
  std::string bytes;  // the content, or the target of a symlink
  std::uint32_t mode = core::kModeFile;
};

using Changes = std::map<std::string, FileVersion>;  // by path

}  // namespace gitreorg::demo

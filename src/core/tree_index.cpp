// The tree index: every file, and every directory its paths imply.
#include "gitreorg/core/tree_index.hpp"

#include "gitreorg/core/path.hpp"

namespace gitreorg::core {

TreeIndex::TreeIndex(const Tree& tree) : tree_(tree) {
  for (std::size_t i = 0; i < tree.size(); ++i) {
    std::string_view p = tree[i].path;
    files_.emplace(p, i);
    for (std::string_view d = parent_dir(p); !d.empty(); d = parent_dir(d))
      if (!dirs_.emplace(d).second) break;
  }
}

PathKind TreeIndex::kind(std::string_view path) const {
  if (path.empty()) return PathKind::directory;
  if (files_.count(path)) return PathKind::file;
  if (dirs_.count(path)) return PathKind::directory;
  return PathKind::none;
}

const TreeEntry* TreeIndex::entry(std::string_view path) const {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &tree_[it->second];
}

}  // namespace gitreorg::core

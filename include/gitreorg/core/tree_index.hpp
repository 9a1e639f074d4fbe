// What a path names in a tree (a file, a directory, nothing), looked up in constant time.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "gitreorg/core/tree.hpp"

namespace gitreorg::core {

enum class PathKind { none, file, directory };

// Anything that can say what a repository path names: a tree as it is (TreeIndex), or a tree being
// moved (plan::MoveModel, which answers for the old tree). "" is the root directory.
class PathKinds {
 public:
  virtual ~PathKinds() = default;
  virtual PathKind kind(std::string_view path) const = 0;
};

class TreeIndex final : public PathKinds {
 public:
  explicit TreeIndex(const Tree& tree);  // `tree` must outlive the index, unchanged (it holds views of its paths)
  explicit TreeIndex(Tree&& tree) = delete;

  PathKind kind(std::string_view path) const override;
  // The tree's entry for a file (mode, blob id); nullptr for directories and unknown paths.
  const TreeEntry* entry(std::string_view path) const;

 private:
  const Tree& tree_;
  // Views of the tree's paths (a directory: a prefix of one), not copies: at 100,000 files two
  // indexes live at once, one per link check.
  std::unordered_map<std::string_view, std::size_t> files_;  // path -> index in tree_
  std::unordered_set<std::string_view> dirs_;
};

}  // namespace gitreorg::core

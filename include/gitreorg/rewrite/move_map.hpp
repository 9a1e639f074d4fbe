// What rewriters know about the move: for any repository path (file or directory) of the old tree,
// whether it exists and where it goes. Built once from the plan; rewriters only read it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gitreorg/core/tree.hpp"
#include "gitreorg/core/tree_index.hpp"
#include "gitreorg/plan/path_mapper.hpp"
#include "gitreorg/plan/planner.hpp"

namespace gitreorg::rewrite {

class MoveMap final : public core::PathKinds {
 public:
  using Kind = core::PathKind;

  // No moves: every path stays.
  explicit MoveMap(const core::Tree& old_tree);
  // `files` are the plan's files (old -> new). Directories follow `mapper` when given (so a link to
  // `slurm/` follows the rule that moves `slurm`), else the common destination of their files.
  MoveMap(const core::Tree& old_tree, const std::vector<plan::PlannedFile>& files, const plan::PathMapper* mapper);

  // What `path` names in the old tree ("" is the root directory).
  Kind kind(std::string_view path) const override;
  // Where `path` (file or directory of the old tree) goes; nullopt when it is not in the old tree.
  std::optional<std::string> new_path(std::string_view path) const;
  // The old tree's entry for a file (mode, blob id); nullptr for directories and unknown paths.
  const core::TreeEntry* entry(std::string_view path) const;
  bool any_moves() const { return any_moves_; }
  // True for a directory the move dissolves: no rule moves it, and its files go to different places,
  // so it no longer exists. Its new_path() is then the deepest directory holding all its files ("" when
  // that is only the root).
  bool dissolved(std::string_view dir) const { return dissolved_.count(std::string(dir)) != 0; }

 private:
  struct FileInfo {
    std::size_t entry;
    std::string new_path;
  };
  const core::Tree& tree_;
  std::unordered_map<std::string, FileInfo> files_;
  std::unordered_map<std::string, std::string> dirs_;  // old directory -> new directory
  std::unordered_map<std::string, bool> dissolved_;
  bool any_moves_ = false;
};

}  // namespace gitreorg::rewrite

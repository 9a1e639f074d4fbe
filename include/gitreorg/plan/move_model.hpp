// The move model: for any path of the old tree (file or directory), whether it exists and where it
// goes, and the new tree. Built once per plan (plan_repository); the rewriter, the link check and the
// executor all read this one answer to "where does X go".
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "gitreorg/core/tree.hpp"
#include "gitreorg/core/tree_index.hpp"
#include "gitreorg/plan/path_mapper.hpp"
#include "gitreorg/plan/planner.hpp"

namespace gitreorg::plan {

class MoveModel final : public core::PathKinds {
 public:
  using Kind = core::PathKind;

  // `files` are the plan's files (old -> new); tree entries without one stay where they are.
  // Directories follow `mapper` when given (so a link to `slurm/` follows the rule that moves
  // `slurm`), else the common destination of their files. The model points into the buffers of
  // `old_tree` and (not the vector object), so it survives the vector being moved (RepositoryPlan is move-only).
  MoveModel(const core::Tree& old_tree, const std::vector<PlannedFile>& files, std::shared_ptr<const PathMapper> mapper);
  MoveModel(const MoveModel&) = delete;  // has_name's views point into its own maps
  MoveModel& operator=(const MoveModel&) = delete;

  // What `path` names in the old tree ("" is the root directory).
  Kind kind(std::string_view path) const override;
  // Where `path` (file or directory of the old tree) goes; nullopt when it is not in the old tree.
  std::optional<std::string> new_path(std::string_view path) const;
  // The old tree's entry for a file (mode, blob id); nullptr for directories and unknown paths.
  const core::TreeEntry* entry(std::string_view path) const;
  bool any_moves() const { return any_moves_; }
  // True for a directory the move dissolves: no rule moves it, and its files go to different places,
  // so it no longer exists (a directory whose children all land side by side in one directory, some
  // of them renamed, was renamed instead: not dissolved). Its new_path() is then the deepest directory holding all its files ("" when
  // that is only the root).
  bool dissolved(std::string_view dir) const { return dissolved_.find(dir) != dissolved_.end(); }
  // Whether some file or directory of the old tree is called `name` (one segment): a cheap test that
  // rules out most words before they are resolved as paths.
  bool has_name(std::string_view name) const { return names_.find(name) != names_.end(); }
  // Whether `path` ("" the root) is a file or directory of the tree after the move: a reference to a
  // path the old tree lacks may have been written for the new layout ahead of the migration.
  bool in_new_tree(std::string_view path) const;
  // The mapping's rules, for paths that are not in the tree (untracked files carried along). Not
  // thread-safe (it memoizes); nullptr when the model was built without one.
  const PathMapper* mapper() const { return mapper_.get(); }

  // The tree after the move: every file at its new path with its blob and mode, except files in
  // `new_blobs` (old path -> blob id of the new content), sorted by path.
  core::Tree new_tree(const std::unordered_map<std::string, std::string>& new_blobs = {}) const;

 private:
  struct FileInfo {
    std::size_t entry;
    std::string new_path;
  };
  std::span<const core::TreeEntry> tree_;
  std::shared_ptr<const PathMapper> mapper_;
  // Looked up by string_view without a copy (the hot path of the rewriters).
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // Keys are views, not copies: of the old tree's paths (files_, dirs_, dissolved_) and of files_'
  // new paths (new_dirs_), which stay put once the model is built.
  template <typename V>
  using PathMap = std::unordered_map<std::string_view, V, Hash, std::equal_to<>>;
  PathMap<FileInfo> files_;
  PathMap<std::string> dirs_;  // old directory -> new directory
  PathMap<bool> dissolved_;
  PathMap<bool> new_dirs_;                                                 // directories of the new tree
  std::unordered_set<std::string_view, Hash, std::equal_to<>> new_files_;  // files of the new tree, views of files_' new paths
  std::unordered_set<std::string_view, Hash, std::equal_to<>> names_;  // base names, pointing into the keys above
  bool any_moves_ = false;
};

}  // namespace gitreorg::plan

// Writing objects and the index. `exec/` calls it, and the demo generator.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gitreorg/core/tree.hpp"
#include "gitreorg/git/repository.hpp"
#include "gitreorg/git/signature.hpp"

namespace gitreorg::git {

// Objects. Each returns the new object's hex id.
std::string write_blob(const Repository& repo, std::string_view content);
// A tree holding exactly `files` (flat, repository-relative paths; directories are implied).
std::string write_tree(const Repository& repo, const core::Tree& files);
// One change to a tree: a file added or replaced (`remove` false), or removed.
struct TreeUpdate {
  std::string path;
  std::uint32_t mode = 0;
  std::string oid;
  bool remove = false;
};
// `baseline` (a tree id) with `updates` applied, at most one per path: only the trees on the way to
// an updated path are written again (git_tree_create_updated).
std::string write_updated_tree(const Repository& repo, const std::string& baseline, const std::vector<TreeUpdate>& updates);
// `encoding` is written as the commit's encoding header; nullptr writes none (git's default, UTF-8).
std::string write_commit(const Repository& repo, const std::string& tree, const std::vector<std::string>& parents,
                         const Signature& author, const Signature& committer, const std::string& message,
                         const char* encoding = "UTF-8");
// An annotated tag object (no ref: the caller creates refs/tags/NAME when it is ready).
std::string write_tag_object(const Repository& repo, const std::string& name, const std::string& target,
                             const Signature& tagger, const std::string& message);

// Writes the index for `tree` as a checkout would: entries whose path, mode and id match the
// current index keep its stat data, the others get the stat data of the file in the work tree
// (lstat, never following symlinks), so `git status` need not re-read any file. Written by us
// (src/git/index_for_tree.cpp) with a full cache tree, or through libgit2 when the old index holds
// what that writer does not reproduce (split or sparse index, version 4, skip-worktree...): false then.
bool write_index_for_tree(const Repository& repo, const std::string& tree);

// Refreshes the index's stat data for files that are unchanged, as `git status` and `git update-index
// --refresh` do (entries are never changed): after files were written back with their old content, the
// index restored byte for byte is stale, and the next git command would rewrite it.
void refresh_index(const Repository& repo);

}  // namespace gitreorg::git

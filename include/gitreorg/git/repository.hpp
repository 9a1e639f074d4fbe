// An open repository and read access to the trees the planner works on.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "gitreorg/core/tree.hpp"
#include "gitreorg/git/error.hpp"

typedef struct git_repository git_repository;

namespace gitreorg::git {

class Repository {
 public:
  // Finds the repository containing `dir` (like git -C DIR), its work tree where its `.git` file is (a
  // separate git dir, a worktree, a submodule), never a path computed from the git dir.
  // GIT_CEILING_DIRECTORIES and GIT_DISCOVERY_ACROSS_FILESYSTEM are honoured. Throws GitError if there is none.
  static Repository discover(const std::filesystem::path& dir);
  // The repository a git command started in `dir` works on: GIT_DIR and GIT_WORK_TREE when set (relative
  // to `dir`; GIT_DIR without a work tree takes core.worktree, or `dir` itself unless core.bare), as git
  // does; otherwise discover(dir).
  static Repository locate(const std::filesystem::path& dir);
  // Opens exactly `path` (a work tree or a .git directory).
  static Repository open(const std::filesystem::path& path);

  bool is_bare() const;
  std::filesystem::path workdir() const;  // empty for a bare repository
  std::filesystem::path gitdir() const;
  std::filesystem::path commondir() const;  // the main repository's git dir, for a worktree's

  // Resolves a revision (`HEAD`, a branch, a tag, an id) to the commit it names: full hex id.
  std::string resolve_commit(const std::string& rev) const;

  // Every file of the commit's tree (blobs, symlinks, gitlinks), sorted by path.
  core::Tree read_tree(const std::string& commit_id) const;

  // The content of a blob.
  std::string read_blob(const std::string& blob_id) const;

  git_repository* raw() const { return repo_.get(); }

 private:
  struct Free {
    void operator()(git_repository* r) const;
  };
  explicit Repository(git_repository* r) : repo_(r) {}
  void set_workdir(const std::filesystem::path& dir);
  std::unique_ptr<git_repository, Free> repo_;
};

}  // namespace gitreorg::git

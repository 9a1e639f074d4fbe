// Read-only queries of a repository's state: what the executor checks before it writes (an operation
// in progress, HEAD, tracked changes), and the ignored files of the work tree.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "gitreorg/git/repository.hpp"

namespace gitreorg::git {

// "" when no operation is in progress, else "merge", "rebase", "cherry-pick", "revert", "bisect", ...
std::string operation_in_progress(const Repository& repo);

struct Head {
  bool detached = false;
  bool unborn = false;
  std::string ref;     // refs/heads/NAME ("" when detached)
  std::string commit;  // "" when unborn
};
Head read_head(const Repository& repo);

// Tracked paths that differ from HEAD in the index or the work tree (untracked and ignored files
// do not count), at most `limit` of them. Includes what `git status` would show for submodule
// pointers (staged, directory deleted, another commit checked out; not their content) and edits
// in files marked assume-unchanged or skip-worktree, which status hides.
std::vector<std::string> changed_tracked_paths(const Repository& repo, std::size_t limit);

// True only when nothing tracked can have changed, as git trusts stat data: the index is HEAD's tree
// entry for entry (no stage, intent-to-add, skip-worktree or assume-unchanged entry) and every file's
// lstat is its entry's stat data (a racily clean file, written within the index's timestamp, also
// has its blob's content). False says nothing: ask the status.
// changed_tracked_paths asks this first (src/git/unchanged_by_stat.cpp).
bool tracked_files_unchanged_by_stat(const Repository& repo);

// The work tree's ignored paths (src/git/ignored_paths.cpp), as `git status --ignored=matching
// --untracked-files=all` shows them: an ignored directory is one path ending in `/`, not listed inside;
// in other directories each ignored file. Submodules are not looked into; empty for a bare repository.
std::vector<std::string> ignored_paths(const Repository& repo);

// A boolean of the repository's config (its worktree's config.worktree first, then the local, global and
// system ones), `fallback` when unset.
bool config_bool(const Repository& repo, const std::string& name, bool fallback);

}  // namespace gitreorg::git

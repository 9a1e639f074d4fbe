// Where paths went: the renames of a history, as `git log --first-parent -M` sees them, read once
// for every path a caller needs to follow (old link rot whose target moved in an earlier commit).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "gitreorg/git/repository.hpp"

namespace gitreorg::git {

// One file renamed by one commit (git's rename detection against the commit's first parent).
struct Rename {
  std::string from, to;
  std::string commit;  // full hex id
};

struct RenameWalk {
  std::vector<Rename> renames;  // newest commit first; within a commit, by path
  std::size_t commits = 0;      // commits diffed
  bool truncated = false;       // the walk stopped at `max_commits` before the root
};

// The renames along the first parents of `tip`, newest first, over at most `max_commits` commits:
// each commit's tree against its first parent's, with git's default rename detection (similarity
// 50%, `git diff -M`). A commit that only adds or only deletes is not searched for renames.
RenameWalk follow_renames(const Repository& repo, const std::string& tip, std::size_t max_commits = 10000);

}  // namespace gitreorg::git

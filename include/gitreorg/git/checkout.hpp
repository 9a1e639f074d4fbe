// Checking out a commit's tree into the work tree and index, as `git checkout` does with no local
// change in the way (libgit2's safe strategy: a file modified locally stops it).
#pragma once

#include <string>

#include "gitreorg/git/repository.hpp"

namespace gitreorg::git {

// Makes the index and work tree those of `commit`, from those of HEAD; throws GitError, changing
// nothing, when a local change would be overwritten. HEAD itself is not moved.
void checkout_commit(const Repository& repo, const std::string& commit);

}  // namespace gitreorg::git

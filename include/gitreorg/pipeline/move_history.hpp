// The history's renames as the link repairs read them: one bounded walk of first parents, made only
// when a broken link needs it.
#pragma once

#include <string>

#include "gitreorg/git/repository.hpp"
#include "gitreorg/markdown/link_repair.hpp"

namespace gitreorg::pipeline {

// The renames along the first parents of `commit` (at most 10,000 commits, git::follow_renames),
// read through a repository handle of its own (a worker thread may ask), when first called.
markdown::MoveHistory move_history(const git::Repository& repo, std::string commit);

}  // namespace gitreorg::pipeline

// A string of the repository's config, as git reads it.
#pragma once

#include <optional>
#include <string>

#include "gitreorg/git/repository.hpp"

namespace gitreorg::git {

// A string of the repository's config (its worktree's config.worktree first, then the local, global and
// system ones), nullopt when unset.
std::optional<std::string> config_string(const Repository& repo, const std::string& name);

}  // namespace gitreorg::git

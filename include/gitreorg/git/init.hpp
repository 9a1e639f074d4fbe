// Creating a repository, as `git init` does, and keeping the machine's git configuration out of a
// process whose output must not depend on it.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "gitreorg/git/repository.hpp"

namespace gitreorg::git {

struct InitOptions {
  std::string initial_branch = "main";                        // what HEAD names
  std::vector<std::pair<std::string, std::string>> config;  // written to .git/config: {"user.name", "..."}
};

// Creates `dir` (and missing parents) holding a new, empty repository with a work tree.
Repository init_repository(const std::filesystem::path& dir, const InitOptions& opts);

// From now on libgit2 reads no system, XDG or global config file in this process, only each
// repository's own.
void ignore_user_config();

}  // namespace gitreorg::git

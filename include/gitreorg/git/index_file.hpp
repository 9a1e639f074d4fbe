// An index file apart from the repository's: what GIT_INDEX_FILE names for a hook that reads the
// commit to be made.
#pragma once

#include <filesystem>
#include <string>

#include "gitreorg/git/repository.hpp"

namespace gitreorg::git {

// Writes an index holding exactly `tree` at `path` (no stat data; the repository's index untouched).
void write_index_file(const Repository& repo, const std::string& tree, const std::filesystem::path& path);

}  // namespace gitreorg::git

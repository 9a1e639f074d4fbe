// Which commit has the old layout, once a migration is merged: `where` answers from there by default.
#pragma once

#include <optional>
#include <string>

#include "gitreorg/git/repository.hpp"

namespace gitreorg::pipeline {

struct Reorganization {
  std::string first;   // the oldest commit of the migration ("Move files")
  std::string before;  // its first parent: the last commit with the old layout
};

// The newest migration in `from`'s history made by this mapping, found by the trailers apply writes
// (`Reorg-Mapping-Blob: BLOB`, or `Reorg-Mapping: NAME` for a mapping edited since), followed back
// along first parents to its first commit. nullopt when there is none. Throws git::GitError.
std::optional<Reorganization> find_reorganization(const git::Repository& repo, const std::string& from,
                                                  const std::string& mapping_blob, const std::string& mapping_name);

}  // namespace gitreorg::pipeline

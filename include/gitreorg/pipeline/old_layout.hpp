// Which commit has the old layout, once a migration is merged: `where` answers from there by default.
#pragma once

#include <optional>
#include <string>

#include "gitreorg/git/repository.hpp"
#include "gitreorg/mapping/mapping.hpp"

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

// The commit whose tree a mapping applies to, starting from `commit` (HEAD by default).
struct OldLayout {
  std::string commit;  // `commit` itself, or the commit before the reorganization; empty when none has the old layout
  std::string note;    // why another commit than `commit` (or none) is used; empty when `commit` is
};

// `commit` while its tree has a path `mapping` moves; once the migration is merged (no such path),
// the commit before the migration's first commit, found by its trailers (find_reorganization); without
// trailers (moved by hand), the newest commit along first parents (up to 1000 back) whose tree has
// such a path; empty `commit` when there is none. `mapping_path` as given (the trailers name the mapping by its path
// in the work tree). Throws git::GitError.
OldLayout find_old_layout(const git::Repository& repo, const mapping::Mapping& mapping, const std::string& mapping_path,
                          const std::string& commit);

}  // namespace gitreorg::pipeline

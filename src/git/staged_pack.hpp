// Writing a packbuilder's pack into a repository the crash-safe way (staged, then moved in); shared by
// PackWriter and the copies of an imported repository's objects.
#pragma once

#include <git2.h>

#include "gitreorg/git/repository.hpp"

namespace gitreorg::git {

// Writes `pb`'s pack in `to`'s pack_staging_dir, synced, moves it into objects/pack (the pack, then its
// index) and refreshes `to`'s object database. `pb` may belong to another repository (a copy).
void write_staged_pack(git_packbuilder* pb, const Repository& to);

}  // namespace gitreorg::git

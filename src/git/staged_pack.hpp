// Packs written into a repository the crash-safe way (staged, then moved in); shared by PackWriter and
// the copies of an imported repository's objects.
#pragma once

#include <git2.h>

#include "git/handle.hpp"
#include "gitreorg/git/repository.hpp"

namespace gitreorg::git {

using PackBuilderPtr = Handle<git_packbuilder, git_packbuilder_free>;

// A packbuilder on `from`'s objects, one thread per core.
PackBuilderPtr new_pack_builder(const Repository& from);

// Writes `pb`'s pack in `to`'s pack_staging_dir, synced, moves it into objects/pack (the pack, then its
// index) and refreshes `to`'s object database. `pb` may belong to another repository (a copy).
void write_staged_pack(git_packbuilder* pb, const Repository& to);

}  // namespace gitreorg::git

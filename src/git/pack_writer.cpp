// An in-memory object store (libgit2's mempack backend) in front of the repository's, flushed into
// one packfile by the packbuilder.
#include "gitreorg/git/pack_writer.hpp"

#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

#include "git/handle.hpp"

namespace gitreorg::git {
namespace {

using OdbPtr = Handle<git_odb, git_odb_free>;
using PackBuilderPtr = Handle<git_packbuilder, git_packbuilder_free>;
using RevwalkPtr = Handle<git_revwalk, git_revwalk_free>;

// Above the loose and pack backends (priorities 1 and 2), so new objects are written to memory.
constexpr int kMempackPriority = 999;

}  // namespace

struct PackWriter::State {
  OdbPtr odb;
  git_odb_backend* mempack = nullptr;  // owned by odb once added
};

PackWriter::PackWriter(const Repository& repo) : repo_(repo), state_(std::make_unique<State>()) {
  git_odb* odb = nullptr;
  check(git_repository_odb(&odb, repo.raw()), "cannot open the object database");
  state_->odb.reset(odb);
  git_odb_backend* mempack = nullptr;
  check(git_mempack_new(&mempack), "cannot create an in-memory object store");
  if (const int rc = git_odb_add_backend(odb, mempack, kMempackPriority); rc < 0) {
    mempack->free(mempack);
    check(rc, "cannot add the in-memory object store");
  }
  state_->mempack = mempack;
}

PackWriter::~PackWriter() = default;

void PackWriter::write_pack(const std::string& commit) {
  git_packbuilder* pb = nullptr;
  check(git_packbuilder_new(&pb, repo_.raw()), "cannot create a pack");
  PackBuilderPtr builder(pb);
  git_packbuilder_set_threads(pb, 0);  // one per core
  git_revwalk* w = nullptr;
  check(git_revwalk_new(&w, repo_.raw()), "cannot walk the history");
  RevwalkPtr walk(w);
  git_oid oid = oid_from_hex(commit);
  check(git_revwalk_push(w, &oid), "cannot walk the history");
  check(git_packbuilder_insert_walk(pb, w), "cannot add the history to the pack");
  check(git_packbuilder_write(pb, nullptr, 0, nullptr, nullptr), "cannot write the pack");
  builder.reset();
  check(git_mempack_reset(state_->mempack), "cannot empty the in-memory object store");
}

}  // namespace gitreorg::git

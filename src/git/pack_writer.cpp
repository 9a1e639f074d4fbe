// An object database backend that keeps new objects in memory, in front of the repository's own
// backends, and writes them as one pack through the packbuilder. libgit2's mempack backend would do
// the keeping, but its dump packs every commit with its whole tree (every old blob again).
#include "gitreorg/git/pack_writer.hpp"

#include <git2/sys/odb_backend.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <filesystem>
#include <system_error>
#include <string>
#include <unordered_map>
#include <vector>

#include "git/handle.hpp"
#include "git/staged_pack.hpp"

namespace gitreorg::git {
namespace {

using OdbPtr = Handle<git_odb, git_odb_free>;

// Above the loose and pack backends (priorities 1 and 2), so new objects are written to memory.
constexpr int kMemoryPriority = 999;

struct OidHash {
  std::size_t operator()(const git_oid& o) const {
    std::size_t h;
    std::memcpy(&h, o.id, sizeof h);
    return h;
  }
};
struct OidEqual {
  bool operator()(const git_oid& a, const git_oid& b) const { return git_oid_equal(&a, &b); }
};

// Owned by the object database once added (libgit2 calls `free`); `parent` must come first.
struct MemoryBackend {
  git_odb_backend parent;
  struct Object {
    git_object_t type;
    std::string data;
  };
  std::unordered_map<git_oid, Object, OidHash, OidEqual> objects;
  std::vector<git_oid> order;  // as written, for the packbuilder
  bool active = true;           // false once its PackWriter is gone: objects are then written loose
  std::string objects_dir;
  git_odb_backend* loose = nullptr;  // created when first needed: libgit2 asks no other backend to write

  static MemoryBackend* of(git_odb_backend* b) { return reinterpret_cast<MemoryBackend*>(b); }
  const Object* find(const git_oid* id) const {
    auto it = objects.find(*id);
    return it == objects.end() ? nullptr : &it->second;
  }

  static int read(void** out, std::size_t* len, git_object_t* type, git_odb_backend* b, const git_oid* id) {
    const Object* o = of(b)->find(id);
    if (!o) return GIT_ENOTFOUND;
    void* data = git_odb_backend_data_alloc(b, o->data.size());
    if (!data && !o->data.empty()) return GIT_ERROR;
    if (!o->data.empty()) std::memcpy(data, o->data.data(), o->data.size());
    *out = data;
    *len = o->data.size();
    *type = o->type;
    return 0;
  }
  static int read_header(std::size_t* len, git_object_t* type, git_odb_backend* b, const git_oid* id) {
    const Object* o = of(b)->find(id);
    if (!o) return GIT_ENOTFOUND;
    *len = o->data.size();
    *type = o->type;
    return 0;
  }
  static int exists(git_odb_backend* b, const git_oid* id) { return of(b)->find(id) ? 1 : 0; }
  static int write(git_odb_backend* b, const git_oid* id, const void* data, std::size_t len, git_object_t type) {
    MemoryBackend* m = of(b);
    if (!m->active) {
      if (!m->loose && git_odb_backend_loose(&m->loose, m->objects_dir.c_str(), -1, 0, 0, 0) < 0) return GIT_ERROR;
      return m->loose->write(m->loose, id, data, len, type);
    }
    auto [it, inserted] = m->objects.try_emplace(*id, Object{type, std::string(static_cast<const char*>(data), len)});
    if (inserted) m->order.push_back(*id);
    return 0;
  }
  static void free(git_odb_backend* b) {
    if (of(b)->loose) of(b)->loose->free(of(b)->loose);
    delete of(b);
  }
};

namespace fs = std::filesystem;

fs::path pack_dir(const Repository& repo) { return fs::path(git_repository_commondir(repo.raw())) / "objects" / "pack"; }

void sync_dir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Moves the staged pack-X.pack, then its pack-X.idx, into objects/pack: git uses a pack once its
// index is there, so the index goes last.
void move_staged_pack(const fs::path& staging, const fs::path& packs) {
  std::vector<fs::path> staged;
  for (const fs::directory_entry& e : fs::directory_iterator(staging))
    if (e.path().filename().string().rfind("pack-", 0) == 0) staged.push_back(e.path());
  for (const char* ext : {".pack", ".idx"})
    for (const fs::path& p : staged)
      if (p.extension() == ext) {
        fs::path to = packs / p.filename();
        if (::rename(p.c_str(), to.c_str()) != 0)
          throw std::runtime_error("cannot move `" + p.string() + "` to `" + to.string() + "`: " + std::strerror(errno));
      }
}

}  // namespace

fs::path pack_staging_dir(const Repository& repo) { return repo.gitdir() / "reorg-pack"; }

void recover_staged_pack(const Repository& repo) {
  fs::path staging = pack_staging_dir(repo), packs = pack_dir(repo);
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(staging, ec))) return;
  // Killed between the two renames: the pack is in place, its index still staged; finish the move.
  for (const fs::directory_entry& e : fs::directory_iterator(staging, ec))
    if (e.path().extension() == ".idx" && e.path().filename().string().rfind("pack-", 0) == 0) {
      fs::path pack = packs / e.path().filename().replace_extension(".pack");
      if (fs::exists(pack, ec)) fs::rename(e.path(), packs / e.path().filename(), ec);
    }
  // Anything else is a pack cut short (libgit2's temporary files, or a pack without its index that
  // no ref names yet): ours alone, so removed.
  fs::remove_all(staging, ec);
  if (ec) throw std::runtime_error("cannot remove `" + staging.string() + "`: " + ec.message());
  sync_dir(packs);
}

struct PackWriter::State {
  OdbPtr odb;
  MemoryBackend* memory = nullptr;  // owned by odb
};

PackWriter::PackWriter(const Repository& repo) : repo_(repo), state_(std::make_unique<State>()) {
  git_odb* odb = nullptr;
  check(git_repository_odb(&odb, repo.raw()), "cannot open the object database");
  state_->odb.reset(odb);
  auto* memory = new MemoryBackend{};
  check(git_odb_init_backend(&memory->parent, GIT_ODB_BACKEND_VERSION), "cannot create an in-memory object store");
  memory->parent.read = MemoryBackend::read;
  memory->parent.read_header = MemoryBackend::read_header;
  memory->parent.exists = MemoryBackend::exists;
  memory->parent.write = MemoryBackend::write;
  memory->parent.free = MemoryBackend::free;
  memory->objects_dir = (std::filesystem::path(git_repository_commondir(repo.raw())) / "objects").string();
  if (const int rc = git_odb_add_backend(odb, &memory->parent, kMemoryPriority); rc < 0) {
    delete memory;
    check(rc, "cannot add the in-memory object store");
  }
  state_->memory = memory;
}

PackWriter::~PackWriter() {
  // libgit2 1.5 cannot remove a backend: it stays, empty, writing loose objects as the repository would.
  state_->memory->active = false;
  state_->memory->objects.clear();
  state_->memory->order.clear();
}

std::size_t PackWriter::pending() const { return state_->memory->order.size(); }

PackBuilderPtr new_pack_builder(const Repository& from) {
  git_packbuilder* pb = nullptr;
  check(git_packbuilder_new(&pb, from.raw()), "cannot create a pack");
  PackBuilderPtr builder(pb);
  git_packbuilder_set_threads(pb, 0);  // 0: one per core
  return builder;
}

void write_staged_pack(git_packbuilder* pb, const Repository& to) {
  // Written in a directory of our own, then moved into objects/pack (the pack, then its index): a
  // kill while libgit2 writes leaves its temporary files there, never in objects/pack, where git
  // would keep them for ever; recover_staged_pack removes them. The pack and its index are synced
  // before they are moved: the objects are durable before any ref names them.
  recover_staged_pack(to);
  fs::path staging = pack_staging_dir(to);
  std::error_code ec;
  fs::create_directories(staging, ec);
  if (ec) throw std::runtime_error("cannot create `" + staging.string() + "`: " + ec.message());
  check(git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1), "cannot enable fsync");
  const int rc = git_packbuilder_write(pb, staging.c_str(), 0, nullptr, nullptr);
  git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 0);
  if (rc < 0) fs::remove_all(staging, ec);  // libgit2's temporary files of the failed pack
  check(rc, "cannot write the pack");
  move_staged_pack(staging, pack_dir(to));
  sync_dir(pack_dir(to));
  fs::remove_all(staging, ec);
  git_odb* o = nullptr;
  check(git_repository_odb(&o, to.raw()), "cannot open the object database");
  OdbPtr odb(o);
  check(git_odb_refresh(o), "cannot read the new pack");
}

void PackWriter::write_pack() {
  MemoryBackend& m = *state_->memory;
  if (m.order.empty()) return;
  PackBuilderPtr builder = new_pack_builder(repo_);
  git_packbuilder* pb = builder.get();
  for (const git_oid& id : m.order) check(git_packbuilder_insert(pb, &id, nullptr), "cannot add an object to the pack");
  write_staged_pack(pb, repo_);
  builder.reset();
  m.objects.clear();
  m.order.clear();
}

}  // namespace gitreorg::git

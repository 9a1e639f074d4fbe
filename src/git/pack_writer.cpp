// An object database backend that keeps new objects in memory, in front of the repository's own
// backends, and writes them as one pack. libgit2's mempack backend would do the keeping, but its dump
// packs every commit with its whole tree (every old blob again). The pack is written here, not by
// libgit2's packbuilder: its delta search and the indexer that reads the pack back (inflating and
// hashing every object again) were most of apply's own time (issue 16, docs/performance.md).
#include "gitreorg/git/pack_writer.hpp"

#include <git2/sys/odb_backend.h>
#include <git2/sys/repository.h>

#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <filesystem>
#include <memory>
#include <system_error>
#include <string>
#include <unordered_map>
#include <vector>

#include "gitreorg/core/parallel_for.hpp"
#include "git/handle.hpp"
#include "git/staged_pack.hpp"

namespace gitreorg::git {
namespace {

using OdbPtr = Handle<git_odb, git_odb_free>;

static_assert(sizeof(git_oid{}.id) == sizeof(HeldObject{}.id), "a SHA-1 object id");

// Above the repository's database read through, so new objects are written to memory.
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
  static int freshen(git_odb_backend* b, const git_oid* id) { return of(b)->find(id) ? 0 : GIT_ENOTFOUND; }
  static int write(git_odb_backend* b, const git_oid* id, const void* data, std::size_t len, git_object_t type) {
    MemoryBackend* m = of(b);
    auto [it, inserted] = m->objects.try_emplace(*id, Object{type, std::string(static_cast<const char*>(data), len)});
    if (inserted) m->order.push_back(*id);
    return 0;
  }
  static void free(git_odb_backend* b) { delete of(b); }
};

// The repository's own object database, read through, never written. Writing an object through the
// repository's database first "freshens" it in every backend (a utimensat of the loose path) and, when
// none has it, rereads the pack directory and asks again: 100,000 new objects cost 200,000 failed
// system calls and 100,000 directory reads. Here a new object goes to memory after one lookup without
// rereading the directory; one the repository has already is not written again (nor touched: apply
// holds off gc meanwhile, gc_hold.cpp).
struct ReadThroughBackend {
  git_odb_backend parent;
  git_odb* base = nullptr;  // a reference of its own
  bool hold_all = false;    // PackWriter::Holds::every_object

  static git_odb* base_of(git_odb_backend* b) { return reinterpret_cast<ReadThroughBackend*>(b)->base; }
  static int copy_out(void** out, std::size_t* len, git_object_t* type, git_odb_backend* b, git_odb_object* o) {
    std::size_t size = git_odb_object_size(o);
    void* data = git_odb_backend_data_alloc(b, size);
    if (!data && size) {
      git_odb_object_free(o);
      return GIT_ERROR;
    }
    if (size) std::memcpy(data, git_odb_object_data(o), size);
    *out = data;
    *len = size;
    *type = git_odb_object_type(o);
    git_odb_object_free(o);
    return 0;
  }
  static int read(void** out, std::size_t* len, git_object_t* type, git_odb_backend* b, const git_oid* id) {
    git_odb_object* o = nullptr;
    if (const int rc = git_odb_read(&o, base_of(b), id); rc < 0) return rc;
    return copy_out(out, len, type, b, o);
  }
  static int read_prefix(git_oid* full, void** out, std::size_t* len, git_object_t* type, git_odb_backend* b,
                         const git_oid* prefix, std::size_t n) {
    git_odb_object* o = nullptr;
    if (const int rc = git_odb_read_prefix(&o, base_of(b), prefix, n); rc < 0) return rc;
    git_oid_cpy(full, git_odb_object_id(o));
    return copy_out(out, len, type, b, o);
  }
  static int read_header(std::size_t* len, git_object_t* type, git_odb_backend* b, const git_oid* id) {
    return git_odb_read_header(len, type, base_of(b), id);
  }
  static int exists(git_odb_backend* b, const git_oid* id) { return git_odb_exists(base_of(b), id); }
  static int exists_prefix(git_oid* full, git_odb_backend* b, const git_oid* prefix, std::size_t n) {
    return git_odb_exists_prefix(full, base_of(b), prefix, n);
  }
  // Found without rereading the pack directory: 0 when the repository has it (not written again).
  static int freshen(git_odb_backend* b, const git_oid* id) {
    if (reinterpret_cast<ReadThroughBackend*>(b)->hold_all) return GIT_ENOTFOUND;
    return git_odb_exists_ext(base_of(b), id, GIT_ODB_LOOKUP_NO_REFRESH) ? 0 : GIT_ENOTFOUND;
  }
  static int foreach (git_odb_backend* b, git_odb_foreach_cb cb, void* payload) {
    return git_odb_foreach(base_of(b), cb, payload);
  }
  static void free(git_odb_backend* b) {
    git_odb_free(base_of(b));
    delete reinterpret_cast<ReadThroughBackend*>(b);
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

// The pack format's checksum (git's pack-format: SHA-1 of everything before it).
std::array<unsigned char, 20> sha1(std::string_view bytes) {
  std::array<unsigned char, 20> out{};
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), out.data(), &len, EVP_sha1(), nullptr) != 1 || len != out.size())
    throw std::runtime_error("cannot compute the pack's checksum");
  return out;
}

void put_be32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xff));
}

std::string hex(const std::array<unsigned char, 20>& id) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : id) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

// `bytes` in a new file at `path` (read-only, as git's packs), synced to disk.
void write_synced(const fs::path& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0444);
  if (fd < 0) throw std::runtime_error("cannot create `" + path.string() + "`: " + std::strerror(errno));
  auto fail = [&](const char* what) {
    int e = errno;
    ::close(fd);
    throw std::runtime_error(std::string(what) + " `" + path.string() + "`: " + std::strerror(e));
  };
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot write");
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::fsync(fd) != 0) fail("cannot sync");
  if (::close(fd) != 0) throw std::runtime_error("cannot write `" + path.string() + "`: " + std::strerror(errno));
}

struct PackEntry {
  const git_oid* id;
  std::uint64_t offset;
  std::uint32_t crc;
};

// Deflates objects at zlib's fastest level, each whole, into one piece of a pack (a zlib stream of
// its own per worker thread).
class Deflater {
 public:
  Deflater() {
    if (deflateInit(&z_, Z_BEST_SPEED) != Z_OK) throw std::runtime_error("cannot start zlib");
  }
  ~Deflater() { deflateEnd(&z_); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  // Appends `o`'s pack entry (type-and-size header, deflated bytes) to `out`; returns its CRC-32.
  std::uint32_t append(const MemoryBackend::Object& o, std::string& out) {
    std::size_t start = out.size();
    std::uint64_t size = o.data.size();
    unsigned char c = static_cast<unsigned char>((static_cast<unsigned>(o.type) << 4) | (size & 15));
    for (size >>= 4; size; size >>= 7) {
      out.push_back(static_cast<char>(c | 0x80));
      c = static_cast<unsigned char>(size & 0x7f);
    }
    out.push_back(static_cast<char>(c));
    if (deflateReset(&z_) != Z_OK) throw std::runtime_error("cannot reset zlib");
    std::size_t at = out.size();
    out.resize(at + deflateBound(&z_, o.data.size()));
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(o.data.data()));
    z_.avail_in = static_cast<uInt>(o.data.size());
    z_.next_out = reinterpret_cast<Bytef*>(out.data() + at);
    z_.avail_out = static_cast<uInt>(out.size() - at);
    if (o.data.size() > 0xffffffffu || deflate(&z_, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("cannot deflate an object");
    out.resize(out.size() - z_.avail_out);
    return static_cast<std::uint32_t>(crc32_z(0, reinterpret_cast<const Bytef*>(out.data() + start), out.size() - start));
  }

 private:
  z_stream z_{};
};

// A pack of `ids` (version 2, git's pack-format): every object whole, deflated at zlib's fastest level,
// as git writes loose objects (core.looseCompression); `git gc` deltifies them as it would loose
// ones. Returns the pack's bytes and, in `entries`, where each object starts and the CRC-32 of its
// bytes there, as the index records them. Deflating is most of the work: runs of objects are
// deflated on every core, then joined in order.
std::string pack_of(const MemoryBackend& m, std::vector<PackEntry>& entries) {
  constexpr std::size_t kRun = 256;  // objects per piece
  std::size_t n = m.order.size(), runs = (n + kRun - 1) / kRun;
  std::vector<std::string> pieces(runs);
  std::vector<std::uint64_t> offset(n);  // within its piece, then within the pack
  std::vector<std::uint32_t> crc(n);
  unsigned workers = core::default_workers();
  std::vector<std::unique_ptr<Deflater>> deflaters(workers);
  core::parallel_for(runs, workers, [&](unsigned w, std::size_t r) {
    if (!deflaters[w]) deflaters[w] = std::make_unique<Deflater>();
    for (std::size_t i = r * kRun; i < std::min(n, (r + 1) * kRun); ++i) {
      offset[i] = pieces[r].size();
      crc[i] = deflaters[w]->append(m.objects.at(m.order[i]), pieces[r]);
    }
  });
  std::string pack = "PACK";
  put_be32(pack, 2);
  put_be32(pack, static_cast<std::uint32_t>(n));
  std::size_t total = pack.size() + 20;
  for (const std::string& p : pieces) total += p.size();
  pack.reserve(total);
  entries.reserve(n);
  for (std::size_t r = 0; r < runs; ++r) {
    std::uint64_t base = pack.size();
    for (std::size_t i = r * kRun; i < std::min(n, (r + 1) * kRun); ++i) entries.push_back({&m.order[i], base + offset[i], crc[i]});
    pack += pieces[r];
    std::string().swap(pieces[r]);
  }
  std::array<unsigned char, 20> sum = sha1(pack);
  pack.append(reinterpret_cast<const char*>(sum.data()), sum.size());
  return pack;
}

// The pack's index, version 2 (git's pack-format): fan-out table, sorted ids, CRC-32s, offsets (those
// past 2 GiB in a table of 64-bit ones), the pack's checksum and the index's own.
std::string index_of(std::vector<PackEntry> entries, const std::string& pack) {
  std::sort(entries.begin(), entries.end(),
            [](const PackEntry& a, const PackEntry& b) { return git_oid_cmp(a.id, b.id) < 0; });
  std::string idx = "\377tOc";
  put_be32(idx, 2);
  std::size_t k = 0;
  for (unsigned first = 0; first < 256; ++first) {
    while (k < entries.size() && entries[k].id->id[0] == first) ++k;
    put_be32(idx, static_cast<std::uint32_t>(k));
  }
  for (const PackEntry& e : entries) idx.append(reinterpret_cast<const char*>(e.id->id), sizeof e.id->id);
  for (const PackEntry& e : entries) put_be32(idx, e.crc);
  std::vector<std::uint64_t> large;
  for (const PackEntry& e : entries) {
    if (e.offset < 0x80000000u) {
      put_be32(idx, static_cast<std::uint32_t>(e.offset));
      continue;
    }
    put_be32(idx, 0x80000000u | static_cast<std::uint32_t>(large.size()));
    large.push_back(e.offset);
  }
  for (std::uint64_t v : large) {
    put_be32(idx, static_cast<std::uint32_t>(v >> 32));
    put_be32(idx, static_cast<std::uint32_t>(v & 0xffffffffu));
  }
  idx.append(pack, pack.size() - 20, 20);
  std::array<unsigned char, 20> sum = sha1(idx);
  idx.append(reinterpret_cast<const char*>(sum.data()), sum.size());
  return idx;
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
  OdbPtr base;  // the repository's own database, given back to it at the end
  OdbPtr odb;   // the one it uses meanwhile: memory first, then `base` read through
  MemoryBackend* memory = nullptr;  // owned by odb
};

PackWriter::PackWriter(const Repository& repo, Holds holds) : repo_(repo), state_(std::make_unique<State>()) {
  git_odb* base = nullptr;
  check(git_repository_odb(&base, repo.raw()), "cannot open the object database");
  state_->base.reset(base);
  git_odb* odb = nullptr;
  check(git_odb_new(&odb), "cannot create an object database");
  state_->odb.reset(odb);

  auto* through = new ReadThroughBackend{};
  check(git_odb_init_backend(&through->parent, GIT_ODB_BACKEND_VERSION), "cannot create an object store");
  through->parent.read = ReadThroughBackend::read;
  through->parent.read_prefix = ReadThroughBackend::read_prefix;
  through->parent.read_header = ReadThroughBackend::read_header;
  through->parent.exists = ReadThroughBackend::exists;
  through->parent.exists_prefix = ReadThroughBackend::exists_prefix;
  through->parent.freshen = ReadThroughBackend::freshen;
  through->parent.foreach = ReadThroughBackend::foreach;
  through->parent.free = ReadThroughBackend::free;
  git_odb* shared = nullptr;  // the backend's own reference to the repository's database
  check(git_repository_odb(&shared, repo.raw()), "cannot open the object database");
  through->base = shared;
  through->hold_all = holds == Holds::every_object;
  if (const int rc = git_odb_add_backend(odb, &through->parent, 1); rc < 0) {
    ReadThroughBackend::free(&through->parent);
    check(rc, "cannot add the object store");
  }

  auto* memory = new MemoryBackend{};
  check(git_odb_init_backend(&memory->parent, GIT_ODB_BACKEND_VERSION), "cannot create an in-memory object store");
  memory->parent.read = MemoryBackend::read;
  memory->parent.read_header = MemoryBackend::read_header;
  memory->parent.exists = MemoryBackend::exists;
  memory->parent.freshen = MemoryBackend::freshen;
  memory->parent.write = MemoryBackend::write;
  memory->parent.free = MemoryBackend::free;
  if (const int rc = git_odb_add_backend(odb, &memory->parent, kMemoryPriority); rc < 0) {
    delete memory;
    check(rc, "cannot add the in-memory object store");
  }
  state_->memory = memory;
  check(git_repository_set_odb(repo.raw(), odb), "cannot use the in-memory object store");
}

PackWriter::~PackWriter() {
  // The repository writes and reads as usual again; what was not packed is dropped, as after a crash.
  git_repository_set_odb(repo_.raw(), state_->base.get());
}

std::size_t PackWriter::pending() const { return state_->memory->order.size(); }

std::vector<HeldObject> PackWriter::take() {
  MemoryBackend& m = *state_->memory;
  std::vector<HeldObject> out;
  out.reserve(m.order.size());
  for (const git_oid& id : m.order) {
    MemoryBackend::Object& o = m.objects.at(id);
    HeldObject h{{}, o.type, std::move(o.data)};
    std::memcpy(h.id.data(), id.id, h.id.size());
    out.push_back(std::move(h));
  }
  m.objects.clear();
  m.order.clear();
  return out;
}

void PackWriter::add(const std::vector<HeldObject>& objects) {
  MemoryBackend& m = *state_->memory;
  m.objects.reserve(m.objects.size() + objects.size());
  for (const HeldObject& h : objects) {
    git_oid id;
    std::memcpy(id.id, h.id.data(), h.id.size());
    auto [it, inserted] = m.objects.try_emplace(id, MemoryBackend::Object{static_cast<git_object_t>(h.type), h.data});
    if (inserted) m.order.push_back(id);
  }
}

PackBuilderPtr new_pack_builder(const Repository& from) {
  git_packbuilder* pb = nullptr;
  check(git_packbuilder_new(&pb, from.raw()), "cannot create a pack");
  PackBuilderPtr builder(pb);
  git_packbuilder_set_threads(pb, 0);  // 0: one per core
  return builder;
}

namespace {

using IndexerPtr = Handle<git_indexer, git_indexer_free>;

// git_packbuilder_write, with the pack handed to the indexer in one piece: fed object by object (as
// git_packbuilder_write does), the indexer makes a write and a map of its window per object, 300,000
// system calls for 100,000 objects.
int index_pack(git_packbuilder* pb, const fs::path& dir) {
  std::string pack;
  int rc = git_packbuilder_foreach(
      pb,
      [](void* buf, std::size_t size, void* payload) {
        static_cast<std::string*>(payload)->append(static_cast<const char*>(buf), size);
        return 0;
      },
      &pack);
  if (rc < 0) return rc;
  git_indexer_options opts = GIT_INDEXER_OPTIONS_INIT;
  git_indexer* raw = nullptr;
  if ((rc = git_indexer_new(&raw, dir.c_str(), 0, nullptr, &opts)) < 0) return rc;
  IndexerPtr indexer(raw);
  git_indexer_progress stats{};
  if ((rc = git_indexer_append(raw, pack.data(), pack.size(), &stats)) < 0) return rc;
  return git_indexer_commit(raw, &stats);
}

}  // namespace

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
  const int rc = index_pack(pb, staging);
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
  std::vector<PackEntry> entries;
  std::string pack = pack_of(m, entries);
  std::string idx = index_of(std::move(entries), pack);
  std::array<unsigned char, 20> sum{};  // the pack's checksum names it, as git and libgit2 name theirs
  std::memcpy(sum.data(), pack.data() + pack.size() - sum.size(), sum.size());
  std::string name = "pack-" + hex(sum);
  // As write_staged_pack stages libgit2's: each file complete and synced under a temporary name, then
  // renamed to its own in the staging directory (a staged pack-X.idx is always whole), then moved
  // into objects/pack, the pack before its index.
  recover_staged_pack(repo_);
  fs::path staging = pack_staging_dir(repo_);
  std::error_code ec;
  fs::create_directories(staging, ec);
  if (ec) throw std::runtime_error("cannot create `" + staging.string() + "`: " + ec.message());
  try {
    for (auto [bytes, ext] : {std::pair<const std::string*, const char*>{&pack, ".pack"}, {&idx, ".idx"}}) {
      fs::path temp = staging / (std::string("tmp") + ext), to = staging / (name + ext);
      write_synced(temp, *bytes);
      if (::rename(temp.c_str(), to.c_str()) != 0)
        throw std::runtime_error("cannot rename `" + temp.string() + "`: " + std::strerror(errno));
    }
    sync_dir(staging);
  } catch (const std::exception& e) {
    fs::remove_all(staging, ec);
    throw std::runtime_error(std::string("cannot write the pack: ") + e.what());
  }
  move_staged_pack(staging, pack_dir(repo_));
  sync_dir(pack_dir(repo_));
  fs::remove_all(staging, ec);
  m.objects.clear();
  m.order.clear();
  check(git_odb_refresh(state_->base.get()), "cannot read the new pack");  // read through from now on
}

}  // namespace gitreorg::git

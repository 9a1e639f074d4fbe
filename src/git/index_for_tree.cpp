// The index of the tree apply checked out, written by us in git's index-format (DIRC, the old
// index's version 2 or 3) rather than through libgit2: at 100,000 files libgit2's read, read_tree,
// git_index_add per moved file and write took 0.8 s of apply (issue 16). Whenever the old index holds
// something this writer does not reproduce exactly, the libgit2 path below writes it instead.
#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "git/canonical_mode.hpp"
#include "git/handle.hpp"
#include "gitreorg/core/parallel_for.hpp"
#include "gitreorg/git/refs.hpp"
#include "gitreorg/git/write.hpp"

namespace gitreorg::git {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kStatBytes = 40;  // ctime, mtime, dev, ino, mode, uid, gid, size: 10 x 32 bits
constexpr std::size_t kFixedBytes = 62;  // the stat data, the 20-byte id, the 16-bit flags
constexpr std::size_t kHashBytes = 20;

std::uint32_t be32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}
void put_be32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xff));
}
void set_be32(unsigned char* p, std::uint32_t v) {
  for (int k = 0; k < 4; ++k) p[k] = static_cast<unsigned char>(v >> (24 - 8 * k));
}

bool sha1(std::string_view bytes, unsigned char* out) {
  unsigned int len = 0;
  return EVP_Digest(bytes.data(), bytes.size(), out, &len, EVP_sha1(), nullptr) == 1 && len == kHashBytes;
}

// One entry of the old index: its path and its 62 fixed bytes, in the file's buffer.
struct OldEntry {
  std::string_view path;
  const unsigned char* fixed;
};

struct OldIndex {
  std::uint32_t version = 2;
  std::vector<OldEntry> entries;  // in the index's order: bytewise by path (stage 0 only)
};

// The old index, when it holds only what write_index reproduces: version 2 or 3, stage-0 entries
// without extended flags (skip-worktree, intent-to-add) or assume-unchanged, in order, and no
// extension but these, which git rebuilds or does without (libgit2 drops all but TREE too):
// TREE (the cache tree, written anew below), UNTR (untracked cache), FSMN (fsmonitor's token: the
// next status asks for everything), EOIE and IEOT (offsets for threaded reading). Anything else is
// nullopt: `link` (split index), `sdir` (sparse index), NAME (conflicts), REUC (resolve-undo, which
// libgit2 keeps and `git checkout -m` reads), version 4, an unknown extension.
// No index file: empty.
std::optional<OldIndex> read_old_index(const std::string& bytes, bool exists) {
  OldIndex out;
  if (!exists) return out;
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t size = bytes.size();
  if (size < 12 + kHashBytes || std::memcmp(data, "DIRC", 4) != 0) return std::nullopt;
  out.version = be32(data + 4);
  if (out.version != 2 && out.version != 3) return std::nullopt;
  unsigned char hash[kHashBytes];
  if (!sha1(std::string_view(bytes.data(), size - kHashBytes), hash) || std::memcmp(hash, data + size - kHashBytes, kHashBytes) != 0)
    return std::nullopt;  // damaged (or index.skipHash): libgit2 says which
  const std::size_t end = size - kHashBytes;
  const std::uint32_t count = be32(data + 8);
  out.entries.reserve(count);
  std::size_t at = 12;
  for (std::uint32_t k = 0; k < count; ++k) {
    if (end - at < kFixedBytes + 1) return std::nullopt;
    const unsigned char* fixed = data + at;
    std::uint32_t flags = (std::uint32_t{fixed[60]} << 8) | fixed[61];
    if (flags & 0xf000) return std::nullopt;  // assume-valid, extended, stage > 0
    const char* path = reinterpret_cast<const char*>(fixed + kFixedBytes);
    const void* nul = std::memchr(path, '\0', end - at - kFixedBytes);
    if (!nul) return std::nullopt;
    std::size_t len = static_cast<std::size_t>(static_cast<const char*>(nul) - path);
    std::size_t stored = flags & 0xfff;  // the path's length, 0xfff for 0xfff and longer
    if (stored != 0xfff ? len != stored : len < 0xfff) return std::nullopt;
    std::string_view p(path, len);
    if (!out.entries.empty() && !(out.entries.back().path < p)) return std::nullopt;
    out.entries.push_back({p, fixed});
    std::size_t entry_size = (kFixedBytes + len + 8) & ~std::size_t{7};
    if (end - at < entry_size) return std::nullopt;
    at += entry_size;
  }
  while (at < end) {
    if (end - at < 8) return std::nullopt;
    std::string_view sig(bytes.data() + at, 4);
    std::uint32_t ext_size = be32(data + at + 4);
    if (sig != "TREE" && sig != "UNTR" && sig != "FSMN" && sig != "EOIE" && sig != "IEOT") return std::nullopt;
    if (end - at - 8 < ext_size) return std::nullopt;
    at += 8 + ext_size;
  }
  return out;
}

// One entry of the new index.
struct NewEntry {
  std::string path;
  std::uint32_t mode;
  git_oid id;
  unsigned char stat[kStatBytes] = {};  // big-endian, as written; the mode field is set on writing
};

// One directory of the cache tree (the TREE extension): as `git read-tree` primes it, every
// directory of the tree, valid, with the number of index entries below it.
struct CacheTree {
  std::string name;
  git_oid id;
  std::size_t entries = 0;
  std::vector<CacheTree> subtrees;
};

// Every file of `tree` below `prefix`, in index order (a tree's entries sort as if a directory's
// name ended in `/`, which is where its paths sort among full paths); `node` gets the cache tree.
void walk(git_repository* repo, const git_tree* tree, const std::string& prefix, std::vector<NewEntry>& out, CacheTree& node) {
  node.id = *git_tree_id(tree);
  std::size_t before = out.size();
  std::size_t n = git_tree_entrycount(tree);
  for (std::size_t k = 0; k < n; ++k) {
    const git_tree_entry* e = git_tree_entry_byindex(tree, k);
    std::string path = prefix + git_tree_entry_name(e);
    if (git_tree_entry_type(e) == GIT_OBJECT_TREE) {
      git_tree* sub = nullptr;
      check(git_tree_lookup(&sub, repo, git_tree_entry_id(e)), "cannot read tree");
      TreePtr owned(sub);
      CacheTree& child = node.subtrees.emplace_back();
      child.name = git_tree_entry_name(e);
      walk(repo, sub, path + "/", out, child);
      continue;
    }
    NewEntry& entry = out.emplace_back();
    entry.path = std::move(path);
    entry.mode = canonical_mode(static_cast<std::uint32_t>(git_tree_entry_filemode(e)));  // an old 100664 is 100644
    entry.id = *git_tree_entry_id(e);
  }
  node.entries = out.size() - before;
}

// The TREE extension's body: each directory, then its subdirectories in git's order (shorter names
// first, then bytewise: cache-tree.c's subtree_name_cmp), as git writes it.
void put_cache_tree(std::string& out, CacheTree& node) {
  out += node.name;
  out.push_back('\0');
  out += std::to_string(node.entries) + " " + std::to_string(node.subtrees.size()) + "\n";
  out.append(reinterpret_cast<const char*>(node.id.id), kHashBytes);
  std::sort(node.subtrees.begin(), node.subtrees.end(), [](const CacheTree& a, const CacheTree& b) {
    return a.name.size() != b.name.size() ? a.name.size() < b.name.size() : a.name < b.name;
  });
  for (CacheTree& s : node.subtrees) put_cache_tree(out, s);
}

bool has_stat(const unsigned char* stat) { return be32(stat + 8) != 0 || be32(stat + 20) != 0; }  // mtime, ino

void stat_from_lstat(const struct stat& st, unsigned char* out) {
  set_be32(out + 0, static_cast<std::uint32_t>(st.st_ctim.tv_sec));
  set_be32(out + 4, static_cast<std::uint32_t>(st.st_ctim.tv_nsec));
  set_be32(out + 8, static_cast<std::uint32_t>(st.st_mtim.tv_sec));
  set_be32(out + 12, static_cast<std::uint32_t>(st.st_mtim.tv_nsec));
  set_be32(out + 16, static_cast<std::uint32_t>(st.st_dev));
  set_be32(out + 20, static_cast<std::uint32_t>(st.st_ino));
  set_be32(out + 28, static_cast<std::uint32_t>(st.st_uid));
  set_be32(out + 32, static_cast<std::uint32_t>(st.st_gid));
  set_be32(out + 36, static_cast<std::uint32_t>(st.st_size));
}

// The file at `path`; `exists` false when there is none.
std::string read_file(const fs::path& path, bool& exists) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  exists = fd >= 0 || errno != ENOENT;
  if (fd < 0) {
    if (exists) throw GitError("cannot read the index " + path.string() + ": " + std::strerror(errno), GIT_ERROR);
    return {};
  }
  struct stat st;
  std::string out;
  if (::fstat(fd, &st) == 0) out.reserve(static_cast<std::size_t>(st.st_size));
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int e = errno;
      ::close(fd);
      throw GitError("cannot read the index " + path.string() + ": " + std::strerror(e), GIT_ERROR);
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

// `bytes` as the file `path`, through `path`.lock (created exclusively, as libgit2 and git take the
// index's lock) renamed over it. Not synced, as libgit2 did not (core.fsync is not read).
void write_locked(const fs::path& path, std::string_view bytes) {
  fs::path lock = path;
  lock += ".lock";
  int fd = ::open(lock.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) throw GitError("cannot lock the index " + lock.string() + ": " + std::strerror(errno), GIT_ELOCKED);
  auto fail = [&](const std::string& what) {
    int e = errno;
    ::close(fd);
    ::unlink(lock.c_str());
    throw GitError(what + " " + lock.string() + ": " + std::strerror(e), GIT_ERROR);
  };
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot write the index");
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::close(fd) != 0) {
    int e = errno;
    ::unlink(lock.c_str());
    throw GitError("cannot write the index " + lock.string() + ": " + std::strerror(e), GIT_ERROR);
  }
  if (::rename(lock.c_str(), path.c_str()) != 0) {
    int e = errno;
    ::unlink(lock.c_str());
    throw GitError("cannot write the index " + path.string() + ": " + std::strerror(e), GIT_ERROR);
  }
}

// The same through libgit2, for an old index write_index does not reproduce.
void write_index_through_libgit2(const Repository& repo, const std::string& tree) {
  git_index* i = nullptr;
  check(git_repository_index(&i, repo.raw()), "cannot open the index");
  IndexPtr index(i);
  check(git_index_read(i, 1), "cannot read the index");
  TreePtr tree_obj = lookup_tree(repo.raw(), tree, "cannot read tree");
  // libgit2 keeps the stat data of entries whose path, mode and id are unchanged.
  check(git_index_read_tree(i, tree_obj.get()), "cannot read the tree into the index");
  std::filesystem::path workdir = repo.workdir();
  std::vector<git_index_entry> fresh;
  std::vector<std::string> paths;
  std::size_t n = git_index_entrycount(i);
  for (std::size_t k = 0; k < n; ++k) {
    const git_index_entry* e = git_index_get_byindex(i, k);
    if (e->mtime.seconds != 0 || e->ino != 0 || e->mode == GIT_FILEMODE_COMMIT) continue;
    struct stat st;
    if (lstat((workdir / e->path).c_str(), &st) != 0) continue;  // left without stat data: git re-reads it
    git_index_entry copy = *e;
    copy.ctime.seconds = static_cast<std::int32_t>(st.st_ctim.tv_sec);
    copy.ctime.nanoseconds = static_cast<std::uint32_t>(st.st_ctim.tv_nsec);
    copy.mtime.seconds = static_cast<std::int32_t>(st.st_mtim.tv_sec);
    copy.mtime.nanoseconds = static_cast<std::uint32_t>(st.st_mtim.tv_nsec);
    copy.dev = static_cast<std::uint32_t>(st.st_dev);
    copy.ino = static_cast<std::uint32_t>(st.st_ino);
    copy.uid = st.st_uid;
    copy.gid = st.st_gid;
    copy.file_size = static_cast<std::uint32_t>(st.st_size);
    fresh.push_back(copy);
    paths.emplace_back(e->path);
  }
  for (std::size_t k = 0; k < fresh.size(); ++k) {
    fresh[k].path = paths[k].c_str();
    check(git_index_add(i, &fresh[k]), ("cannot update the index entry of " + paths[k]).c_str());
  }
  check(git_index_write(i), "cannot write the index");
}

}  // namespace

bool write_index_for_tree(const Repository& repo, const std::string& tree) {
  fs::path index_path = repo.gitdir() / "index";
  bool exists = false;
  std::string old_bytes = read_file(index_path, exists);
  std::optional<OldIndex> old = read_old_index(old_bytes, exists);
  if (!old) {
    write_index_through_libgit2(repo, tree);
    return false;
  }
  std::vector<NewEntry> entries;
  entries.reserve(old->entries.size());
  CacheTree root;
  TreePtr tree_obj = lookup_tree(repo.raw(), tree, "cannot read tree");
  walk(repo.raw(), tree_obj.get(), "", entries, root);
  if (!std::is_sorted(entries.begin(), entries.end(), [](const NewEntry& a, const NewEntry& b) { return a.path < b.path; }))
    throw GitError("the tree " + tree + " is not in git's order", GIT_EINVALID);  // write_tree never makes one

  // Stat data: the old entry's when path, mode and id are unchanged (as libgit2's read_tree keeps
  // them), else one lstat of the work-tree file, never following a symlink; none for a submodule
  // that moved, nor for a file that is missing (git then reads it again).
  std::vector<std::size_t> to_stat;
  std::size_t o = 0;
  for (std::size_t k = 0; k < entries.size(); ++k) {
    NewEntry& e = entries[k];
    while (o < old->entries.size() && old->entries[o].path < e.path) ++o;
    if (o < old->entries.size() && old->entries[o].path == e.path) {
      const unsigned char* f = old->entries[o].fixed;
      if (be32(f + 24) == e.mode && std::memcmp(f + kStatBytes, e.id.id, kHashBytes) == 0) std::memcpy(e.stat, f, kStatBytes);
    }
    if (!has_stat(e.stat) && e.mode != GIT_FILEMODE_COMMIT) to_stat.push_back(k);
  }
  const std::string workdir = repo.workdir().string() + (repo.workdir().string().ends_with('/') ? "" : "/");
  core::parallel_for(to_stat.size(), std::min(4u, core::default_workers()), [&](unsigned, std::size_t i) {
    NewEntry& e = entries[to_stat[i]];
    struct stat st;
    if (::lstat((workdir + e.path).c_str(), &st) == 0) stat_from_lstat(st, e.stat);
  }, 512);

  std::string out;
  out.reserve(12 + entries.size() * 96 + 64 * 1024);
  out += "DIRC";
  put_be32(out, old->version);
  put_be32(out, static_cast<std::uint32_t>(entries.size()));
  for (NewEntry& e : entries) {
    set_be32(e.stat + 24, e.mode);
    out.append(reinterpret_cast<const char*>(e.stat), kStatBytes);
    out.append(reinterpret_cast<const char*>(e.id.id), kHashBytes);
    std::size_t len = e.path.size();
    std::uint16_t flags = static_cast<std::uint16_t>(std::min<std::size_t>(len, 0xfff));
    out.push_back(static_cast<char>(flags >> 8));
    out.push_back(static_cast<char>(flags & 0xff));
    out += e.path;
    // 1 to 8 NULs: the entry's length a multiple of 8.
    out.append(((kFixedBytes + len + 8) & ~std::size_t{7}) - kFixedBytes - len, '\0');
  }
  std::string cache_tree;
  put_cache_tree(cache_tree, root);
  out += "TREE";
  put_be32(out, static_cast<std::uint32_t>(cache_tree.size()));
  out += cache_tree;
  unsigned char hash[kHashBytes];
  if (!sha1(out, hash)) throw GitError("cannot compute the index's checksum", GIT_ERROR);
  out.append(reinterpret_cast<const char*>(hash), kHashBytes);
  write_locked(index_path, out);
  return true;
}

}  // namespace gitreorg::git

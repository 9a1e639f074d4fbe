// The real disk: POSIX calls (lstat, rename, rmdir, open/write, symlink) that never follow symlinks.
#include "gitreorg/exec/disk.hpp"

#include <dirent.h>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "gitreorg/core/fd.hpp"

namespace gitreorg::exec {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error(fmt::format("{} `{}`: {}", what, path, std::strerror(errno)));
}

void make_parents(const fs::path& path) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) throw std::runtime_error(fmt::format("cannot create the directories of `{}`: {}", path.string(), ec.message()));
}

}  // namespace

FileKind RealDisk::kind(const fs::path& path) const {
  struct stat st;
  if (lstat(path.c_str(), &st) != 0) return FileKind::missing;
  return S_ISDIR(st.st_mode) ? FileKind::directory : FileKind::other;
}

// readdir's d_type says what an entry is without a stat of each (the walk for untracked files under
// moved directories lists every one of them); only a file system that leaves it unknown is asked.
std::vector<DirEntry> RealDisk::list_dir(const fs::path& dir) const {
  std::vector<DirEntry> out;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return out;
  while (const dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    bool is_dir = e->d_type == DT_DIR;
    if (e->d_type == DT_UNKNOWN) {
      struct stat st;
      is_dir = ::lstat((dir / e->d_name).c_str(), &st) == 0 && S_ISDIR(st.st_mode);
    }
    out.push_back({std::string(name), is_dir ? FileKind::directory : FileKind::other});
  }
  ::closedir(d);
  return out;
}

std::string RealDisk::read_link_or_file(const fs::path& path) const {
  struct stat st;
  if (lstat(path.c_str(), &st) != 0) return {};
  if (S_ISLNK(st.st_mode)) {
    std::string buf(static_cast<std::size_t>(st.st_size) + 1, '\0');
    ssize_t n = ::readlink(path.c_str(), buf.data(), buf.size());
    return n < 0 ? std::string() : buf.substr(0, static_cast<std::size_t>(n));
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void RealDisk::rename(const fs::path& from, const fs::path& to) {
  make_parents(to);
  if (::rename(from.c_str(), to.c_str()) != 0) fail("cannot rename `" + from.string() + "` to", to.string());
}

void RealDisk::make_dirs(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error(fmt::format("cannot create `{}`: {}", dir.string(), ec.message()));
}

bool RealDisk::remove_empty_dir(const fs::path& dir) {
  if (::rmdir(dir.c_str()) == 0) return true;
  if (errno == ENOENT || errno == ENOTEMPTY || errno == EEXIST) return false;
  fail("cannot remove directory", dir.string());
}

// In place when `path` is a regular file of the same executable bit with one link that we may open for
// writing: no new inode, directory entry or rename (creating inodes was most of apply's system time).
// A kill during it leaves a torn file, neither the old content nor the new one, which recovery tells
// apart (is_done / is_undone compare whole contents) and writes again. Otherwise through `temp`.
bool RealDisk::write_in_place(const fs::path& path, const std::string& content, bool exec) {
  core::Fd fd(::open(path.c_str(), O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (!fd.valid()) return false;  // missing, a symlink, a directory, a FIFO without reader (O_NONBLOCK: never waits), or not writable
  struct stat st;
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1 || ((st.st_mode & S_IXUSR) != 0) != exec)
    return false;
  auto write_range = [&](std::size_t from, std::size_t to) {
    while (from < to) {
      ssize_t n = ::pwrite(fd.get(), content.data() + from, to - from, static_cast<off_t>(from));
      if (n < 0) fail("cannot write", path.string());
      from += static_cast<std::size_t>(n);
    }
  };
  std::size_t half = mid_write ? content.size() / 2 : content.size();
  write_range(0, half);
  if (mid_write) mid_write();
  write_range(half, content.size());
  if (::ftruncate(fd.get(), static_cast<off_t>(content.size())) != 0) fail("cannot write", path.string());
  if (!fd.close()) fail("cannot write", path.string());
  return true;
}

void RealDisk::write_file(const fs::path& path, const std::string& content, std::uint32_t mode, const fs::path& temp) {
  if (mode != 0120000 && write_in_place(path, content, mode == 0100755)) return;
  if (mode == 0120000) {
    if (::symlink(content.c_str(), temp.c_str()) != 0) fail("cannot create symlink", temp.string());
  } else {
    // The file's own permissions when it stays a file of the same kind (a read-only file stays so).
    bool exec = mode == 0100755;
    mode_t perms = exec ? 0755 : 0644;
    struct stat st;
    bool keep = lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ((st.st_mode & S_IXUSR) != 0) == exec;
    core::Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, perms));
    if (!fd.valid()) fail("cannot write", temp.string());
    std::size_t done = 0;
    while (done < content.size()) {
      ssize_t n = ::write(fd.get(), content.data() + done, content.size() - done);
      if (n < 0) fail("cannot write", temp.string());
      done += static_cast<std::size_t>(n);
    }
    if (keep && ::fchmod(fd.get(), st.st_mode & 07777) != 0) fail("cannot set the mode of", temp.string());
    if (!fd.close()) fail("cannot write", temp.string());
  }
  if (mid_write) mid_write();
  make_parents(path);
  if (::rename(temp.c_str(), path.c_str()) != 0) fail("cannot replace", path.string());
}

void RealDisk::remove_file(const fs::path& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) fail("cannot remove", path.string());
}

}  // namespace gitreorg::exec

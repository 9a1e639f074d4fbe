// The work tree as the executor sees it: the few filesystem operations that planning the renames
// and doing (or undoing) the journal's operations need, behind an interface so both run against an
// in-memory disk in tests (as ninja's DiskInterface). Paths are absolute; nothing follows symlinks.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace gitreorg::exec {

enum class FileKind { missing, directory, other };  // other: a file, a symlink, ...

struct DirEntry {
  std::string name;
  FileKind kind = FileKind::other;
};

class Disk {
 public:
  virtual ~Disk() = default;

  // What is at `path` (lstat: a symlink to a directory is `other`).
  virtual FileKind kind(const std::filesystem::path& path) const = 0;
  // The entries of a directory, in no particular order; empty when it cannot be read.
  virtual std::vector<DirEntry> list_dir(const std::filesystem::path& dir) const = 0;
  // A symlink's target or a file's bytes; "" when there is nothing at `path`.
  virtual std::string read_link_or_file(const std::filesystem::path& path) const = 0;

  // The mutations throw std::runtime_error (naming the path and the reason) on failure.
  // rename(2), after creating `to`'s missing parents.
  virtual void rename(const std::filesystem::path& from, const std::filesystem::path& to) = 0;
  // Creates `dir` and its missing parents.
  virtual void make_dirs(const std::filesystem::path& dir) = 0;
  // Removes `dir` if it is an empty directory; false (and no change) when it is missing or not empty.
  virtual bool remove_empty_dir(const std::filesystem::path& dir) = 0;
  // Replaces `path` by a file with `content` (mode 0100644 or 0100755) or, for mode 0120000, a symlink
  // to `content`; creates the missing parents. A regular file of the same executable bit with one link
  // is rewritten in place (a kill leaves it torn: recovery compares whole contents and writes it
  // again); otherwise the content is written to `temp`, which must not exist (O_EXCL), then renamed
  // over `path`. A file replaced keeps its permission bits (a read-only file stays read-only) where
  // the mode's executable bit agrees.
  virtual void write_file(const std::filesystem::path& path, const std::string& content, std::uint32_t mode,
                          const std::filesystem::path& temp) = 0;
  // Removes the file or symlink at `path`; nothing when there is none.
  virtual void remove_file(const std::filesystem::path& path) = 0;
};

// The real filesystem, through POSIX calls.
class RealDisk : public Disk {
 public:
  // Fault injection (the crash tests): called in the middle of a write: after half of its bytes when
  // in place, when its temporary file is complete (before it replaces the file) otherwise.
  std::function<void()> mid_write;

  FileKind kind(const std::filesystem::path& path) const override;
  std::vector<DirEntry> list_dir(const std::filesystem::path& dir) const override;
  std::string read_link_or_file(const std::filesystem::path& path) const override;
  void rename(const std::filesystem::path& from, const std::filesystem::path& to) override;
  void make_dirs(const std::filesystem::path& dir) override;
  bool remove_empty_dir(const std::filesystem::path& dir) override;
  void write_file(const std::filesystem::path& path, const std::string& content, std::uint32_t mode,
                  const std::filesystem::path& temp) override;
  void remove_file(const std::filesystem::path& path) override;

 private:
  bool write_in_place(const std::filesystem::path& path, const std::string& content, bool exec);
};

}  // namespace gitreorg::exec

// The git locks an apply takes (index.lock, the ref locks), recorded in the journal directory before
// each is taken and after it is released, so that recovery removes the lock files its own killed run
// left behind and respects those of any other process.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "gitreorg/core/fd.hpp"
#include "gitreorg/git/repository.hpp"

namespace gitreorg::exec {

// `.git/reorg/locks`: "+ PID NAME" before NAME's lock is taken, "- NAME" once it is released. NAME is
// what git::lock_file takes ("index", "packed-refs", HEAD, a ref), never a path.
class LockLog {
 public:
  explicit LockLog(const std::filesystem::path& gitdir);
  void taking(const std::vector<std::string>& names);
  void released(const std::vector<std::string>& names);

 private:
  void append(const std::string& line);
  core::Fd fd_;
};

// Before recovery acts: the lock files of locks recorded as taken and never released are those of our
// own killed run, and are removed. Throws core::Error when the run that took them is still alive (a
// git-reorg working on the repository right now).
void remove_own_stale_locks(const git::Repository& repo);

// Throws core::Error naming the lock file when one of `names` is locked: another process is changing it.
void check_unlocked(const git::Repository& repo, const std::vector<std::string>& names);

}  // namespace gitreorg::exec

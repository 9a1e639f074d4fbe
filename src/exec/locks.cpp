// Locks left by our own killed run, told apart from those of live processes by the journal's record.
// A lock is ours when it was recorded as taken and never released and the process that took it is
// gone; the only window left is a kill between libgit2's release and our record of it, with another
// process taking the same lock before recovery runs.
#include "gitreorg/exec/locks.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "gitreorg/core/error.hpp"
#include "gitreorg/exec/journal.hpp"
#include "gitreorg/git/refs.hpp"

namespace gitreorg::exec {
namespace {

namespace fs = std::filesystem;

fs::path log_path(const fs::path& gitdir) { return journal_dir(gitdir) / "locks"; }

// Whether `pid` is a git-reorg that runs now (not merely a process that reuses the number).
bool live_git_reorg(long pid) {
  if (pid <= 0 || pid == static_cast<long>(getpid())) return false;
  if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno != EPERM) return false;
  std::error_code a, b;
  fs::path exe = fs::read_symlink(fmt::format("/proc/{}/exe", pid), a), self = fs::read_symlink("/proc/self/exe", b);
  return a || b || exe == self;  // without /proc, any live process counts
}

}  // namespace

LockLog::LockLog(const fs::path& gitdir) {
  std::string path = log_path(gitdir).string();
  fd_ = core::Fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644));
  if (!fd_.valid()) throw std::runtime_error(fmt::format("cannot open `{}`: {}", path, std::strerror(errno)));
}

void LockLog::append(const std::string& line) {
  if (::write(fd_.get(), line.data(), line.size()) != static_cast<ssize_t>(line.size()))
    throw std::runtime_error(std::string("cannot record a lock in the journal: ") + std::strerror(errno));
}

void LockLog::taking(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& n : names) text += fmt::format("+ {} {}\n", getpid(), n);
  append(text);
}

void LockLog::released(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& n : names) text += fmt::format("- {}\n", n);
  append(text);
}

void remove_own_stale_locks(const git::Repository& repo) {
  std::ifstream in(log_path(repo.gitdir()));
  std::map<std::string, long> held;  // name -> pid of the run that took it
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    char sign = 0;
    fields >> sign;
    if (sign == '+') {
      long pid = 0;
      fields >> pid;
      std::string name;
      std::getline(fields >> std::ws, name);
      held[name] = pid;
    } else if (sign == '-') {
      std::string name;
      std::getline(fields >> std::ws, name);
      held.erase(name);
    }
  }
  for (const auto& [name, pid] : held) {
    fs::path lock = git::lock_file(repo, name);
    if (!fs::exists(fs::symlink_status(lock))) continue;
    if (live_git_reorg(pid))
      throw core::Error(
          fmt::format("{} is held by git-reorg process {}, which is still running: let it finish", lock.string(), pid),
          core::kExitRefused);
    std::error_code ec;
    fs::remove(lock, ec);
    if (ec) throw std::runtime_error(fmt::format("cannot remove the stale lock `{}`: {}", lock.string(), ec.message()));
  }
}

void check_unlocked(const git::Repository& repo, const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    fs::path lock = git::lock_file(repo, name);
    if (fs::exists(fs::symlink_status(lock)))
      throw core::Error(fmt::format("{} exists: another git process is changing the repository; wait for it to finish (if "
                                    "none runs, it crashed: remove the file) and run the command again",
                                    lock.string()),
                        core::kExitRefused);
  }
}

}  // namespace gitreorg::exec

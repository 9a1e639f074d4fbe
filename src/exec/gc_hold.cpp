// gc.pid as git's gc.c reads and writes it: a holder counts for 12 hours, if alive (same host) or on
// another host (cannot be checked, as in git).
#include "gitreorg/exec/gc_hold.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

#include "gitreorg/core/error.hpp"
#include "gitreorg/core/fd.hpp"

namespace gitreorg::exec {
namespace {

namespace fs = std::filesystem;

std::string host_name() {
  char buf[HOST_NAME_MAX + 1] = {};
  if (gethostname(buf, sizeof buf - 1) != 0) return "unknown";
  return buf;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

[[noreturn]] void refuse(const std::string& why) {
  throw core::Error(fmt::format("{}: its repack could remove the objects apply writes; wait for it to finish and run the "
                                "command again",
                                why),
                    core::kExitRefused);
}

}  // namespace

GcHold::GcHold(const fs::path& commondir) : pid_file_(commondir / "gc.pid") {
  std::string host = host_name();
  fs::path lock = commondir / "gc.pid.lock";
  core::Fd fd(::open(lock.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0666));
  // A lock that names its writer, a dead process of this host: left by a holder killed between writing
  // it and renaming it to gc.pid (git-reorg or git gc, which write it the same way). Taken over, or
  // every later run would refuse. An empty lock may be a gc that has not written it yet: respected.
  if (!fd.valid() && errno == EEXIST) {
    std::istringstream fields(read_file(lock));
    long pid = 0;
    std::string holder;
    if (fields >> pid >> holder && holder == host && pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      ::unlink(lock.c_str());
      fd = core::Fd(::open(lock.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0666));
    } else {
      errno = EEXIST;
    }
  }
  if (!fd.valid()) {
    if (errno == EEXIST) refuse(fmt::format("{} exists: a `git gc` is starting", lock.string()));
    throw core::Error(fmt::format("cannot create `{}`: {}", lock.string(), std::strerror(errno)), core::kExitUsage);
  }
  auto fail = [&](const std::string& why) {
    ::unlink(lock.c_str());
    refuse(why);
  };
  struct stat st {};
  if (::stat(pid_file_.c_str(), &st) == 0 && std::time(nullptr) - st.st_mtime <= 12 * 3600) {
    std::istringstream fields(read_file(pid_file_));
    long pid = 0;
    std::string holder;
    if (fields >> pid >> holder) {
      if (holder != host)
        fail(fmt::format("a `git gc` may be running on {} (pid {}, {})", holder, pid, pid_file_.string()));
      if (pid != static_cast<long>(getpid()) && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM))
        fail(fmt::format("a `git gc` is running (pid {}, {})", pid, pid_file_.string()));
    }
  }
  content_ = fmt::format("{} {}", getpid(), host);
  if (::write(fd.get(), content_.data(), content_.size()) != static_cast<ssize_t>(content_.size()) ||
      ::rename(lock.c_str(), pid_file_.c_str()) != 0) {
    int err = errno;
    ::unlink(lock.c_str());
    throw core::Error(fmt::format("cannot write `{}`: {}", pid_file_.string(), std::strerror(err)), core::kExitUsage);
  }
}

GcHold::~GcHold() {
  if (read_file(pid_file_) == content_) ::unlink(pid_file_.c_str());
}

}  // namespace gitreorg::exec

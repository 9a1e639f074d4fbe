// GcHold with git as the oracle: while it is held, `git gc` sees a gc at work and does nothing; a live
// holder (here or on another host) refuses, a dead one is taken over, and the file goes at the end.
#include <catch2/catch.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <climits>

#include "gitreorg/core/error.hpp"
#include "gitreorg/exec/gc_hold.hpp"
#include "support/temp_repo.hpp"

using namespace gitreorg;
using testing::TempRepo;

namespace {

std::string host_name() {
  char buf[HOST_NAME_MAX + 1] = {};
  REQUIRE(gethostname(buf, sizeof buf - 1) == 0);
  return buf;
}

long dead_pid() {
  pid_t child = fork();
  if (child == 0) _exit(0);
  int status = 0;
  waitpid(child, &status, 0);
  return child;
}

std::string refusal(const std::filesystem::path& gitdir) {
  try {
    exec::GcHold hold(gitdir);
  } catch (const core::Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("gc hold: git gc does nothing while apply holds gc.pid, and the file goes with the hold", "[exec][gc]") {
  TempRepo r;
  r.write("a.txt", "a\n");
  r.commit("first");
  std::filesystem::path gitdir = r.dir() / ".git";
  {
    exec::GcHold hold(gitdir);
    CHECK(r.read(".git/gc.pid") == std::to_string(getpid()) + " " + host_name());
    auto gc = r.git({"gc"}, true);
    CHECK(gc.exit_code != 0);
    CHECK(gc.err.find("gc is already running") != std::string::npos);
  }
  CHECK(!std::filesystem::exists(gitdir / "gc.pid"));
  CHECK(!std::filesystem::exists(gitdir / "gc.pid.lock"));
  CHECK(r.git({"gc", "-q"}, true).exit_code == 0);
}

TEST_CASE("gc hold: a running gc refuses, on this host or another; a dead one is taken over", "[exec][gc]") {
  TempRepo r;
  r.write("a.txt", "a\n");
  r.commit("first");
  std::filesystem::path gitdir = r.dir() / ".git";
  // This test process stands for a live gc.
  r.write(".git/gc.pid", std::to_string(getppid()) + " " + host_name());
  CHECK(refusal(gitdir).find("a `git gc` is running (pid " + std::to_string(getppid())) == 0);
  r.write(".git/gc.pid", "123 build-server-2");
  CHECK(refusal(gitdir).find("a `git gc` may be running on build-server-2 (pid 123") == 0);
  CHECK(r.read(".git/gc.pid") == "123 build-server-2");  // a refusal changes nothing
  CHECK(!std::filesystem::exists(gitdir / "gc.pid.lock"));
  r.write(".git/gc.pid.lock", "");
  CHECK(refusal(gitdir).find("gc.pid.lock exists: a `git gc` is starting") != std::string::npos);
  // A lock that names a live process, or one on another host, is respected; one that names a dead
  // process of this host was left by a killed holder (found by tests/crash/kill_every_syscall.sh: a
  // --continue killed at its first rename left it, and every later run refused) and is taken over.
  r.write(".git/gc.pid.lock", std::to_string(getppid()) + " " + host_name());
  CHECK(refusal(gitdir).find("gc.pid.lock exists: a `git gc` is starting") != std::string::npos);
  r.write(".git/gc.pid.lock", std::to_string(dead_pid()) + " build-server-2");
  CHECK(refusal(gitdir).find("gc.pid.lock exists: a `git gc` is starting") != std::string::npos);
  r.write(".git/gc.pid.lock", std::to_string(dead_pid()) + " " + host_name());
  CHECK(refusal(gitdir).find("a `git gc` may be running on build-server-2") == 0);  // taken over; then gc.pid is read
  CHECK(!std::filesystem::exists(gitdir / "gc.pid.lock"));
  r.write(".git/gc.pid", std::to_string(dead_pid()) + " " + host_name());
  CHECK(refusal(gitdir).empty());
  CHECK(!std::filesystem::exists(gitdir / "gc.pid"));
}

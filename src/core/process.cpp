// posix_spawnp with pipes for stdin, stdout and stderr, served by poll(2) so that neither side blocks
// on a full pipe.
#include "gitreorg/core/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <set>

#include "gitreorg/core/fd.hpp"

extern char** environ;

namespace gitreorg::core {
namespace {

bool make_pipe(Fd& read_end, Fd& write_end) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return false;
  read_end = Fd(fds[0]);
  write_end = Fd(fds[1]);
  return true;
}

// The environment of the child: ours with `changes` applied.
std::vector<std::string> child_environment(const std::map<std::string, std::optional<std::string>>& changes) {
  std::vector<std::string> out;
  for (char** e = environ; *e; ++e) {
    std::string_view entry(*e);
    std::string name(entry.substr(0, entry.find('=')));
    if (!changes.count(name)) out.emplace_back(entry);
  }
  for (const auto& [name, value] : changes)
    if (value) out.push_back(name + "=" + *value);
  return out;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  ProcessResult r;
  if (argv.empty()) {
    r.error = "no program to run";
    return r;
  }
  Fd in_r, in_w, out_r, out_w, err_r, err_w;
  if (!make_pipe(in_r, in_w) || !make_pipe(out_r, out_w) || (options.capture_stderr && !make_pipe(err_r, err_w))) {
    r.error = std::string("cannot create a pipe: ") + std::strerror(errno);
    return r;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_r.get(), 0);
  posix_spawn_file_actions_adddup2(&actions, options.stdout_to_stderr ? 2 : out_w.get(), 1);
  if (options.capture_stderr) posix_spawn_file_actions_adddup2(&actions, err_w.get(), 2);
  if (!options.cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, options.cwd.c_str());
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  std::vector<std::string> env = child_environment(options.env);
  std::vector<char*> envp;
  for (std::string& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, argv[0].c_str(), &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  in_r.close();
  out_w.close();
  err_w.close();
  if (rc != 0) {
    r.error = std::strerror(rc);
    return r;
  }
  r.started = true;
  // Feed stdin and drain stdout and stderr together: a child that writes much before it reads must
  // not block us, nor we it. A child that exits without reading its input is no error (EPIPE).
  struct sigaction ignore {}, old {};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &old);
  std::size_t written = 0;
  if (options.input.empty()) in_w.close();
  char buf[65536];
  while (in_w.valid() || out_r.valid() || err_r.valid()) {
    std::vector<pollfd> fds;
    if (in_w.valid()) fds.push_back({in_w.get(), POLLOUT, 0});
    if (out_r.valid()) fds.push_back({out_r.get(), POLLIN, 0});
    if (err_r.valid()) fds.push_back({err_r.get(), POLLIN, 0});
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (const pollfd& p : fds) {
      if (!p.revents) continue;
      if (in_w.valid() && p.fd == in_w.get()) {
        ssize_t n = ::write(p.fd, options.input.data() + written, options.input.size() - written);
        if (n > 0) written += static_cast<std::size_t>(n);
        if (n < 0 && errno != EINTR && errno != EAGAIN) in_w.close();
        else if (written == options.input.size()) in_w.close();
        continue;
      }
      Fd& from = out_r.valid() && p.fd == out_r.get() ? out_r : err_r;
      std::string& to = &from == &out_r ? r.out : r.err;
      ssize_t n = ::read(p.fd, buf, sizeof buf);
      if (n > 0) to.append(buf, static_cast<std::size_t>(n));
      else if (n == 0 || (errno != EINTR && errno != EAGAIN)) from.close();
    }
  }
  ::sigaction(SIGPIPE, &old, nullptr);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

}  // namespace gitreorg::core

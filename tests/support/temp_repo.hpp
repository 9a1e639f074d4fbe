// Test helpers: run commands without a shell, and throwaway git repositories with fixed identities and
// dates (so object ids are stable). A repository is removed when its test passes and kept (its path
// printed) when the test fails, to look at.
#pragma once

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace gitreorg::testing {

namespace fs = std::filesystem;

// The status of a git-reorg killed by fault injection (GITREORG_FAULT_AFTER_*, _HOLDING_LOCK): none of the
// documented exit codes.
constexpr int kFaultKilled = 99;

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs argv[0] (looked up on PATH) in `cwd` with extra environment variables, and without those
// named in `unset`; captures stdout/stderr.
inline CommandResult run_command(const std::vector<std::string>& argv, const fs::path& cwd = {},
                                 const std::map<std::string, std::string>& env = {},
                                 const std::vector<std::string>& unset = {}) {
  fs::path dir = fs::temp_directory_path();
  static std::atomic<int> counter{0};
  std::string tag = std::to_string(getpid()) + "-" + std::to_string(counter++);
  fs::path out_file = dir / ("gitreorg-out-" + tag), err_file = dir / ("gitreorg-err-" + tag);

  std::map<std::string, std::string> vars;
  for (char** e = environ; *e; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos) vars[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (auto& [k, v] : env) vars[k] = v;
  for (const std::string& k : unset) vars.erase(k);
  std::vector<std::string> env_strings;
  for (auto& [k, v] : vars) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp, args;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_copy = argv;
  for (auto& s : argv_copy) args.push_back(s.data());
  args.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot run " + argv[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(out_file);
  r.err = slurp(err_file);
  fs::remove(out_file);
  fs::remove(err_file);
  return r;
}

// The non-empty lines of a command's output.
inline std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) out.push_back(l);
  return out;
}

// The environment every test git command runs with: no user config, fixed identities and dates.
inline std::map<std::string, std::string> fixed_git_env(int tick = 0) {
  std::string date = std::to_string(1700000000 + tick * 60) + " +0000";
  return {{"GIT_AUTHOR_NAME", "Test Author"},     {"GIT_AUTHOR_EMAIL", "author@example.com"},
          {"GIT_AUTHOR_DATE", date},              {"GIT_COMMITTER_NAME", "Test Committer"},
          {"GIT_COMMITTER_EMAIL", "committer@example.com"}, {"GIT_COMMITTER_DATE", date},
          {"GIT_CONFIG_NOSYSTEM", "1"},           {"GIT_CONFIG_GLOBAL", "/dev/null"},
          // No automatic gc: a commit of thousands of files starts a detached `git gc --auto`, whose
          // repack raced apply's pack in CI (its .idx deleted: "bad object HEAD").
          {"GIT_CONFIG_COUNT", "2"},              {"GIT_CONFIG_KEY_0", "gc.auto"},
          {"GIT_CONFIG_VALUE_0", "0"},            {"GIT_CONFIG_KEY_1", "maintenance.auto"},
          {"GIT_CONFIG_VALUE_1", "false"},        {"NO_COLOR", "1"}};
}

// True once an assertion of the running test case has failed (a Catch2 listener counts them).
bool current_test_failed();

// A throwaway repository in a fresh temp directory.
class TempRepo {
 public:
  TempRepo() {
    static std::atomic<int> counter{0};
    dir_ = fs::temp_directory_path() /
           ("gitreorg-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + "-" + std::to_string(std::rand()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    git({"init", "-q", "-b", "main"});
  }
  ~TempRepo() {
    // Kept for inspection when any assertion of the test failed, or an exception is on its way out.
    if (keep_ || current_test_failed() || std::uncaught_exceptions() > 0) {
      std::fprintf(stderr, "kept test repository: %s\n", dir_.c_str());
      return;
    }
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  TempRepo(const TempRepo&) = delete;
  TempRepo& operator=(const TempRepo&) = delete;

  const fs::path& dir() const { return dir_; }
  void keep() { keep_ = true; }

  // Writes a file (creating directories); `mode` 0755 makes it executable.
  void write(const std::string& path, const std::string& content, fs::perms mode = fs::perms(0644)) const {
    fs::path p = dir_ / path;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary | std::ios::trunc) << content;
    fs::permissions(p, mode);
  }
  void symlink(const std::string& target, const std::string& path) const {
    fs::path p = dir_ / path;
    fs::create_directories(p.parent_path());
    fs::create_symlink(target, p);
  }
  std::string read(const std::string& path) const {
    std::ifstream in(dir_ / path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  // Stages everything and commits with a fixed identity and a date that advances per commit.
  std::string commit(const std::string& message) {
    git({"add", "-A"});
    git({"commit", "-q", "--allow-empty", "-m", message});
    return trim(git({"rev-parse", "HEAD"}).out);
  }

  // Runs git in the repository; fails the test if git fails unless `allow_failure`.
  CommandResult git(std::vector<std::string> args, bool allow_failure = false) {
    args.insert(args.begin(), "git");
    CommandResult r = run_command(args, dir_, fixed_git_env(++tick_));
    if (!allow_failure && r.exit_code != 0) FAIL("git " << args[1] << " failed: " << r.err);
    return r;
  }

  // Runs the built git-reorg with `args` in the repository.
  CommandResult reorg(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    args.insert(args.begin(), GITREORG_CLI_PATH);
    auto e = fixed_git_env(++tick_);
    for (auto& [k, v] : env) e[k] = v;
    return run_command(args, dir_, e);
  }

  static std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    return s;
  }

 private:
  fs::path dir_;
  int tick_ = 0;
  bool keep_ = false;
};

}  // namespace gitreorg::testing

// Hooks run the way `git commit` runs them: from the top of the work tree, stdout sent to stderr, with
// GIT_INDEX_FILE, GIT_EDITOR=:, GIT_PREFIX and the author's GIT_AUTHOR_* in their environment.
#include "gitreorg/exec/commit_hooks.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "gitreorg/core/process.hpp"
#include "gitreorg/exec/apply.hpp"
#include "gitreorg/git/config.hpp"
#include "gitreorg/git/index_file.hpp"
#include "gitreorg/git/state.hpp"

namespace fs = std::filesystem;

namespace gitreorg::exec {
namespace {

std::string git_date(const git::Signature& s) {
  int off = s.offset_minutes < 0 ? -s.offset_minutes : s.offset_minutes;
  return fmt::format("@{} {}{:02}{:02}", s.time, s.offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
}

// git's whitespace cleanup of a message given with -m (no editor): trailing blanks of each line,
// blank lines at the start and the end, runs of blank lines made one; a final newline.
std::string clean_up(const std::string& text) {
  std::istringstream in(text);
  std::string line, out;
  bool blank_pending = false;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.pop_back();
    if (line.empty()) {
      blank_pending = !out.empty();
      continue;
    }
    if (blank_pending) out += "\n";
    blank_pending = false;
    out += line + "\n";
  }
  return out;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool is_trailer(const std::string& line) {
  std::size_t colon = line.find(':');
  if (colon == 0 || colon == std::string::npos) return false;
  for (std::size_t k = 0; k < colon; ++k) {
    char c = line[k];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-')) return false;
  }
  return true;
}

}  // namespace

fs::path hooks_dir(const git::Repository& repo) {
  std::optional<std::string> configured = git::config_string(repo, "core.hooksPath");
  if (!configured || configured->empty()) return repo.commondir() / "hooks";
  fs::path dir = *configured;
  if (configured->rfind("~/", 0) == 0) {
    const char* home = std::getenv("HOME");
    dir = fs::path(home ? home : "") / configured->substr(2);
  }
  if (dir.is_relative()) dir = (repo.is_bare() ? repo.gitdir() : repo.workdir()) / dir;
  return dir;
}

CommitHooks::CommitHooks(const git::Repository& repo, const git::Signature& author, bool no_verify)
    : repo_(repo), author_(author), no_verify_(no_verify) {
  pre_commit_ = find("pre-commit");
  prepare_commit_msg_ = find("prepare-commit-msg");
  commit_msg_ = find("commit-msg");
  post_commit_ = find("post-commit");
}

CommitHooks::~CommitHooks() {
  std::error_code ec;
  if (!index_.empty()) fs::remove(index_, ec);
}

std::optional<fs::path> CommitHooks::find(const std::string& name) const {
  if (no_verify_ && (name == "pre-commit" || name == "commit-msg")) return std::nullopt;
  fs::path hook = hooks_dir(repo_) / name;
  std::error_code ec;
  if (!fs::is_regular_file(hook, ec)) return std::nullopt;
  if (::access(hook.c_str(), X_OK) != 0) {  // as git, with advice.ignoredHook's hint
    if (git::config_bool(repo_, "advice.ignoredHook", true))
      fmt::print(stderr,
                 "hint: The '{}' hook was ignored because it's not set as executable.\n"
                 "hint: You can disable this warning with `git config advice.ignoredHook false`.\n",
                 hook.string());
    return std::nullopt;
  }
  return hook;
}

bool CommitHooks::before_commit() const { return pre_commit_ || prepare_commit_msg_ || commit_msg_; }

int CommitHooks::run(const fs::path& hook, const std::vector<std::string>& args, bool temporary_index) {
  core::ProcessOptions options;
  options.cwd = repo_.workdir();
  options.capture_stderr = false;
  options.stdout_to_stderr = true;
  options.env["GIT_INDEX_FILE"] = temporary_index && !index_.empty() ? index_.string() : (repo_.gitdir() / "index").string();
  options.env["GIT_EDITOR"] = ":";
  options.env["GIT_PREFIX"] = "";
  options.env["GIT_AUTHOR_NAME"] = author_.name;
  options.env["GIT_AUTHOR_EMAIL"] = author_.email;
  options.env["GIT_AUTHOR_DATE"] = git_date(author_);
  std::vector<std::string> argv = {hook.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::fflush(stdout);
  std::fflush(stderr);
  core::ProcessResult r = core::run_process(argv, options);
  if (!r.started)
    throw ApplyError(fmt::format("cannot run the {} hook `{}`: {}", hook.filename().string(), hook.string(), r.error),
                     core::kExitRefused);
  return r.status;
}

void CommitHooks::pre_commit(const std::string& tree) {
  if (before_commit()) {
    index_ = repo_.gitdir() / "reorg-hook-index";
    git::write_index_file(repo_, tree, index_);
  }
  if (!pre_commit_) return;
  if (int status = run(*pre_commit_, {}, true); status != 0)
    throw ApplyError(fmt::format("the pre-commit hook refused the commit (exit status {})", status), core::kExitRefused,
                     {"`--no-verify` skips the pre-commit and commit-msg hooks"});
}

std::string CommitHooks::message(const std::string& message) {
  const std::optional<fs::path>&prepare = prepare_commit_msg_, &check = commit_msg_;
  if (!prepare && !check) return message;
  fs::path file = repo_.gitdir() / "COMMIT_EDITMSG";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << message;
    if (!out.flush()) throw ApplyError(fmt::format("cannot write `{}`", file.string()), core::kExitUsage);
  }
  // Relative to the top of the work tree, as git passes it.
  std::string arg = fs::path(file).lexically_relative(repo_.workdir()).string();
  if (arg.empty() || arg.rfind("..", 0) == 0) arg = file.string();
  if (prepare)
    if (int status = run(*prepare, {arg, "message"}, true); status != 0)
      throw ApplyError(fmt::format("the prepare-commit-msg hook refused the commit (exit status {})", status),
                       core::kExitRefused);
  if (check)
    if (int status = run(*check, {arg}, true); status != 0)
      throw ApplyError(fmt::format("the commit-msg hook refused the commit (exit status {})", status), core::kExitRefused,
                       {"`--no-verify` skips the pre-commit and commit-msg hooks"});
  std::string edited = clean_up(read_file(file));
  if (edited.empty())
    throw ApplyError("aborting commit due to empty commit message (left so by a hook)", core::kExitRefused);
  return edited;
}

void CommitHooks::post_commit() {
  if (!post_commit_) return;
  try {
    run(*post_commit_, {}, false);
  } catch (const std::exception& e) {  // the commits are made: say so, and go on
    fmt::print(stderr, "git-reorg: warning: {}\n", e.what());
  }
}

std::string append_signoff(const std::string& message, const git::Signature& committer) {
  std::string sob = fmt::format("Signed-off-by: {} <{}>", committer.name, committer.email);
  std::string text = message;
  if (!text.empty() && text.back() != '\n') text += '\n';
  // The last paragraph: a trailer block when each of its lines is `Token: value`.
  std::vector<std::string> last;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.find_first_not_of(" \t") == std::string::npos) last.clear();
    else last.push_back(line);
  }
  bool trailers = !last.empty() && text.find('\n') + 1 < text.size();  // not the subject alone
  for (const std::string& l : last) trailers = trailers && is_trailer(l);
  if (trailers && last.back() == sob) return text;
  return text + (trailers ? "" : "\n") + sob + "\n";
}

}  // namespace gitreorg::exec

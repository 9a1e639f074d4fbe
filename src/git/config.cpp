// Config strings, config.worktree first (libgit2 1.5 does not read it).
#include "gitreorg/git/config.hpp"

#include <filesystem>

#include "git/handle.hpp"

namespace gitreorg::git {

std::optional<std::string> config_string(const Repository& repo, const std::string& name) {
  std::filesystem::path worktree_config = repo.gitdir() / "config.worktree";
  if (std::filesystem::exists(worktree_config)) {
    git_config* w = nullptr;
    check(git_config_open_ondisk(&w, worktree_config.c_str()), "cannot read config.worktree");
    ConfigPtr owned(w);
    Buf buf;
    int rc = git_config_get_string_buf(buf.get(), w, name.c_str());
    if (rc == 0) return buf.str();
    if (rc != GIT_ENOTFOUND) check(rc, ("cannot read " + name).c_str());
    git_error_clear();
  }
  git_config* c = nullptr;
  check(git_repository_config_snapshot(&c, repo.raw()), "cannot read the repository's config");
  ConfigPtr config(c);
  Buf buf;
  int rc = git_config_get_string_buf(buf.get(), c, name.c_str());
  if (rc == GIT_ENOTFOUND) {
    git_error_clear();
    return std::nullopt;
  }
  check(rc, ("cannot read " + name).c_str());
  return buf.str();
}

}  // namespace gitreorg::git

// Creating repositories through libgit2.
#include "gitreorg/git/init.hpp"

#include "git/handle.hpp"

namespace gitreorg::git {

Repository init_repository(const std::filesystem::path& dir, const InitOptions& opts) {
  git_repository_init_options init = GIT_REPOSITORY_INIT_OPTIONS_INIT;
  init.flags = GIT_REPOSITORY_INIT_MKPATH;
  init.initial_head = opts.initial_branch.c_str();
  git_repository* r = nullptr;
  check(git_repository_init_ext(&r, dir.c_str(), &init), ("cannot create a repository in " + dir.string()).c_str());
  git_repository_free(r);
  Repository repo = Repository::open(dir);
  if (!opts.config.empty()) {
    git_config* c = nullptr;
    check(git_repository_config(&c, repo.raw()), "cannot open the repository's config");
    ConfigPtr config(c);
    for (const auto& [name, value] : opts.config)
      check(git_config_set_string(config.get(), name.c_str(), value.c_str()), ("cannot set " + name).c_str());
  }
  return repo;
}

void ignore_user_config() {
  for (const int level : {GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL})
    check(git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, ""), "cannot set the config search path");
}

}  // namespace gitreorg::git

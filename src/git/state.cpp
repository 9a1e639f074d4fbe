// Repository state, HEAD and status through libgit2.
#include "gitreorg/git/state.hpp"

#include <algorithm>

#include "git/handle.hpp"

namespace gitreorg::git {

std::string operation_in_progress(const Repository& repo) {
  switch (git_repository_state(repo.raw())) {
    case GIT_REPOSITORY_STATE_NONE: return "";
    case GIT_REPOSITORY_STATE_MERGE: return "merge";
    case GIT_REPOSITORY_STATE_REVERT:
    case GIT_REPOSITORY_STATE_REVERT_SEQUENCE: return "revert";
    case GIT_REPOSITORY_STATE_CHERRYPICK:
    case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE: return "cherry-pick";
    case GIT_REPOSITORY_STATE_BISECT: return "bisect";
    case GIT_REPOSITORY_STATE_APPLY_MAILBOX: return "am";
    default: return "rebase";
  }
}

Head read_head(const Repository& repo) {
  Head h;
  int detached = git_repository_head_detached(repo.raw());
  int unborn = git_repository_head_unborn(repo.raw());
  check(std::min(detached, unborn), "cannot read HEAD");
  h.detached = detached == 1;
  h.unborn = unborn == 1;
  git_reference* r = nullptr;
  check(git_reference_lookup(&r, repo.raw(), "HEAD"), "cannot read HEAD");
  ReferencePtr head(r);
  if (git_reference_type(r) == GIT_REFERENCE_SYMBOLIC) h.ref = git_reference_symbolic_target(r);
  if (!h.unborn) h.commit = repo.resolve_commit("HEAD");
  return h;
}

std::vector<std::string> changed_tracked_paths(const Repository& repo, std::size_t limit) {
  git_status_options opts = GIT_STATUS_OPTIONS_INIT;
  opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  opts.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
  git_status_list* l = nullptr;
  check(git_status_list_new(&l, repo.raw(), &opts), "cannot compute status");
  StatusListPtr list(l);
  std::vector<std::string> out;
  std::size_t n = git_status_list_entrycount(l);
  for (std::size_t k = 0; k < n && out.size() < limit; ++k) {
    const git_status_entry* e = git_status_byindex(l, k);
    if (e->status == GIT_STATUS_CURRENT || (e->status & (GIT_STATUS_WT_NEW | GIT_STATUS_IGNORED)) == e->status) continue;
    const git_diff_delta* d = e->head_to_index ? e->head_to_index : e->index_to_workdir;
    out.push_back(d && d->new_file.path ? d->new_file.path : d && d->old_file.path ? d->old_file.path : "?");
  }
  return out;
}

}  // namespace gitreorg::git

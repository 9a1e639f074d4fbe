// The renames of a first-parent history, through libgit2's tree diff and rename detection.
#include "gitreorg/git/renames.hpp"

#include <algorithm>

#include "git/handle.hpp"

namespace gitreorg::git {
namespace {

using RevwalkPtr = Handle<git_revwalk, git_revwalk_free>;
using DiffPtr = Handle<git_diff, git_diff_free>;

}  // namespace

RenameWalk follow_renames(const Repository& repo, const std::string& tip, std::size_t max_commits) {
  RenameWalk out;
  git_revwalk* w = nullptr;
  check(git_revwalk_new(&w, repo.raw()), "cannot walk the history");
  RevwalkPtr walk(w);
  check(git_revwalk_sorting(w, GIT_SORT_NONE), "cannot walk the history");
  check(git_revwalk_simplify_first_parent(w), "cannot walk the history");
  git_oid start = oid_from_hex(tip);
  check(git_revwalk_push(w, &start), "cannot walk the history");
  git_oid oid;
  int rc = 0;
  while ((rc = git_revwalk_next(&oid, w)) == 0) {
    if (out.commits == max_commits) {
      out.truncated = true;
      break;
    }
    ++out.commits;
    git_commit* c = nullptr;
    check(git_commit_lookup(&c, repo.raw(), &oid), "cannot read commit");
    CommitPtr commit(c);
    if (git_commit_parentcount(c) == 0) continue;  // a root commit renames nothing
    git_commit* p = nullptr;
    check(git_commit_parent(&p, c, 0), "cannot read commit");
    CommitPtr parent(p);
    git_tree *old_raw = nullptr, *new_raw = nullptr;
    check(git_commit_tree(&old_raw, p), "cannot read tree");
    TreePtr old_tree(old_raw);
    check(git_commit_tree(&new_raw, c), "cannot read tree");
    TreePtr new_tree(new_raw);
    git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
    git_diff* d = nullptr;
    check(git_diff_tree_to_tree(&d, repo.raw(), old_tree.get(), new_tree.get(), &opts), "cannot diff trees");
    DiffPtr diff(d);
    bool added = false, deleted = false;
    std::size_t n = git_diff_num_deltas(d);
    for (std::size_t i = 0; i < n && !(added && deleted); ++i) {
      git_delta_t s = git_diff_get_delta(d, i)->status;
      added |= s == GIT_DELTA_ADDED;
      deleted |= s == GIT_DELTA_DELETED;
    }
    if (!added || !deleted) continue;  // nothing can have been renamed
    git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
    find.flags = GIT_DIFF_FIND_RENAMES;
    check(git_diff_find_similar(d, &find), "cannot detect renames");
    std::string id = oid_hex(&oid);
    std::size_t first = out.renames.size();
    n = git_diff_num_deltas(d);
    for (std::size_t i = 0; i < n; ++i) {
      const git_diff_delta* delta = git_diff_get_delta(d, i);
      if (delta->status == GIT_DELTA_RENAMED) out.renames.push_back({delta->old_file.path, delta->new_file.path, id});
    }
    std::sort(out.renames.begin() + static_cast<std::ptrdiff_t>(first), out.renames.end(),
              [](const Rename& a, const Rename& b) { return a.from < b.from; });
  }
  if (rc != 0 && rc != GIT_ITEROVER) check(rc, "cannot walk the history");
  return out;
}

}  // namespace gitreorg::git

// Repository state, HEAD and status through libgit2.
#include "gitreorg/git/state.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "git/canonical_mode.hpp"
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

namespace {

using RepositoryPtr = Handle<git_repository, git_repository_free>;

// The commit a submodule's work tree has checked out; "" when it has none (not initialized).
std::string submodule_head(const std::string& dir) {
  git_repository* r = nullptr;
  if (git_repository_open_ext(&r, dir.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0) {
    git_error_clear();
    return "";
  }
  RepositoryPtr sub(r);
  git_oid id;
  if (git_reference_name_to_id(&id, r, "HEAD") != 0) {
    git_error_clear();
    return "";
  }
  return git_oid_tostr_s(&id);
}

// What the status list does not show: a submodule pointer (gitlink) that is staged, whose directory
// is gone or whose checkout moved, and a file marked assume-unchanged or skip-worktree whose work
// tree content differs from the index (git status hides those bits, the work tree still has the edit).
bool hidden_change(git_repository* repo, const git_tree* head_tree, const git_index_entry* e, const std::string& workdir) {
  bool gitlink = e->mode == GIT_FILEMODE_COMMIT;
  bool hidden = (e->flags & GIT_INDEX_ENTRY_VALID) || (e->flags_extended & GIT_INDEX_ENTRY_SKIP_WORKTREE);
  if (!gitlink && !hidden) return false;
  std::string path = workdir + e->path;
  struct stat st;
  bool exists = lstat(path.c_str(), &st) == 0;
  if (gitlink) {
    git_tree_entry* te = nullptr;
    if (git_tree_entry_bypath(&te, head_tree, e->path) != 0) {
      git_error_clear();
      return true;  // a submodule added in the index
    }
    bool staged = git_tree_entry_filemode(te) != GIT_FILEMODE_COMMIT || !git_oid_equal(git_tree_entry_id(te), &e->id);
    git_tree_entry_free(te);
    if (staged || !exists || !S_ISDIR(st.st_mode)) return true;
    std::string checked_out = submodule_head(path);
    return !checked_out.empty() && checked_out != git_oid_tostr_s(&e->id);
  }
  if (!exists) return true;
  git_oid id;
  if (S_ISLNK(st.st_mode)) {
    std::string target(static_cast<std::size_t>(st.st_size) + 1, '\0');
    ssize_t n = ::readlink(path.c_str(), target.data(), target.size());
    if (n < 0) return true;
    check(git_odb_hash(&id, target.data(), static_cast<std::size_t>(n), GIT_OBJECT_BLOB), "cannot hash a symlink");
    return e->mode != GIT_FILEMODE_LINK || !git_oid_equal(&id, &e->id);
  }
  if (!S_ISREG(st.st_mode) || e->mode == GIT_FILEMODE_LINK) return true;
  check(git_repository_hashfile(&id, repo, path.c_str(), GIT_OBJECT_BLOB, e->path), "cannot hash a work tree file");
  return !git_oid_equal(&id, &e->id);
}

// A file staged with only its mode changed from 100664 to 100644: no change to git, which reads a
// tree's 100664 (old git wrote it) as 100644 and never puts it in the index; libgit2 compares the bits.
bool only_old_group_writable_mode(const git_status_entry* e) {
  const git_diff_delta* d = e->head_to_index;
  if (e->status != GIT_STATUS_INDEX_MODIFIED || !d) return false;
  return git_oid_equal(&d->old_file.id, &d->new_file.id) && canonical_mode(d->old_file.mode) == canonical_mode(d->new_file.mode);
}

}  // namespace

std::vector<std::string> changed_tracked_paths(const Repository& repo, std::size_t limit) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto add = [&](std::string p) {
    if (out.size() < limit && seen.insert(p).second) out.push_back(std::move(p));
  };
  if (!tracked_files_unchanged_by_stat(repo)) {
    git_status_options opts = GIT_STATUS_OPTIONS_INIT;
    opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    opts.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES;  // submodules are checked below, without their content
    git_status_list* l = nullptr;
    check(git_status_list_new(&l, repo.raw(), &opts), "cannot compute status");
    StatusListPtr list(l);
    std::size_t n = git_status_list_entrycount(l);
    for (std::size_t k = 0; k < n && out.size() < limit; ++k) {
      const git_status_entry* e = git_status_byindex(l, k);
      if (e->status == GIT_STATUS_CURRENT || (e->status & (GIT_STATUS_WT_NEW | GIT_STATUS_IGNORED)) == e->status) continue;
      if (only_old_group_writable_mode(e)) continue;
      const git_diff_delta* d = e->head_to_index ? e->head_to_index : e->index_to_workdir;
      add(d && d->new_file.path ? d->new_file.path : d && d->old_file.path ? d->old_file.path : "?");
    }
  }
  if (repo.is_bare() || out.size() >= limit) return out;

  git_index* i = nullptr;
  check(git_repository_index(&i, repo.raw()), "cannot read the index");
  IndexPtr index(i);
  TreePtr head_tree;
  git_oid head_id;
  if (git_reference_name_to_id(&head_id, repo.raw(), "HEAD") == 0) {
    git_commit* c = nullptr;
    check(git_commit_lookup(&c, repo.raw(), &head_id), "cannot read HEAD");
    CommitPtr commit(c);
    git_tree* t = nullptr;
    check(git_commit_tree(&t, c), "cannot read HEAD's tree");
    head_tree.reset(t);
  } else {
    git_error_clear();
    return out;  // unborn HEAD: apply refuses it anyway
  }
  std::string workdir = repo.workdir().string();
  if (!workdir.empty() && workdir.back() != '/') workdir += '/';
  std::size_t count = git_index_entrycount(i);
  for (std::size_t k = 0; k < count && out.size() < limit; ++k) {
    const git_index_entry* e = git_index_get_byindex(i, k);
    if (hidden_change(repo.raw(), head_tree.get(), e, workdir)) add(e->path);
  }
  return out;
}

bool config_bool(const Repository& repo, const std::string& name, bool fallback) {
  // The worktree's own config first (`git sparse-checkout` writes there): libgit2 1.5 does not read it.
  std::filesystem::path worktree_config = repo.gitdir() / "config.worktree";
  if (std::filesystem::exists(worktree_config)) {
    git_config* w = nullptr;
    check(git_config_open_ondisk(&w, worktree_config.c_str()), "cannot read config.worktree");
    ConfigPtr owned(w);
    int value = 0;
    int rc = git_config_get_bool(&value, w, name.c_str());
    if (rc == 0) return value != 0;
    if (rc != GIT_ENOTFOUND) check(rc, ("cannot read " + name).c_str());
    git_error_clear();
  }
  git_config* c = nullptr;
  check(git_repository_config_snapshot(&c, repo.raw()), "cannot read the repository's config");
  ConfigPtr config(c);
  int value = 0;
  int rc = git_config_get_bool(&value, c, name.c_str());
  if (rc == GIT_ENOTFOUND) {
    git_error_clear();
    return fallback;
  }
  check(rc, ("cannot read " + name).c_str());
  return value != 0;
}

}  // namespace gitreorg::git

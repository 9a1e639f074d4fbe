// Opening repositories and reading trees through libgit2.
#include "gitreorg/git/repository.hpp"

#include "git/handle.hpp"

#include <algorithm>
#include <iterator>
#include <cstdlib>
#include <optional>

namespace gitreorg::git {

LibGit2::LibGit2() {
  git_libgit2_init();
  // Repository extensions git-reorg reads correctly although libgit2 1.5 does not know them (it refuses
  // to open such a repository): a partial clone (extensions.partialClone, set by git before 2.21's
  // remote.*.promisor; the objects it lacks are never fetched, and HEAD's are all there after a
  // checkout) and per-worktree config (extensions.worktreeConfig; state.cpp reads config.worktree).
  const char* extensions[] = {"partialclone", "worktreeconfig"};
  check(git_libgit2_opts(GIT_OPT_SET_EXTENSIONS, extensions, std::size(extensions)), "cannot declare repository extensions");
  // libgit2 hashes every object it reads again to compare it with its id (git does not: it checks
  // on fsck and transfer); plan and apply read every blob, so that was a second hash of the repository.
  check(git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0), "cannot turn off strict hash verification");
  // Packs are mapped in windows of 1 GiB up to 8 GiB by default: reading every blob keeps the whole
  // pack mapped and resident (50 MB of a 100k-file plan's peak). Two windows of 8 MiB keep what is
  // resident near what is being read, for the same CPU time (measured at 100k files).
  check(git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, std::size_t{8} << 20), "cannot set the pack window size");
  check(git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, std::size_t{16} << 20), "cannot set the pack mapping limit");
}
LibGit2::~LibGit2() { git_libgit2_shutdown(); }

void Repository::Free::operator()(git_repository* r) const { git_repository_free(r); }

namespace {

std::optional<std::string> env_value(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

// git's boolean spelling (GIT_DISCOVERY_ACROSS_FILESYSTEM=1, true, yes, on).
bool env_true(const char* name) {
  std::optional<std::string> v = env_value(name);
  return v && (*v == "1" || *v == "true" || *v == "yes" || *v == "on");
}

bool config_has(git_repository* r, const char* name) {
  git_config* c = nullptr;
  check(git_repository_config_snapshot(&c, r), "cannot read the repository's config");
  ConfigPtr config(c);
  git_config_entry* e = nullptr;
  int rc = git_config_get_entry(&e, c, name);
  if (rc == GIT_ENOTFOUND) {
    git_error_clear();
    return false;
  }
  check(rc, "cannot read the repository's config");
  git_config_entry_free(e);
  return true;
}

std::filesystem::path absolute_from(const std::filesystem::path& dir, const std::string& path) {
  return std::filesystem::absolute(dir / path).lexically_normal();
}

}  // namespace

Repository Repository::discover(const std::filesystem::path& dir) {
  // Opened from `dir` itself (not from the git dir it leads to): libgit2 then takes the work tree from
  // the `.git` file it followed, where the git dir alone would give its own parent.
  unsigned flags = env_true("GIT_DISCOVERY_ACROSS_FILESYSTEM") ? GIT_REPOSITORY_OPEN_CROSS_FS : 0;
  std::optional<std::string> ceilings = env_value("GIT_CEILING_DIRECTORIES");
  git_repository* r = nullptr;
  int rc = git_repository_open_ext(&r, dir.c_str(), flags, ceilings ? ceilings->c_str() : nullptr);
  if (rc == GIT_ENOTFOUND) throw GitError("not a git repository (or any of the parent directories): " + dir.string(), rc);
  check(rc, "cannot open repository");
  return Repository(r);
}

Repository Repository::locate(const std::filesystem::path& dir) {
  std::optional<std::string> git_dir = env_value("GIT_DIR"), work_tree = env_value("GIT_WORK_TREE");
  if (!git_dir) {
    Repository repo = discover(dir);
    if (work_tree) repo.set_workdir(absolute_from(dir, *work_tree));
    return repo;
  }
  std::filesystem::path path = absolute_from(dir, *git_dir);
  git_repository* r = nullptr;
  int rc = git_repository_open_ext(&r, path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH | GIT_REPOSITORY_OPEN_NO_DOTGIT, nullptr);
  if (rc == GIT_ENOTFOUND) throw GitError("not a git repository: " + *git_dir + " (GIT_DIR)", rc);
  check(rc, "cannot open repository");
  Repository repo(r);
  // As git: GIT_WORK_TREE, else core.worktree, else no work tree for a bare one and `dir` for any other.
  if (work_tree)
    repo.set_workdir(absolute_from(dir, *work_tree));
  else if (!config_has(r, "core.worktree") && !repo.is_bare())
    repo.set_workdir(std::filesystem::absolute(dir).lexically_normal());
  return repo;
}

void Repository::set_workdir(const std::filesystem::path& dir) {
  // libgit2 1.5 leaks its path buffer when the work tree is already `dir` (it returns early without
  // disposing it; LeakSanitizer in the GIT_DIR test): do not ask then.
  auto bare = [](std::string s) {
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
  };
  if (const char* w = git_repository_workdir(raw()); w && bare(w) == bare(dir.lexically_normal().string())) return;
  check(git_repository_set_workdir(raw(), dir.c_str(), 0), ("cannot use " + dir.string() + " as the work tree").c_str());
}

Repository Repository::open(const std::filesystem::path& path) {
  git_repository* r = nullptr;
  int rc = git_repository_open_ext(&r, path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr);
  if (rc == GIT_ENOTFOUND) throw GitError("not a git repository: " + path.string(), rc);
  check(rc, "cannot open repository");
  return Repository(r);
}

bool Repository::is_bare() const { return git_repository_is_bare(raw()) == 1; }

std::filesystem::path Repository::workdir() const {
  const char* w = git_repository_workdir(raw());
  return w ? std::filesystem::path(w) : std::filesystem::path();
}

std::filesystem::path Repository::gitdir() const { return git_repository_path(raw()); }

std::filesystem::path Repository::commondir() const { return git_repository_commondir(raw()); }

std::string Repository::resolve_commit(const std::string& rev) const {
  git_object* obj = nullptr;
  int rc = git_revparse_single(&obj, raw(), rev.c_str());
  if (rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS || rc == GIT_EINVALIDSPEC)
    throw GitError("unknown revision `" + rev + "`", rc);
  check(rc, "cannot resolve revision");
  ObjectPtr owned(obj);
  git_object* peeled = nullptr;
  check(git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT), ("`" + rev + "` does not name a commit").c_str());
  ObjectPtr owned_peeled(peeled);
  return oid_hex(git_object_id(peeled));
}

namespace {
struct WalkState {
  core::Tree* out;
};

int collect_entry(const char* root, const git_tree_entry* entry, void* payload) {
  auto* st = static_cast<WalkState*>(payload);
  git_object_t type = git_tree_entry_type(entry);
  if (type == GIT_OBJECT_TREE) return 0;  // directories are implied by the paths below them
  core::TreeEntry e;
  e.path = std::string(root) + git_tree_entry_name(entry);
  e.mode = static_cast<std::uint32_t>(git_tree_entry_filemode_raw(entry));
  e.oid = oid_hex(git_tree_entry_id(entry));
  st->out->push_back(std::move(e));
  return 0;
}
}  // namespace

core::Tree Repository::read_tree(const std::string& commit_id) const {
  CommitPtr commit = lookup_commit(raw(), commit_id, "cannot read commit");
  git_tree* t = nullptr;
  check(git_commit_tree(&t, commit.get()), "cannot read the commit's tree");
  TreePtr tree(t);
  core::Tree out;
  WalkState st{&out};
  check(git_tree_walk(tree.get(), GIT_TREEWALK_PRE, collect_entry, &st), "cannot walk tree");
  // git's tree order sorts `a/` after `a.txt`; the planner wants plain byte order of full paths.
  std::sort(out.begin(), out.end(), [](const core::TreeEntry& a, const core::TreeEntry& b) { return a.path < b.path; });
  return out;
}

std::string Repository::read_blob(const std::string& blob_id) const {
  git_oid oid = oid_from_hex(blob_id);
  git_blob* b = nullptr;
  check(git_blob_lookup(&b, raw(), &oid), "cannot read blob");
  BlobPtr blob(b);
  auto size = static_cast<std::size_t>(git_blob_rawsize(blob.get()));
  return std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())), size);
}

}  // namespace gitreorg::git

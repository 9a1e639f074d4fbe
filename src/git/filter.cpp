// The work-tree form of a blob through libgit2's filters, and the check that skips them when none applies.
#include "gitreorg/git/filter.hpp"

#include <sys/stat.h>

#include <sstream>

#include "git/handle.hpp"

namespace gitreorg::git {
namespace {

bool file_exists(const std::filesystem::path& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0;
}

// `name` in one of the directories libgit2 searches at `level` (a ':'-separated list), as
// libgit2 looks up the system ("gitattributes") and global ("attributes") files.
bool in_search_path(int level, const char* name) {
  Buf dirs;
  if (git_libgit2_opts(GIT_OPT_GET_SEARCH_PATH, level, dirs.get()) < 0) {
    git_error_clear();
    return true;  // unknown: assume there is one
  }
  std::stringstream list(dirs.str());
  for (std::string dir; std::getline(list, dir, ':');)
    if (!dir.empty() && file_exists(std::filesystem::path(dir) / name)) return true;
  return false;
}

bool config_set(git_config* config, const char* name, std::string* value = nullptr) {
  git_config_entry* e = nullptr;
  if (git_config_get_entry(&e, config, name) < 0) {
    git_error_clear();
    return false;
  }
  if (value) *value = e->value ? e->value : "";
  git_config_entry_free(e);
  return true;
}

int find_attributes(const char*, const git_tree_entry* entry, void* payload) {
  if (std::string_view(git_tree_entry_name(entry)) != ".gitattributes") return 0;
  *static_cast<bool*>(payload) = true;
  return -1;  // stops the walk
}

}  // namespace

std::string worktree_form(const Repository& repo, const std::string& blob_id, const std::string& path,
                          const std::string& commit) {
  git_oid oid = oid_from_hex(blob_id);
  git_blob* b = nullptr;
  check(git_blob_lookup(&b, repo.raw(), &oid), "cannot read blob");
  BlobPtr blob(b);
  git_blob_filter_options options = GIT_BLOB_FILTER_OPTIONS_INIT;
  options.flags |= GIT_BLOB_FILTER_ATTRIBUTES_FROM_COMMIT;
  // With CHECK_FOR_BINARY (on by default) libgit2 returns an empty buffer for a binary blob: an
  // imported image was written as an empty file. Without it, each filter decides as git's do
  // (`text=auto` leaves binary content alone; an explicit `text` or `ident` applies).
  options.flags &= ~static_cast<std::uint32_t>(GIT_BLOB_FILTER_CHECK_FOR_BINARY);
  options.attr_commit_id = oid_from_hex(commit);
  Buf out;
  check(git_blob_filter(out.get(), blob.get(), path.c_str(), &options), ("cannot filter " + path + " for the work tree").c_str());
  return out.str();
}

CheckoutForm::CheckoutForm(const Repository& repo) : repo_(repo) {
  git_config* c = nullptr;
  check(git_repository_config_snapshot(&c, repo.raw()), "cannot read the repository's config");
  ConfigPtr config(c);
  std::string autocrlf;
  bool crlf = config_set(config.get(), "core.autocrlf", &autocrlf) && autocrlf != "false" && autocrlf != "no" &&
              autocrlf != "off" && autocrlf != "0" && !autocrlf.empty();
  everywhere_ = crlf || config_set(config.get(), "core.attributesfile") ||
                file_exists(repo.commondir() / "info" / "attributes") || in_search_path(GIT_CONFIG_LEVEL_SYSTEM, "gitattributes") ||
                in_search_path(GIT_CONFIG_LEVEL_XDG, "attributes");
}

bool CheckoutForm::on_disk(const std::string& dir) {
  if (auto it = dirs_.find(dir); it != dirs_.end()) return it->second;
  bool here = file_exists(repo_.workdir() / dir / ".gitattributes");
  std::string::size_type slash = dir.rfind('/');
  bool found = here || (!dir.empty() && on_disk(slash == std::string::npos ? std::string() : dir.substr(0, slash)));
  dirs_.emplace(dir, found);
  return found;
}

bool CheckoutForm::may_filter(const std::string& path, const std::string& commit) {
  if (everywhere_) return true;
  auto it = commits_.find(commit);
  if (it == commits_.end()) {
    bool found = false;
    CommitPtr c = lookup_commit(repo_.raw(), commit, "cannot read a commit");
    git_tree* t = nullptr;
    check(git_commit_tree(&t, c.get()), "cannot read a commit's tree");
    TreePtr tree(t);
    if (git_tree_walk(tree.get(), GIT_TREEWALK_PRE, find_attributes, &found) < 0) {
      if (!found) check(-1, "cannot walk a tree");
      git_error_clear();  // the walk was stopped by find_attributes
    }
    it = commits_.emplace(commit, found).first;
  }
  if (it->second) return true;
  std::string::size_type slash = path.rfind('/');
  return on_disk(slash == std::string::npos ? std::string() : path.substr(0, slash));
}

std::string CheckoutForm::read(const std::string& blob_id, const std::string& path, const std::string& commit) {
  return may_filter(path, commit) ? worktree_form(repo_, blob_id, path, commit) : repo_.read_blob(blob_id);
}

}  // namespace gitreorg::git

// Objects and the index through libgit2, for the executor. Nothing here decides what to write;
// exec/ does, in an order that keeps the repository recoverable.
#include "gitreorg/git/write.hpp"

#include <sys/stat.h>

#include "git/handle.hpp"

namespace gitreorg::git {
std::string write_blob(const Repository& repo, std::string_view content) {
  git_oid oid;
  check(git_blob_create_from_buffer(&oid, repo.raw(), content.data(), content.size()), "cannot write blob");
  return oid_hex(&oid);
}

std::string write_tree(const Repository& repo, const core::Tree& files) {
  git_index* i = nullptr;
  check(git_index_new(&i), "cannot create an in-memory index");
  IndexPtr index(i);
  for (const core::TreeEntry& f : files) {
    git_index_entry e{};
    e.mode = f.mode;
    e.id = oid_from_hex(f.oid);
    e.path = f.path.c_str();
    check(git_index_add(index.get(), &e), ("cannot add `" + f.path + "` to the new tree").c_str());
  }
  git_oid oid;
  check(git_index_write_tree_to(&oid, index.get(), repo.raw()), "cannot write tree");
  return oid_hex(&oid);
}

std::string write_updated_tree(const Repository& repo, const std::string& baseline, const std::vector<TreeUpdate>& updates) {
  TreePtr base = lookup_tree(repo.raw(), baseline, "cannot read tree");
  std::vector<git_tree_update> raw(updates.size());
  for (std::size_t i = 0; i < updates.size(); ++i) {
    raw[i].action = updates[i].remove ? GIT_TREE_UPDATE_REMOVE : GIT_TREE_UPDATE_UPSERT;
    if (!updates[i].remove) raw[i].id = oid_from_hex(updates[i].oid);
    raw[i].filemode = static_cast<git_filemode_t>(updates[i].mode);
    raw[i].path = updates[i].path.c_str();
  }
  git_oid oid;
  check(git_tree_create_updated(&oid, repo.raw(), base.get(), raw.size(), raw.data()), "cannot write tree");
  return oid_hex(&oid);
}

std::string write_commit(const Repository& repo, const std::string& tree, const std::vector<std::string>& parents,
                         const Signature& author, const Signature& committer, const std::string& message,
                         const char* encoding) {
  TreePtr tree_obj = lookup_tree(repo.raw(), tree, "cannot read tree");
  ParentCommits p = lookup_parents(repo.raw(), parents);
  SignaturePtr a = to_git(author, "invalid author"), c = to_git(committer, "invalid committer");
  git_oid out;
  check(git_commit_create(&out, repo.raw(), nullptr, a.get(), c.get(), encoding, message.c_str(), tree_obj.get(),
                          p.raw.size(), p.raw.data()),
        "cannot write commit");
  return oid_hex(&out);
}

std::string write_tag_object(const Repository& repo, const std::string& name, const std::string& target,
                             const Signature& tagger, const std::string& message) {
  git_oid oid = oid_from_hex(target);
  git_object* o = nullptr;
  check(git_object_lookup(&o, repo.raw(), &oid, GIT_OBJECT_COMMIT), "cannot read the commit to tag");
  ObjectPtr obj(o);
  SignaturePtr sig = to_git(tagger, "invalid tagger");
  git_oid out;
  check(git_tag_annotation_create(&out, repo.raw(), name.c_str(), obj.get(), sig.get(), message.c_str()), "cannot write tag");
  return oid_hex(&out);
}

void refresh_index(const Repository& repo) {
  git_status_options opts = GIT_STATUS_OPTIONS_INIT;
  opts.show = GIT_STATUS_SHOW_WORKDIR_ONLY;
  opts.flags = GIT_STATUS_OPT_UPDATE_INDEX | GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
  git_status_list* l = nullptr;
  check(git_status_list_new(&l, repo.raw(), &opts), "cannot refresh the index");
  git_status_list_free(l);
}

void write_index_for_tree(const Repository& repo, const std::string& tree) {
  git_index* i = nullptr;
  check(git_repository_index(&i, repo.raw()), "cannot open the index");
  IndexPtr index(i);
  check(git_index_read(i, 1), "cannot read the index");
  TreePtr tree_obj = lookup_tree(repo.raw(), tree, "cannot read tree");
  // libgit2 keeps the stat data of entries whose path, mode and id are unchanged.
  check(git_index_read_tree(i, tree_obj.get()), "cannot read the tree into the index");
  std::filesystem::path workdir = repo.workdir();
  std::vector<git_index_entry> fresh;
  std::vector<std::string> paths;
  std::size_t n = git_index_entrycount(i);
  for (std::size_t k = 0; k < n; ++k) {
    const git_index_entry* e = git_index_get_byindex(i, k);
    if (e->mtime.seconds != 0 || e->ino != 0 || e->mode == GIT_FILEMODE_COMMIT) continue;
    struct stat st;
    if (lstat((workdir / e->path).c_str(), &st) != 0) continue;  // left without stat data: git re-reads it
    git_index_entry copy = *e;
    copy.ctime.seconds = static_cast<std::int32_t>(st.st_ctim.tv_sec);
    copy.ctime.nanoseconds = static_cast<std::uint32_t>(st.st_ctim.tv_nsec);
    copy.mtime.seconds = static_cast<std::int32_t>(st.st_mtim.tv_sec);
    copy.mtime.nanoseconds = static_cast<std::uint32_t>(st.st_mtim.tv_nsec);
    copy.dev = static_cast<std::uint32_t>(st.st_dev);
    copy.ino = static_cast<std::uint32_t>(st.st_ino);
    copy.uid = st.st_uid;
    copy.gid = st.st_gid;
    copy.file_size = static_cast<std::uint32_t>(st.st_size);
    fresh.push_back(copy);
    paths.emplace_back(e->path);
  }
  for (std::size_t k = 0; k < fresh.size(); ++k) {
    fresh[k].path = paths[k].c_str();
    check(git_index_add(i, &fresh[k]), ("cannot update the index entry of " + paths[k]).c_str());
  }
  check(git_index_write(i), "cannot write the index");
}

}  // namespace gitreorg::git

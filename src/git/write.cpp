// Objects, and the index's refresh, through libgit2, for the executor (the index of a new tree is
// index_for_tree.cpp's). Nothing here decides what to write; exec/ does, in an order that keeps the
// repository recoverable.
#include "gitreorg/git/write.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "git/canonical_mode.hpp"
#include "git/handle.hpp"

namespace gitreorg::git {
std::string write_blob(const Repository& repo, std::string_view content) {
  git_oid oid;
  check(git_blob_create_from_buffer(&oid, repo.raw(), content.data(), content.size()), "cannot write blob");
  return oid_hex(&oid);
}

namespace {

// One entry of a tree object being built: a name in its directory, a mode, an id.
struct RawEntry {
  std::string_view name;
  std::uint32_t mode;
  git_oid id;
};

// git's order of a tree's entries: the names' bytes, a tree's name compared as if it ended in `/`.
bool tree_order(const RawEntry& a, const RawEntry& b) {
  std::size_t n = std::min(a.name.size(), b.name.size());
  if (int c = std::memcmp(a.name.data(), b.name.data(), n); c != 0) return c < 0;
  auto next = [n](const RawEntry& e) -> unsigned {
    return e.name.size() > n ? static_cast<unsigned char>(e.name[n]) : e.mode == GIT_FILEMODE_TREE ? '/' : 0;
  };
  return next(a) < next(b);
}

// A name git accepts in a tree (libgit2's index refuses the others too).
bool valid_name(std::string_view name) {
  if (name.empty() || name == "." || name == ".." || name.find('\0') != std::string_view::npos) return false;
  return !(name.size() == 4 && (name[0] == '.') && (name[1] == 'g' || name[1] == 'G') && (name[2] == 'i' || name[2] == 'I') &&
           (name[3] == 't' || name[3] == 'T'));
}

class TreeWriter {
 public:
  TreeWriter(const Repository& repo, std::vector<const core::TreeEntry*> files) : files_(std::move(files)) {
    git_odb* o = nullptr;
    check(git_repository_odb(&o, repo.raw()), "cannot open the object database");
    odb_.reset(o);
  }

  git_oid write_all() {
    std::size_t k = 0;
    return write_dir(k, "");
  }

 private:
  [[noreturn]] void refuse(const std::string& path) const {
    throw GitError("cannot add `" + path + "` to the new tree: not a valid path, or a file and a directory at once", GIT_EINVALID);
  }

  // The tree of directory `dir` (empty, or ending in `/`), from files_[k] on: every file below it is
  // next in byte order.
  git_oid write_dir(std::size_t& k, std::string_view dir) {
    std::vector<RawEntry> entries;
    while (k < files_.size() && std::string_view(files_[k]->path).substr(0, dir.size()) == dir) {
      const core::TreeEntry& f = *files_[k];
      std::string_view rest = std::string_view(f.path).substr(dir.size());
      std::size_t slash = rest.find('/');
      if (slash == std::string_view::npos) {
        // 100664 (old git's) is written 100644, as git itself rewrites such a tree: it reads it so.
        std::uint32_t mode = f.mode == 0100664 ? canonical_mode(f.mode) : f.mode;
        if (!valid_name(rest) || (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE &&
                                  mode != GIT_FILEMODE_LINK && mode != GIT_FILEMODE_COMMIT))
          refuse(f.path);
        entries.push_back({rest, mode, oid_from_hex(f.oid)});
        ++k;
        continue;
      }
      std::string_view name = rest.substr(0, slash);
      if (!valid_name(name)) refuse(f.path);
      git_oid sub = write_dir(k, std::string_view(f.path).substr(0, dir.size() + slash + 1));
      entries.push_back({name, GIT_FILEMODE_TREE, sub});
    }
    std::sort(entries.begin(), entries.end(), tree_order);
    std::string body;
    body.reserve(entries.size() * 48);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const RawEntry& e = entries[i];
      // Each name once: a file and a directory of the same name (`a` and `a/b`) make no tree. Two files
      // or two directories of one name cannot be: the paths are unique, a directory's are consumed at once.
      if (e.mode == GIT_FILEMODE_TREE) {
        auto it = std::lower_bound(entries.begin(), entries.end(), RawEntry{e.name, GIT_FILEMODE_BLOB, {}}, tree_order);
        if (it != entries.end() && it->name == e.name && it->mode != GIT_FILEMODE_TREE) refuse(std::string(dir) + std::string(e.name));
      }
      char mode[16];
      int n = std::snprintf(mode, sizeof mode, "%o ", e.mode);
      body.append(mode, static_cast<std::size_t>(n));
      body.append(e.name);
      body.push_back('\0');
      body.append(reinterpret_cast<const char*>(e.id.id), sizeof e.id.id);
    }
    git_oid out;
    check(git_odb_write(&out, odb_.get(), body.data(), body.size(), GIT_OBJECT_TREE), "cannot write tree");
    return out;
  }

  std::vector<const core::TreeEntry*> files_;
  Handle<git_odb, git_odb_free> odb_;
};

}  // namespace

// Tree objects formatted here as git formats them, written bottom-up straight to the object database:
// through an in-memory index (git_index_add per file, then git_index_write_tree_to), two trees of
// 10,000 files took 0.15 s of apply.
std::string write_tree(const Repository& repo, const core::Tree& files) {
  std::vector<const core::TreeEntry*> sorted;
  sorted.reserve(files.size());
  for (const core::TreeEntry& f : files) sorted.push_back(&f);
  std::stable_sort(sorted.begin(), sorted.end(), [](const core::TreeEntry* a, const core::TreeEntry* b) { return a->path < b->path; });
  // A path given twice: the last one, as an index keeps it.
  std::vector<const core::TreeEntry*> unique;
  unique.reserve(sorted.size());
  for (std::size_t k = 0; k < sorted.size(); ++k)
    if (k + 1 == sorted.size() || sorted[k + 1]->path != sorted[k]->path) unique.push_back(sorted[k]);
  git_oid oid = TreeWriter(repo, std::move(unique)).write_all();
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

}  // namespace gitreorg::git

// Smudging a blob for the work tree through libgit2's filter list (git_blob_filter).
#include "gitreorg/git/filter.hpp"

#include "git/handle.hpp"

namespace gitreorg::git {

std::string worktree_form(const Repository& repo, const std::string& blob_id, const std::string& path,
                          const std::string& commit) {
  git_oid oid = oid_from_hex(blob_id);
  git_blob* b = nullptr;
  check(git_blob_lookup(&b, repo.raw(), &oid), "cannot read blob");
  BlobPtr blob(b);
  git_blob_filter_options options = GIT_BLOB_FILTER_OPTIONS_INIT;
  options.flags |= GIT_BLOB_FILTER_ATTRIBUTES_FROM_COMMIT;
  options.attr_commit_id = oid_from_hex(commit);
  Buf out;
  check(git_blob_filter(out.get(), blob.get(), path.c_str(), &options), ("cannot filter " + path + " for the work tree").c_str());
  return out.str();
}

}  // namespace gitreorg::git

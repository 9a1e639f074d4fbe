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
  // With CHECK_FOR_BINARY (on by default) libgit2 returns an empty buffer for a binary blob: an
  // imported image was written as an empty file. Without it, each filter decides as git's do
  // (`text=auto` leaves binary content alone; an explicit `text` or `ident` applies).
  options.flags &= ~static_cast<std::uint32_t>(GIT_BLOB_FILTER_CHECK_FOR_BINARY);
  options.attr_commit_id = oid_from_hex(commit);
  Buf out;
  check(git_blob_filter(out.get(), blob.get(), path.c_str(), &options), ("cannot filter " + path + " for the work tree").c_str());
  return out.str();
}

}  // namespace gitreorg::git

// Blob hashing through libgit2, so ids match git's.
#include "gitreorg/git/object_id.hpp"

#include "git/handle.hpp"

namespace gitreorg::git {

std::string hash_blob(std::string_view content) {
  git_oid oid;
  check(git_odb_hash(&oid, content.data(), content.size(), GIT_OBJECT_BLOB), "cannot hash blob");
  return oid_hex(&oid);
}

}  // namespace gitreorg::git

// Refs through libgit2; every reference handle it gets is owned at once.
#include "gitreorg/git/refs.hpp"

#include "git/handle.hpp"

namespace gitreorg::git {

std::optional<std::string> read_ref(const Repository& repo, const std::string& name) {
  git_oid oid;
  int rc = git_reference_name_to_id(&oid, repo.raw(), name.c_str());
  if (rc == GIT_ENOTFOUND) {
    git_error_clear();
    return std::nullopt;
  }
  check(rc, ("cannot read " + name).c_str());
  return oid_hex(&oid);
}

bool ref_name_valid(const std::string& name) {
  int valid = 0;
  return git_reference_name_is_valid(&valid, name.c_str()) == 0 && valid;
}

void update_ref(const Repository& repo, const std::string& name, const std::string& id,
                const std::optional<std::string>& expected, const std::string& message, bool force) {
  git_oid oid = oid_from_hex(id);
  git_reference* r = nullptr;
  if (force) {
    check(git_reference_create(&r, repo.raw(), name.c_str(), &oid, 1, message.c_str()), ("cannot update " + name).c_str());
  } else if (expected) {
    git_oid old = oid_from_hex(*expected);
    check(git_reference_create_matching(&r, repo.raw(), name.c_str(), &oid, 1, &old, message.c_str()),
          ("cannot update " + name).c_str());
  } else {
    check(git_reference_create(&r, repo.raw(), name.c_str(), &oid, 0, message.c_str()), ("cannot create " + name).c_str());
  }
  ReferencePtr owned(r);
}

void delete_ref(const Repository& repo, const std::string& name) {
  int rc = git_reference_remove(repo.raw(), name.c_str());
  if (rc == GIT_ENOTFOUND) {
    git_error_clear();
    return;
  }
  check(rc, ("cannot delete " + name).c_str());
}

void set_head_to_branch(const Repository& repo, const std::string& ref, const std::string& message) {
  git_reference* r = nullptr;
  check(git_reference_symbolic_create(&r, repo.raw(), "HEAD", ref.c_str(), 1, message.c_str()), "cannot update HEAD");
  ReferencePtr owned(r);
}

void set_head_detached(const Repository& repo, const std::string& commit, const std::string& message) {
  git_oid oid = oid_from_hex(commit);
  git_reference* r = nullptr;
  check(git_reference_create(&r, repo.raw(), "HEAD", &oid, 1, message.c_str()), "cannot update HEAD");
  ReferencePtr owned(r);
}

std::filesystem::path lock_file(const Repository& repo, const std::string& name) {
  bool common = name == "packed-refs" || name.rfind("refs/", 0) == 0;
  std::filesystem::path dir = common ? std::filesystem::path(git_repository_commondir(repo.raw())) : repo.gitdir();
  return dir / (name + ".lock");
}

}  // namespace gitreorg::git

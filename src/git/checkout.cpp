// Checkout through git_checkout_tree with GIT_CHECKOUT_SAFE.
#include "gitreorg/git/checkout.hpp"

#include "git/handle.hpp"

namespace gitreorg::git {

void checkout_commit(const Repository& repo, const std::string& commit) {
  git_oid oid = oid_from_hex(commit);
  git_commit* c = nullptr;
  check(git_commit_lookup(&c, repo.raw(), &oid), "cannot read commit");
  CommitPtr owned(c);
  git_checkout_options options = GIT_CHECKOUT_OPTIONS_INIT;
  options.checkout_strategy = GIT_CHECKOUT_SAFE;
  check(git_checkout_tree(repo.raw(), reinterpret_cast<const git_object*>(c), &options), "cannot check out the new commit");
}

}  // namespace gitreorg::git

// Signed commits through libgit2: the buffer git_commit_create_buffer makes, signed, then
// git_commit_create_with_signature.
#include "gitreorg/git/signed_commit.hpp"

#include <ctime>

#include "git/handle.hpp"

namespace gitreorg::git {

std::string write_signed_commit(const Repository& repo, const std::string& tree, const std::vector<std::string>& parents,
                                const Signature& author, const Signature& committer, const std::string& message,
                                const std::function<std::string(const std::string& buffer)>& sign) {
  TreePtr tree_obj = lookup_tree(repo.raw(), tree, "cannot read tree");
  ParentCommits p = lookup_parents(repo.raw(), parents);
  SignaturePtr a = to_git(author, "invalid author"), c = to_git(committer, "invalid committer");
  Buf buf;
  check(git_commit_create_buffer(buf.get(), repo.raw(), a.get(), c.get(), "UTF-8", message.c_str(), tree_obj.get(),
                                 p.raw.size(), p.raw.data()),
        "cannot make the commit to sign");
  std::string content = buf.str();
  std::string signature = sign(content);
  while (!signature.empty() && signature.back() == '\n') signature.pop_back();
  git_oid out;
  check(git_commit_create_with_signature(&out, repo.raw(), content.c_str(), signature.c_str(), "gpgsig"),
        "cannot write the signed commit");
  return oid_hex(&out);
}

}  // namespace gitreorg::git

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
  std::vector<CommitPtr> owned;
  std::vector<const git_commit*> raw_parents;
  for (const std::string& p : parents) {
    owned.push_back(lookup_commit(repo.raw(), p, "cannot read parent commit"));
    raw_parents.push_back(owned.back().get());
  }
  git_signature* a = nullptr;
  git_signature* c = nullptr;
  check(git_signature_new(&a, author.name.c_str(), author.email.c_str(), author.time, author.offset_minutes), "invalid author");
  SignaturePtr author_sig(a);
  check(git_signature_new(&c, committer.name.c_str(), committer.email.c_str(), committer.time, committer.offset_minutes),
        "invalid committer");
  SignaturePtr committer_sig(c);
  git_buf buf = GIT_BUF_INIT;
  check(git_commit_create_buffer(&buf, repo.raw(), a, c, "UTF-8", message.c_str(), tree_obj.get(), raw_parents.size(),
                                 raw_parents.data()),
        "cannot make the commit to sign");
  std::string content(buf.ptr, buf.size);
  git_buf_dispose(&buf);
  std::string signature = sign(content);
  while (!signature.empty() && signature.back() == '\n') signature.pop_back();
  git_oid out;
  check(git_commit_create_with_signature(&out, repo.raw(), content.c_str(), signature.c_str(), "gpgsig"),
        "cannot write the signed commit");
  return oid_hex(&out);
}

}  // namespace gitreorg::git

// Signed tags: libgit2 has no tag buffer to sign, so the tag's bytes are made here as git and
// libgit2 make them (object, type, tag, tagger, a blank line, the message), the signature appended,
// and the object written through the repository's object database.
#include "gitreorg/git/signed_tag.hpp"

#include <fmt/format.h>

#include "git/handle.hpp"

namespace gitreorg::git {

std::string write_signed_tag_object(const Repository& repo, const std::string& name, const std::string& target,
                                    const Signature& tagger, const std::string& message,
                                    const std::function<std::string(const std::string& buffer)>& sign) {
  CommitPtr commit = lookup_commit(repo.raw(), target, "cannot read the commit to tag");
  SignaturePtr sig = to_git(tagger, "invalid tagger");  // libgit2's checks and trimming of name and email
  int offset = sig->when.offset, minutes = offset < 0 ? -offset : offset;
  std::string buffer =
      fmt::format("object {}\ntype commit\ntag {}\ntagger {} <{}> {} {}{:02}{:02}\n\n{}", target, name, sig->name, sig->email,
                  static_cast<long long>(sig->when.time), offset < 0 ? '-' : '+', minutes / 60, minutes % 60, message);
  if (!buffer.empty() && buffer.back() != '\n') buffer += '\n';  // the signature starts on a line of its own
  std::string content = buffer + sign(buffer);
  git_odb* o = nullptr;
  check(git_repository_odb(&o, repo.raw()), "cannot open the object database");
  Handle<git_odb, git_odb_free> odb(o);
  git_oid out;
  check(git_odb_write(&out, o, content.data(), content.size(), GIT_OBJECT_TAG), "cannot write the signed tag");
  return oid_hex(&out);
}

}  // namespace gitreorg::git

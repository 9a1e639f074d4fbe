// Signing the commits apply writes, as `git commit -S` and commit.gpgSign do, and its --tag-before tag
// as `git tag -s` and tag.gpgSign do: gpg.format openpgp (the default: gpg.program, else gpg), ssh
// (gpg.ssh.program, else ssh-keygen -Y sign) or x509 (gpg.x509.program, else gpgsm), with -S's key
// id, else user.signingKey.
#pragma once

#include <optional>
#include <string>

#include "gitreorg/git/repository.hpp"
#include "gitreorg/git/signature.hpp"

namespace gitreorg::exec {

struct SignOptions {
  std::optional<std::string> key;  // -S[KEYID]: "" the configured (or default) key; nullopt: commit/tag.gpgSign decide
  bool no_sign = false;            // --no-gpg-sign: neither commits nor the tag
};

class CommitSigner {
 public:
  // nullopt when the objects are not to be signed: neither -S nor `setting` (commit.gpgSign for
  // commits, tag.gpgSign for a tag) asks for it, or --no-gpg-sign. Throws ApplyError (kExitUsage) for
  // a format git does not know, or an ssh signature without a key.
  static std::optional<CommitSigner> configured(const git::Repository& repo, const SignOptions& options,
                                                const git::Signature& committer, const char* setting = "commit.gpgSign");
  // The armored signature of `buffer` (a commit or tag without its signature). Throws ApplyError
  // (kExitUsage) when the program fails, with what it said.
  std::string sign(const std::string& buffer) const;

 private:
  std::string format_;   // openpgp, ssh, x509
  std::string program_;
  std::string key_;
  bool literal_key_ = false;  // an ssh public key itself (key::... or ssh-...), signed through the agent
};

}  // namespace gitreorg::exec

// Who git says is the author or committer of a new commit, and when.
#pragma once

#include <cstdint>
#include <string>

#include "gitreorg/git/repository.hpp"

namespace gitreorg::git {

// An identity with a time, as in a commit header.
struct Signature {
  std::string name;
  std::string email;
  std::int64_t time = 0;   // seconds since the epoch
  int offset_minutes = 0;  // time zone offset east of UTC
};

// The author (`who` = "AUTHOR") or committer ("COMMITTER") git would use: GIT_<WHO>_NAME/EMAIL/DATE
// first, then `author.*`/`committer.*` and `user.*` from the repository's config, then $EMAIL; the
// current time when there is no date. libgit2 1.5's git_signature_default reads the config only.
// Throws core::Error when no name or email is configured (saying how to set one, as git does), or
// the date does not parse.
Signature signature_for(const Repository& repo, const std::string& who);

}  // namespace gitreorg::git

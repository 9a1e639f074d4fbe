// A commit object with a signature header (gpgsig), as `git commit -S` writes one.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "gitreorg/git/repository.hpp"
#include "gitreorg/git/signature.hpp"

namespace gitreorg::git {

// Writes the commit write_commit would write, with `sign(buffer)` (the commit's bytes without the
// signature; an armored signature back) in its gpgsig header. Returns its hex id.
std::string write_signed_commit(const Repository& repo, const std::string& tree, const std::vector<std::string>& parents,
                                const Signature& author, const Signature& committer, const std::string& message,
                                const std::function<std::string(const std::string& buffer)>& sign);

}  // namespace gitreorg::git

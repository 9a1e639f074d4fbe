// An annotated tag object with a signature, as `git tag -s` writes one.
#pragma once

#include <functional>
#include <string>

#include "gitreorg/git/repository.hpp"
#include "gitreorg/git/signature.hpp"

namespace gitreorg::git {

// Writes the tag object write_tag_object would write (NAME on commit `target`, `tagger`, `message`),
// with `sign(buffer)` (the tag's bytes; an armored signature back) appended after its message, where
// git puts a tag's signature. No ref: the caller creates refs/tags/NAME. Returns its hex id.
std::string write_signed_tag_object(const Repository& repo, const std::string& name, const std::string& target,
                                    const Signature& tagger, const std::string& message,
                                    const std::function<std::string(const std::string& buffer)>& sign);

}  // namespace gitreorg::git

// The work-tree form of a blob, as checkout writes it: the repository's filters for a path.
#pragma once

#include <string>

#include "gitreorg/git/repository.hpp"

namespace gitreorg::git {

// `blob_id`'s content through the filters git applies when it checks out `path` (text/eol
// attributes, core.autocrlf, ident), reading .gitattributes from `commit` too (the commit the
// content belongs to: the work tree's may not be up to date yet). Binary content is left as it is.
std::string worktree_form(const Repository& repo, const std::string& blob_id, const std::string& path, const std::string& commit);

}  // namespace gitreorg::git

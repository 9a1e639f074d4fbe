// The work-tree form of a blob, as checkout writes it: the repository's filters for a path.
#pragma once

#include <map>
#include <string>

#include "gitreorg/git/repository.hpp"

namespace gitreorg::git {

// `blob_id`'s content through the filters git applies when it checks out `path` (text/eol
// attributes, core.autocrlf, ident), reading .gitattributes from `commit` too (the commit the
// content belongs to: the work tree's may not be up to date yet). Binary content is left as it is.
std::string worktree_form(const Repository& repo, const std::string& blob_id, const std::string& path, const std::string& commit);

// worktree_form for many files, without the attribute lookup (a dozen system calls and a parse per
// file) where no filter can apply: no filter works without an attribute or core.autocrlf, so when
// core.autocrlf is off and no attributes file exists (core.attributesfile, the global and system
// ones, info/attributes, a .gitattributes in the commit's tree or on disk above the path), the blob
// is its own work-tree form.
class CheckoutForm {
 public:
  explicit CheckoutForm(const Repository& repo);
  std::string read(const std::string& blob_id, const std::string& path, const std::string& commit);
  // Whether a filter may change `path`'s content when checked out from `commit`.
  bool may_filter(const std::string& path, const std::string& commit);

 private:
  bool on_disk(const std::string& dir);  // a .gitattributes in work-tree directory `dir` or above

  const Repository& repo_;
  bool everywhere_;  // core.autocrlf or an attributes file outside the work tree
  std::map<std::string, bool> commits_;  // commit -> its tree holds a .gitattributes
  std::map<std::string, bool> dirs_;     // work-tree directory -> it or a parent holds a .gitattributes
};

}  // namespace gitreorg::git

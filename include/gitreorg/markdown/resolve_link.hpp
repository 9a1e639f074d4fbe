// What a link destination names, seen from the file that holds it: the one resolution the rewriter
// (in the old tree) and the link checker (in any tree) share.
#pragma once

#include <string>
#include <string_view>

#include "gitreorg/core/tree_index.hpp"
#include "gitreorg/markdown/link_path.hpp"

namespace gitreorg::markdown {

struct ResolvedLink {
  enum class Status {
    external,  // `scheme:` or `//host`: not a path in the repository
    anchor,    // `#anchor` or `?query` only: the file itself
    outside,   // `..` past the repository root
    broken,    // no such file or directory in the tree
    ok,
  };
  Status status = Status::external;
  std::string target;  // repository path ("" = root) when broken or ok
  core::PathKind kind = core::PathKind::none;
  std::string_view raw_path;  // the path part of the raw destination
  std::string fragment;       // decoded `#fragment` (without `#`)
  bool has_fragment = false;
};

// Resolves `raw` (written in `syntax`) found in `file_path`: relative to the file's directory, or to
// the root for `/path`, percent-decoded; `paths` says what the target names. `raw` must outlive the
// result.
ResolvedLink resolve_link(std::string_view file_path, std::string_view raw, Syntax syntax, const core::PathKinds& paths);

}  // namespace gitreorg::markdown

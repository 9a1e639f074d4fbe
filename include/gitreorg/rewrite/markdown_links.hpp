// Relative links in Markdown files: resolved against the old tree, rewritten for the new one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/rewrite/edit.hpp"
#include "gitreorg/rewrite/link_path.hpp"
#include "gitreorg/rewrite/move_map.hpp"
#include "gitreorg/rewrite/reference_kind.hpp"

namespace gitreorg::rewrite {

// What a link destination names, seen from the file that holds it.
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
  MoveMap::Kind kind = MoveMap::Kind::none;
  std::string_view raw_path;  // the path part of the raw destination
  std::string fragment;       // decoded `#fragment` (without `#`)
  bool has_fragment = false;
};

// Resolves `raw` (written in `syntax`) found in `file_path`: relative to the file's directory, or to
// the root for `/path`, percent-decoded. `raw` must outlive the result.
ResolvedLink resolve_link(std::string_view file_path, std::string_view raw, Syntax syntax, const MoveMap& moves);

// The edits that keep every relative link of the Markdown file `text` (at `old_path`, moving to
// `new_path`) pointing at the same target. Each edit replaces only the path part of a destination.
// Broken links are left as they are and reported as warnings (path: `old_path`).
std::vector<Edit> rewrite_markdown_links(std::string_view old_path, std::string_view new_path, std::string_view text,
                                         const MoveMap& moves, diag::Sink& sink);

// The "markdown-link" row of the table of kinds.
bool markdown_link_applies(const FileInput& file, const RewriteContext& ctx);
KindResult markdown_link_rewrite(const FileInput& file, const RewriteContext& ctx, diag::Sink& sink);

}  // namespace gitreorg::rewrite

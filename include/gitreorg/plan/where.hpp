// `where`: one path at a time, forwards (old -> new) or backwards (new <- old).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gitreorg/core/tree.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/path_mapper.hpp"

namespace gitreorg::plan {

struct WhereAnswer {
  // kept: a `keep:` entry holds it where it is (`detail` says which, and where the rules would send it).
  enum class Kind { moved, unchanged, kept, no_source, unknown, invalid, dropped, unmapped };  // the last two: imports
  Kind kind = Kind::unchanged;
  std::string query;   // the path asked about (normalised)
  std::string answer;  // the other side: new path (forward) or old path (reverse)
  std::string detail;  // explanation for no_source / unknown / invalid
  int rule = -1;       // mapping rule that applied
};

// A path on `where`'s command line, read as git reads a pathspec: relative to the current directory,
// `prefix` (its path in the work tree: "" at the root, or outside any work tree); `.` and empty
// segments dropped, `..` resolved; `:/PATH` or `:(top)PATH` from the root; git's wildcards (`*`, `?`,
// `[`, `\`) make it a glob unless `:(literal)PATH` or `literal` (GIT_LITERAL_PATHSPECS) says otherwise.
struct WherePath {
  std::string path;             // repository-relative, normalised (wildcards as plain characters)
  std::string pattern;          // when `glob`: `path` as a pattern, the prefix's own wildcards escaped
  bool trailing_slash = false;  // typed with a trailing `/`: a directory, printed back with its `/`
  bool glob = false;            // to expand against a tree (WhereIndex::expand)
  std::string problem;          // why it names no path of the repository; empty when it does
};
WherePath resolve_where_path(std::string_view arg, std::string_view prefix, bool literal = false);

// Repository path `path` as git prints it in the directory `prefix` (`git status`, `git ls-files`):
// relative to it, `../` for each level up; `prefix` "" gives `path` itself.
std::string path_from_prefix(std::string_view path, std::string_view prefix);

class WhereIndex {
 public:
  // `tree` (optional) is the old tree: it tells files from directories and lets `match` rules be
  // reversed. Without it, paths are treated as directories-or-files and `match` rules only go forwards.
  WhereIndex(const mapping::Mapping& mapping, const core::Tree* tree);

  WhereAnswer forward(const std::string& old_path) const;
  WhereAnswer reverse(const std::string& new_path) const;

  // Whether the tree has a path some rule moves: false once the tree has the new layout (or for a
  // mapping that moves nothing of it). Needs a tree.
  bool tree_has_sources() const;

  // The paths a glob (WherePath::glob) matches with git's pathspec wildcards (`*` and `?` match `/`
  // too, as in `git ls-files 'a/*'`; a path equal to the glob matches too), among the files and
  // directories of the old tree, or with `new_layout` of the new layout (the old tree's files where
  // the mapping sends them). A path inside a matched directory is left out: its directory answers
  // for it. Only directories for a glob with a trailing `/`. Sorted; empty when nothing matches or
  // there is no tree.
  std::vector<std::string> expand(const WherePath& glob, bool new_layout) const;
  bool has_tree() const { return tree_ != nullptr; }
  // Whether `path`, or a directory above it, is in the tree (false without one).
  bool in_tree(const std::string& path) const;

 private:
  bool is_dir(const std::string& path) const;
  bool exists(const std::string& path) const;  // in the old tree (needs one)

  const mapping::Mapping& mapping_;
  PathMapper mapper_;
  const core::Tree* tree_;
  std::vector<std::string> dirs_;
  std::vector<ConcreteMove> moves_;  // explicit rules, plus `match` expansions when a tree is known
  bool has_patterns_ = false;
  mutable std::optional<std::pair<std::vector<std::string>, std::vector<std::string>>> new_layout_;  // files, dirs
};

// `where NAME:PATH`: where a path of an imported tree goes. `rules` is mapping::import_rules of the
// import, `tree` (optional) its tree. A path no rule moves is `unmapped` (an error for an import), one
// under `drop:` is `dropped` (`rule` is then the index of the drop entry).
WhereAnswer where_imported(const mapping::Import& import, const mapping::Mapping& rules, const core::Tree* tree,
                           const std::string& path);

// `where --reverse` for a new path an import provides: `moved` with the imported tree's path it comes
// from (in `tree`, or below a directory of it, and not dropped), or `unchanged` when the import
// provides nothing there. `rules` and `tree` as for where_imported; `new_path` normalised.
WhereAnswer where_imported_reverse(const mapping::Import& import, const mapping::Mapping& rules, const core::Tree& tree,
                                   const std::string& new_path);

}  // namespace gitreorg::plan

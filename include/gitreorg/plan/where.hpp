// `where`: one path at a time, forwards (old -> new) or backwards (new <- old).
#pragma once

#include <optional>
#include <string>
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

 private:
  bool is_dir(const std::string& path) const;
  bool exists(const std::string& path) const;  // in the old tree (needs one)

  const mapping::Mapping& mapping_;
  PathMapper mapper_;
  const core::Tree* tree_;
  std::vector<std::string> dirs_;
  std::vector<ConcreteMove> moves_;  // explicit rules, plus `match` expansions when a tree is known
  bool has_patterns_ = false;
};

// `where NAME:PATH`: where a path of an imported tree goes. `rules` is mapping::import_rules of the
// import, `tree` (optional) its tree. A path no rule moves is `unmapped` (an error for an import), one
// under `drop:` is `dropped` (`rule` is then the index of the drop entry).
WhereAnswer where_imported(const mapping::Import& import, const mapping::Mapping& rules, const core::Tree* tree,
                           const std::string& path);

}  // namespace gitreorg::plan

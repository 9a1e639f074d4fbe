// Maps one old path to its new path under a mapping's rules: the single definition of "where does X go",
// shared by the planner and `where`, so the two cannot disagree.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gitreorg/mapping/mapping.hpp"

namespace gitreorg::plan {

// A rule applied to one concrete path prefix: an explicit `from`, or a `match` expanded on a directory.
struct ConcreteMove {
  std::string from;
  std::string to;
  int rule = -1;  // index into Mapping::rules
};

struct Mapped {
  std::string path;  // the new path (equal to the old one when no rule applies)
  const ConcreteMove* move = nullptr;  // the move that applied, if any (owned by the PathMapper)
  std::string problem;  // non-empty if the rule produced an invalid path (then `path` is the old one)
  int keep = -1;  // index into Mapping::keep when a `keep:` entry holds the path (then it stays, `move` is null)
};

class PathMapper {
 public:
  explicit PathMapper(mapping::Mapping mapping);

  // The most specific rule wins: the longest `from` (or matched directory) that is `path` itself or a
  // whole-segment prefix of it; at equal length an explicit `from` beats a `match`, and earlier
  // `match` rules beat later ones. `match` patterns are tried on directories only: the parents of
  // `path`, and `path` itself when `path_is_dir`.
  // A path a `keep:` entry holds (the path itself, or a directory above it) stays: `keep` says which.
  Mapped map(std::string_view path, bool path_is_dir) const;
  // The same without `keep:`: where the rules alone would send `path` (what a kept path is kept from).
  Mapped map_by_rules(std::string_view path, bool path_is_dir) const;

  // The `keep:` entry that holds `path` (it, or a directory above it), or -1.
  int kept(std::string_view path) const;

  // The concrete move for a path, if a rule names that exact path (explicit, or a pattern when
  // `is_dir`). Owned by the PathMapper: valid as long as it lives.
  const ConcreteMove* move_at(std::string_view path, bool is_dir) const;

  const mapping::Mapping& mapping() const { return mapping_; }

 private:
  const ConcreteMove* match_pattern(std::string_view dir) const;
  const ConcreteMove* best_for_dir(std::string_view dir) const;
  int keep_at(std::string_view path) const;  // the entry naming exactly `path`, or -1
  int kept_dir(std::string_view dir) const;  // memoised `kept` for directories

  // Lookups by string_view without building a std::string per query (100k-file trees).
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <typename V>
  using PathMap = std::unordered_map<std::string, V, Hash, std::equal_to<>>;

  mapping::Mapping mapping_;  // a copy: a mapper outlives the mapping it was made from
  std::deque<ConcreteMove> moves_;  // stable storage for every move handed out
  PathMap<const ConcreteMove*> explicit_;  // from -> its move
  std::vector<int> patterns_;              // rule indices of `match` rules, in file order
  // Per-directory memos: the pattern move at exactly the directory, and the best move at or above it.
  mutable std::deque<ConcreteMove> pattern_moves_;
  mutable PathMap<const ConcreteMove*> pattern_at_;
  mutable PathMap<const ConcreteMove*> best_;
  PathMap<int> keep_paths_;  // literal `keep:` paths -> entry
  std::vector<int> keep_globs_;  // entries with a glob, in file order
  mutable PathMap<int> kept_dirs_;
};

}  // namespace gitreorg::plan

// Maps one old path to its new path under a mapping's rules: the single definition of "where does X go",
// shared by the planner and `where`, so the two cannot disagree.
#pragma once

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
  std::optional<ConcreteMove> move;  // the move that applied, if any
  std::string problem;  // non-empty if the rule produced an invalid path (then `path` is the old one)
};

class PathMapper {
 public:
  explicit PathMapper(const mapping::Mapping& mapping);

  // The most specific rule wins: the longest `from` (or matched directory) that is `path` itself or a
  // whole-segment prefix of it; at equal length an explicit `from` beats a `match`, and earlier
  // `match` rules beat later ones. `match` patterns are tried on directories only: the parents of
  // `path`, and `path` itself when `path_is_dir`.
  Mapped map(std::string_view path, bool path_is_dir) const;

  // The concrete move for a directory, if a rule names that exact directory (explicit or pattern).
  std::optional<ConcreteMove> move_at(std::string_view dir, bool is_dir) const;

  const mapping::Mapping& mapping() const { return mapping_; }

 private:
  std::optional<ConcreteMove> match_pattern(std::string_view dir) const;
  std::optional<ConcreteMove> best_for_dir(std::string_view dir) const;

  const mapping::Mapping& mapping_;
  std::unordered_map<std::string, int> explicit_;  // from -> rule index
  std::vector<int> patterns_;                      // rule indices of `match` rules, in file order
  // Per-directory memo of the best move at or above the directory (nullopt: none).
  mutable std::unordered_map<std::string, std::optional<ConcreteMove>> dir_cache_;
};

}  // namespace gitreorg::plan

// The planner: mapping + tree in, pure-data plan out. No side effects.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "gitreorg/core/tree.hpp"
#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/path_mapper.hpp"

namespace gitreorg::plan {

struct PlannedFile {
  std::string old_path;
  std::string new_path;
  std::uint32_t mode = core::kModeFile;
  std::string oid;
  int move = -1;  // index into Plan::moves, -1 when no rule applies
  int keep = -1;  // index into Mapping::keep when a `keep:` entry holds it (it stays although a rule covers it)
  bool moved() const { return old_path != new_path; }
};

// What one mapping rule did: its concrete moves (one for `from`, one per matched directory for
// `match`) and how many files it moves.
struct RuleSummary {
  int rule = -1;  // index into Mapping::rules
  std::vector<int> moves;  // indices into Plan::moves
  std::size_t files = 0;
  std::size_t kept = 0;  // files it covers that `keep:` holds where they are
};

// What one `keep:` entry held: the files of the tree it keeps, and the rule that would have moved them.
struct KeptSummary {
  int entry = -1;  // index into Mapping::keep
  std::size_t files = 0;
  int rule = -1;  // index into Mapping::rules of the first kept file's rule; -1 when no rule covers them
};

// A directory of the tree no rule covers (none of its files moves or is kept) at a numbered path: new
// since the mapping was written, most likely. The topmost such directory, with the rule that would cover it.
struct UncoveredDir {
  std::string dir;
  std::size_t files = 0;
  std::string suggested_to;  // the `to:` of the suggested `from: dir` rule
  int like_rule = -1;  // the sibling rule the suggestion follows (index into Mapping::rules), or -1
  bool policy = false;  // under a `policy.no_numeric_prefix` root: an error unless --allow-new
};

struct Plan {
  std::string commit;  // the commit whose tree was planned ("" for a tree given directly)
  std::vector<PlannedFile> files;  // every file of the tree, in old-path order
  std::vector<ConcreteMove> moves;  // concrete moves that apply to at least one path of the tree
  std::vector<std::size_t> move_files;  // files moved per concrete move (parallel to `moves`)
  std::vector<RuleSummary> rules;  // one per mapping rule, in file order
  std::vector<KeptSummary> kept;  // one per `keep:` entry, in file order
  std::vector<UncoveredDir> uncovered;  // sorted by path
  std::size_t moved_files = 0;
  std::size_t kept_files = 0;  // files a `keep:` entry holds where a rule would have moved them
};

struct PlanOptions {
  bool allow_missing = false;  // a `from` absent from the tree is a warning, not an error
  bool allow_new = false;  // an uncovered numbered directory under `policy.no_numeric_prefix` is a warning, not an error
};

// Whether a directory name is numbered (`3.test_cases`, `01-intro`, `2_x`): what `policy.no_numeric_prefix` forbids.
bool is_numbered_segment(std::string_view segment);

// Computes where every file of `tree` goes. Collisions, missing sources and invalid results are
// reported in `sink` against the mapping's positions. Moves are computed on the set of paths, never
// as a sequence, so swaps, cycles and moves into a subdirectory of the source just work.
Plan plan_moves(const mapping::Mapping& mapping, const core::Tree& tree, const PlanOptions& options, diag::Sink& sink);
// The same with the mapper the move model will keep (plan_repository), so a run has one.
Plan plan_moves(const PathMapper& mapper, const core::Tree& tree, const PlanOptions& options, diag::Sink& sink);

// The `from:` paths of `mapping` that name nothing in `tree`, reported as plan_moves reports them
// (errors, or warnings with allow_missing): for a mapping with other errors, which is not planned,
// so that a typo in one move does not hide a missing path in another.
void report_missing_sources(const mapping::Mapping& mapping, const core::Tree& tree, const PlanOptions& options,
                            diag::Sink& sink);

// Every directory implied by the paths of `tree` (all proper prefixes), sorted.
std::vector<std::string> directories_of(const core::Tree& tree);

}  // namespace gitreorg::plan

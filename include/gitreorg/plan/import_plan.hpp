// Where the files of an imported repository go: the host's planner on the imported tree, plus what an
// import adds: every file mapped or dropped, and no file landing where the host or another import has one.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gitreorg/core/tree.hpp"
#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/planner.hpp"

namespace gitreorg::pipeline {
struct PlannedHistory;  // pipeline/rewritten_history.hpp
}

namespace gitreorg::plan {

struct ImportPlan {
  std::size_t import = 0;            // index into Mapping::imports
  mapping::Mapping rules;            // mapping::import_rules(mapping, import): what the planner runs on
  std::string repo_dir;              // the imported repository, resolved
  std::string commit;                // its `ref`, resolved
  core::Tree tree;                   // its files at `commit`
  Plan plan;                         // the files it keeps: imported path -> host path
  std::vector<std::string> dropped;  // files of `tree` that `drop:` leaves out
  std::size_t commits = 0;           // commits reachable from `commit`
  std::string merged_by;             // the host commit that merged this import already ("" when not yet)
  std::string stubbed_by;            // the `git reorg stubs` commit at `ref`, child of `commit` ("" when none)
  // What its commits become in the host: old id -> new id ("" for one that becomes empty), parents
  // first; with `history: preserve` each keeps its id. Empty when not computed (a plan with errors).
  std::vector<std::pair<std::string, std::string>> commit_map;
  // `history: rewrite`: every path of its history -> its path in the rewritten commits ("" when
  // dropped). Empty with `history: preserve`, where the old commits keep their paths.
  std::map<std::string, std::string> history_paths;
  // `history: rewrite`: the rewritten history's objects as plan computed them, for apply to write
  // (null when not computed; apply then computes them itself).
  std::shared_ptr<const pipeline::PlannedHistory> planned_history;
};

// The trailer of the commit `git reorg stubs` writes on an imported repository: `Reorg-Moved-To: URL`.
inline constexpr std::string_view kMovedToTrailer = "Reorg-Moved-To: ";

// The index of the `drop:` entry that covers `path` (the entry itself or a directory above it), or -1.
int drop_entry(const mapping::Import& import, std::string_view path);

// Plans `ip` (its `rules` and `tree` set): the planner on the files that are not dropped, each
// diagnostic naming the import; `drop:` entries that drop nothing; every file neither moved nor
// dropped (with the move that would catch most of them); the host's policy on the result.
void plan_import(const mapping::Mapping& mapping, ImportPlan& ip, diag::Sink& sink);

// Paths of the imported history (older commits) that no move maps and no `drop:` covers, and paths
// of one older commit that two moves send to one place: errors at the import's `moves:`.
void check_import_history(const mapping::Mapping& mapping, const ImportPlan& ip, const std::vector<std::string>& unmapped,
                          const std::vector<std::string>& clashes, diag::Sink& sink);

// Imported files that would land on a file of the host's new tree or of an earlier import, or where
// either needs a directory (and the reverse). Imports merged in already are skipped.
void check_import_collisions(const mapping::Mapping& mapping, const Plan& host, const std::vector<ImportPlan>& imports,
                             diag::Sink& sink);

}  // namespace gitreorg::plan

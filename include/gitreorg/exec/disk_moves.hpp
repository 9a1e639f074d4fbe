// Which rename(2) calls carry the work tree from the old layout to the new one: whole directories
// where a whole directory moves and nothing is in the way, single files elsewhere. Computed on the
// set of paths (tracked files plus the untracked and ignored files under moved directories), so
// swaps, cycles and moves into a subdirectory of the source need no special cases: every source is
// first renamed into a temporary directory, then to its destination.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "gitreorg/exec/disk.hpp"
#include "gitreorg/exec/journal.hpp"
#include "gitreorg/plan/repository_plan.hpp"

namespace gitreorg::exec {

// One rename of the work tree: a file, a symlink or a whole directory (repository-relative paths).
struct DiskMove {
  std::string from;
  std::string to;
  bool directory = false;
};

struct DiskPlan {
  std::vector<DiskMove> moves;           // disjoint sources, disjoint destinations
  std::vector<std::string> carried;      // untracked and ignored paths that move (old paths; a directory ends in `/`)
  std::vector<std::string> carried_to;   // where each of `carried` goes
  std::vector<std::string> collisions;   // problems that forbid the move (nothing may be changed)
  std::vector<std::string> emptied_dirs; // old directories that may be left empty, deepest first
  std::vector<std::string> new_dirs;     // destination parents that do not exist yet, shallowest first
};

// Looks at the work tree `workdir` on `disk` (never following symlinks) and plans the renames for `rp`.
DiskPlan plan_disk_moves(const plan::RepositoryPlan& rp, const std::filesystem::path& workdir, const Disk& disk);

// The journal's operations that carry the plan out (steps 3-5): every source renamed into `temp`
// (as temp/0, temp/1, ...), the directories left empty removed, every path renamed to its destination.
std::vector<FsOp> rename_ops(const DiskPlan& plan, const std::filesystem::path& workdir, const std::filesystem::path& temp);

}  // namespace gitreorg::exec

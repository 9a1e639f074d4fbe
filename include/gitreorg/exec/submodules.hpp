// Initialized submodules moved by a plan, carried along as `git mv` does: the submodule's `.git` file
// and its git dir's `core.worktree` must name the new path (`.gitmodules` is the rewriter's).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "gitreorg/plan/repository_plan.hpp"

namespace gitreorg::exec {

// One file to rewrite once the submodule's directory is at its new path (absolute path: the `.git`
// file at the new place, or the submodule git dir's config).
struct SubmoduleFile {
  std::string path;
  std::string old_content;
  std::string new_content;
};

// The files to rewrite for every moved gitlink of `rp` whose work tree has a `.git` file. Throws
// core::Error when a submodule's git dir is outside the work tree and the git dir (nothing written).
std::vector<SubmoduleFile> submodule_files(const plan::RepositoryPlan& rp, const std::filesystem::path& workdir,
                                           const std::filesystem::path& gitdir);

}  // namespace gitreorg::exec

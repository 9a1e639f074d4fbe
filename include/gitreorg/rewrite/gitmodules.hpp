// `.gitmodules`: the `path =` of each submodule follows its gitlink when the gitlink moves.
#pragma once

#include <string_view>
#include <vector>

#include "gitreorg/core/edit.hpp"
#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/plan/move_model.hpp"
#include "gitreorg/rewrite/reference_kind.hpp"

namespace gitreorg::rewrite {

// True for the repository's `.gitmodules` (only the root one is read by git).
bool is_gitmodules_path(std::string_view path);

// Edits the values of `path = ...` keys (git-config syntax: any case, optional quotes, trailing
// `;`/`#` comments) that name a submodule of the old tree that moves. Section names (`[submodule
// "name"]`) are identifiers, not paths, and stay. A `path` naming no submodule is reported.
std::vector<core::Edit> rewrite_gitmodules(std::string_view file, std::string_view text, const plan::MoveModel& moves, diag::Sink& sink);

// The "gitmodules" row of the table of kinds.
bool gitmodules_applies(const FileInput& file, const RewriteContext& ctx);
KindResult gitmodules_rewrite(const FileInput& file, const RewriteContext& ctx, diag::Sink& sink);

}  // namespace gitreorg::rewrite

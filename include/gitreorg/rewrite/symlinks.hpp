// Symlinks: a relative target is recomputed so the link reaches the same (moved) file.
#pragma once

#include <optional>
#include <string_view>

#include "gitreorg/core/edit.hpp"
#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/plan/move_model.hpp"
#include "gitreorg/rewrite/reference_kind.hpp"

namespace gitreorg::rewrite {

// The edit replacing the whole target of the symlink at `old_path` (moving to `new_path`), or nullopt
// when it stays. Absolute targets are untouched; targets leaving the repository, and targets not in
// the tree, are reported as warnings on `old_path` and left alone.
std::optional<core::Edit> rewrite_symlink(std::string_view old_path, std::string_view new_path, std::string_view target,
                                    const plan::MoveModel& moves, diag::Sink& sink);

// The "symlink" row of the table of kinds.
bool symlink_applies(const FileInput& file, const RewriteContext& ctx);
KindResult symlink_rewrite(const FileInput& file, const RewriteContext& ctx, diag::Sink& sink);

}  // namespace gitreorg::rewrite

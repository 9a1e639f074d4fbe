// `.github/dependabot.yml|yaml`: `updates[*].directory` and `directories` entries (root-relative,
// with a leading `/`) follow the directories they name.
#pragma once

#include <string_view>
#include <vector>

#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/core/edit.hpp"
#include "gitreorg/plan/move_model.hpp"
#include "gitreorg/rewrite/reference_kind.hpp"

namespace gitreorg::rewrite {

bool is_dependabot_path(std::string_view path);

// The edits of one dependabot file. A directory the move splits, or a pattern or unknown directory
// below a moved one, goes to `review`.
std::vector<core::Edit> rewrite_dependabot(std::string_view old_path, std::string_view text, const plan::MoveModel& moves,
                                     diag::Sink& sink, std::vector<ReviewItem>& review);

// The "dependabot" row of the table of kinds.
bool dependabot_applies(const FileInput& file, const RewriteContext& ctx);
KindResult dependabot_rewrite(const FileInput& file, const RewriteContext& ctx, diag::Sink& sink);

}  // namespace gitreorg::rewrite

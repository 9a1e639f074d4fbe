// Relative links in Markdown files: resolved against the old tree, rewritten for the new one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gitreorg/core/edit.hpp"
#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/markdown/link_path.hpp"
#include "gitreorg/markdown/resolve_link.hpp"
#include "gitreorg/plan/move_model.hpp"
#include "gitreorg/rewrite/reference_kind.hpp"

namespace gitreorg::rewrite {

// The edits that keep every relative link of the Markdown file `text` (at `old_path`, moving to
// `new_path`) pointing at the same target. Each edit replaces only the path part of a destination.
// Links broken before the move are left as they are (the link check counts them), unless `repairs`
// finds the one target they meant: then they point at its new place ("broken-link-fix").
std::vector<core::Edit> rewrite_markdown_links(std::string_view old_path, std::string_view new_path, std::string_view text,
                                         const plan::MoveModel& moves, diag::Sink& sink);
// The same with the scan of `text` made already.
std::vector<core::Edit> rewrite_markdown_links(std::string_view old_path, std::string_view new_path, std::string_view text,
                                         const markdown::MarkdownScan& scan, const plan::MoveModel& moves, diag::Sink& sink,
                                         const markdown::LinkRepairs* repairs = nullptr);

// The "markdown-link" row of the table of kinds.
bool markdown_link_applies(const FileInput& file, const RewriteContext& ctx);
KindResult markdown_link_rewrite(const FileInput& file, const RewriteContext& ctx, diag::Sink& sink);

}  // namespace gitreorg::rewrite

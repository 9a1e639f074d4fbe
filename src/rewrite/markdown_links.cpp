// Markdown links: find them (markdown::scan_markdown), resolve them in the old tree, and point them at
// the target's new place from the file's new place, in the link's own style. Absolute URLs are the
// GitHub URL rewriter's business (it scans every text file), so each URL is edited once.
#include "gitreorg/rewrite/markdown_links.hpp"

#include <fmt/format.h>

#include "gitreorg/core/path.hpp"
#include "gitreorg/markdown/markdown_scan.hpp"

namespace gitreorg::rewrite {

std::vector<core::Edit> rewrite_markdown_links(std::string_view old_path, std::string_view new_path, std::string_view text,
                                         const plan::MoveModel& moves, diag::Sink& sink) {
  return rewrite_markdown_links(old_path, new_path, text, markdown::scan_markdown(text), moves, sink);
}

std::vector<core::Edit> rewrite_markdown_links(std::string_view old_path, std::string_view new_path, std::string_view,
                                               const markdown::MarkdownScan& scan, const plan::MoveModel& moves, diag::Sink& sink) {
  std::vector<core::Edit> edits;
  std::string file(old_path);
  std::string_view new_dir = core::parent_dir(new_path);
  if (!scan.skipped.empty()) sink.warning(file, {}, "links not rewritten: " + scan.skipped);
  for (const markdown::MarkdownLink& link : scan.links) {
    std::string_view raw = link.located ? std::string_view(link.raw) : std::string_view(link.destination);
    markdown::Syntax syntax = link.located ? link.syntax : markdown::Syntax::url;  // an unlocated destination is already unescaped
    markdown::ResolvedLink r = markdown::resolve_link(old_path, raw, syntax, moves);
    if (r.status == markdown::ResolvedLink::Status::broken) {
      sink.warning(file, {link.line, 0}, fmt::format("broken link `{}`: `{}` is not in the tree (left as is)", raw, r.target));
      continue;
    }
    if (r.status != markdown::ResolvedLink::Status::ok) continue;
    std::string new_target = *moves.new_path(r.target);
    if (r.kind == core::PathKind::directory && moves.dissolved(r.target)) {
      if (new_target.empty()) {
        sink.warning(file, {link.line, 0},
                     fmt::format("link `{}` needs review: the move dissolves directory `{}` (left as is)", raw, r.target));
        continue;
      }
      sink.note(file, {link.line, 0},
                fmt::format("link `{}`: the move dissolves directory `{}`; pointing it at `{}`, which holds all its files",
                            raw, r.target, new_target));
    }
    // Unchanged when the link, read from the file's new place, already reaches the target's new place.
    if (markdown::resolve_path(new_dir, markdown::decode(r.raw_path, syntax)) == new_target) continue;
    if (!link.located) {
      sink.warning(file, {link.line, 0},
                   fmt::format("link `{}` needs review: its target moves to `{}`, but its escapes or entities "
                               "could not be matched to the source bytes (left as is)",
                               raw, new_target));
      continue;
    }
    core::Edit e;
    e.offset = link.offset;
    e.length = r.raw_path.size();
    e.original = std::string(r.raw_path);
    e.replacement = markdown::retarget(r.raw_path, syntax, new_dir, new_target);
    e.line = link.line;
    e.kind = link.kind == markdown::MarkdownLink::Kind::html ? "html-link" : "markdown-link";
    if (e.replacement != e.original) edits.push_back(std::move(e));
  }
  return edits;
}

bool markdown_link_applies(const FileInput& file, const RewriteContext&) {
  return file.regular() && markdown::is_markdown_path(file.old_path);
}

KindResult markdown_link_rewrite(const FileInput& file, const RewriteContext& ctx, diag::Sink& sink) {
  const markdown::MarkdownScan& scan = file.scans->markdown(*file.text);
  return {rewrite_markdown_links(file.old_path, file.new_path, *file.text, scan, ctx.moves, sink), {}, {}, false};
}

}  // namespace gitreorg::rewrite

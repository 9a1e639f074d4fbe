// Markdown links: find them (links::scan_markdown), resolve them in the old tree, and point them at
// the target's new place from the file's new place, in the link's own style. Absolute URLs are the
// GitHub URL rewriter's business (it scans every text file), so each URL is edited once.
#include "gitreorg/rewrite/markdown_links.hpp"

#include <fmt/format.h>

#include "gitreorg/links/markdown_scan.hpp"

namespace gitreorg::rewrite {

ResolvedLink resolve_link(std::string_view file_path, std::string_view raw, Syntax syntax, const MoveMap& moves) {
  ResolvedLink r;
  if (raw.empty() || has_scheme(raw)) return r;
  SplitDestination d = split_destination(raw, syntax);
  r.raw_path = d.path;
  r.has_fragment = d.has_fragment;
  r.fragment = decode(d.fragment, syntax);
  if (d.path.empty()) {
    r.status = ResolvedLink::Status::anchor;
    return r;
  }
  std::optional<std::string> target = resolve_path(dir_of(file_path), decode(d.path, syntax));
  if (!target) {
    r.status = ResolvedLink::Status::outside;
    return r;
  }
  r.target = std::move(*target);
  r.kind = moves.kind(r.target);
  r.status = r.kind == MoveMap::Kind::none ? ResolvedLink::Status::broken : ResolvedLink::Status::ok;
  return r;
}

std::vector<Edit> rewrite_markdown_links(std::string_view old_path, std::string_view new_path, std::string_view text,
                                         const MoveMap& moves, diag::Sink& sink) {
  std::vector<Edit> edits;
  std::string file(old_path);
  std::string_view new_dir = dir_of(new_path);
  links::MarkdownScan scan = links::scan_markdown(text);
  if (!scan.skipped.empty()) sink.warning(file, {}, "links not rewritten: " + scan.skipped);
  for (const links::MarkdownLink& link : scan.links) {
    std::string_view raw = link.located ? std::string_view(link.raw) : std::string_view(link.destination);
    Syntax syntax = link.located ? link.syntax : Syntax::url;  // an unlocated destination is already unescaped
    ResolvedLink r = resolve_link(old_path, raw, syntax, moves);
    if (r.status == ResolvedLink::Status::broken) {
      sink.warning(file, {link.line, 0}, fmt::format("broken link `{}`: `{}` is not in the tree (left as is)", raw, r.target));
      continue;
    }
    if (r.status != ResolvedLink::Status::ok) continue;
    std::string new_target = *moves.new_path(r.target);
    if (r.kind == MoveMap::Kind::directory && moves.dissolved(r.target)) {
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
    if (resolve_path(new_dir, decode(r.raw_path, syntax)) == new_target) continue;
    if (!link.located) {
      sink.warning(file, {link.line, 0},
                   fmt::format("link `{}` needs review: its target moves to `{}`, but its escapes or entities "
                               "could not be matched to the source bytes (left as is)",
                               raw, new_target));
      continue;
    }
    Edit e;
    e.offset = link.offset;
    e.length = r.raw_path.size();
    e.original = std::string(r.raw_path);
    e.replacement = retarget(r.raw_path, syntax, new_dir, new_target);
    e.line = link.line;
    e.kind = link.kind == links::MarkdownLink::Kind::html ? "html-link" : "markdown-link";
    if (e.replacement != e.original) edits.push_back(std::move(e));
  }
  return edits;
}

bool markdown_link_applies(const FileInput& file, const RewriteContext&) {
  return file.regular() && links::is_markdown_path(file.old_path);
}

KindResult markdown_link_rewrite(const FileInput& file, const RewriteContext& ctx, diag::Sink& sink) {
  return {rewrite_markdown_links(file.old_path, file.new_path, *file.text, ctx.moves, sink), {}, {}, false};
}

}  // namespace gitreorg::rewrite

// Markdown links: find them (markdown::scan_markdown), resolve them in the old tree, and point them at
// the target's new place from the file's new place, in the link's own style. Absolute URLs are the
// GitHub URL rewriter's business (it scans every text file), so each URL is edited once.
#include "gitreorg/rewrite/markdown_links.hpp"

#include <fmt/format.h>

#include <optional>
#include <unordered_set>
#include <utility>

#include "gitreorg/core/path.hpp"
#include "gitreorg/markdown/markdown_scan.hpp"
#include "gitreorg/rewrite/path_mentions.hpp"

namespace gitreorg::rewrite {
namespace {

// The text of the inline link whose destination starts at `dest` (`[text](dest)`): [begin, end), or
// nullopt (an image, a reference, a link text that is not on the destination's line).
std::optional<std::pair<std::size_t, std::size_t>> link_text(std::string_view t, std::size_t dest) {
  std::size_t close = dest;
  if (close > 0 && t[close - 1] == '<') --close;
  if (close < 2 || t[close - 1] != '(' || t[close - 2] != ']') return std::nullopt;
  close -= 2;
  int depth = 0;
  for (std::size_t k = close; k-- > 0;) {
    char c = t[k];
    if (c == '\n') return std::nullopt;
    if (k > 0 && t[k - 1] == '\\') continue;
    if (c == ']') ++depth;
    if (c == '[') {
      if (depth == 0) {
        if (k > 0 && t[k - 1] == '!') return std::nullopt;
        return std::make_pair(k + 1, close);
      }
      --depth;
    }
  }
  return std::nullopt;
}

std::string_view strip_path(std::string_view p, bool& dot, bool& slash) {
  dot = p.starts_with("./");
  if (dot) p.remove_prefix(2);
  slash = p.size() > 1 && p.ends_with("/");
  if (slash) p.remove_suffix(1);
  return p;
}

// The new name of the directory called `name` on the way to `target`
// (`[3.use-cases](3.use-cases/bot/README.md)`), unless the move splits it.
std::optional<std::string> renamed_ancestor(std::string_view target, std::string_view name, const plan::MoveModel& moves) {
  for (std::string_view d = core::parent_dir(target); !d.empty(); d = core::parent_dir(d)) {
    if (core::base_name(d) != name) continue;
    std::string dir(d);
    std::optional<std::string> nd = moves.new_path(dir);
    if (!nd || nd->empty() || moves.dissolved(dir)) return std::nullopt;
    return std::string(core::base_name(*nd));
  }
  return std::nullopt;
}

// Link text that spells the link's own old destination, the target's old path or its old name (in a
// code span or not) follows the link: `[1.architectures](../1.architectures)` -> `[architectures](...)`.
// A link to a directory's README names that directory: `[2.projects](2.projects/README.md)`; a name
// of a directory on the way to the target names it too: `[1.infrastructure](1.infrastructure/setup/README.md)`.
std::optional<core::Edit> follow_link_text(std::string_view text, const markdown::MarkdownLink& link, std::string_view old_raw,
                                           std::string_view new_raw, const std::string& old_target, const std::string& new_target,
                                           const plan::MoveModel& moves) {
  auto range = link_text(text, link.offset);
  if (!range) return std::nullopt;
  std::string_view label = text.substr(range->first, range->second - range->first);
  std::size_t at = range->first;
  if (label.size() > 2 && label.front() == '`' && label.back() == '`' && label.find('`', 1) == label.size() - 1) {
    label = label.substr(1, label.size() - 2);
    ++at;
  }
  bool dot = false, slash = false;
  std::string_view bare = strip_path(label, dot, slash);
  if (bare.empty()) return std::nullopt;
  bool d1, s1;
  std::string replacement;
  // One name is the target's name (`[slurm](slurm/)` keeps its text when `slurm` moves but keeps its
  // name); a path is the destination as written, or the target's path from the root.
  std::string old_dir, new_dir;  // the README's directory, when the target is one
  if (core::is_readme(old_target) && old_target.find('/') != std::string::npos) {
    old_dir = std::string(core::parent_dir(old_target));
    if (auto d = moves.new_path(old_dir)) new_dir = *d;
  }
  // A path from the root is read as one first: in a file at the root it is also the destination as
  // written, and the file may move below the root (`[2.projects/x](2.projects/x)` in a README that
  // becomes docs/x.md names `examples/x`, not `../examples/x`).
  if (bare.find('/') == std::string_view::npos) {
    if (bare == core::base_name(old_target)) {
      replacement = std::string(core::base_name(new_target));
    } else if (auto name = renamed_ancestor(old_target, bare, moves)) {
      replacement = std::move(*name);
    } else {
      return std::nullopt;
    }
  } else if (bare == old_target) {
    replacement = new_target;
  } else if (!new_dir.empty() && bare == old_dir) {
    replacement = new_dir;
  } else if (bare == strip_path(old_raw, d1, s1)) {
    bool d2, s2;
    replacement = std::string(strip_path(new_raw, d2, s2));
  } else {
    return std::nullopt;
  }
  // A name renamed only in case (`FSDP` -> `fsdp`) is a word the author spelled as they liked.
  if (replacement.empty() || replacement == bare ||
      (bare.find('/') == std::string_view::npos && core::iequals(replacement, bare)))
    return std::nullopt;
  std::string written = (dot && !replacement.starts_with("../") ? "./" : "") + replacement + (slash ? "/" : "");
  return core::Edit{at, label.size(), written, link.line, "link-text", std::string(label)};
}

}  // namespace

std::vector<core::Edit> rewrite_markdown_links(std::string_view old_path, std::string_view new_path, std::string_view text,
                                         const plan::MoveModel& moves, diag::Sink& sink) {
  return rewrite_markdown_links(old_path, new_path, text, markdown::scan_markdown(text), moves, sink);
}

std::vector<core::Edit> rewrite_markdown_links(std::string_view old_path, std::string_view new_path, std::string_view text,
                                               const markdown::MarkdownScan& scan, const plan::MoveModel& moves, diag::Sink& sink,
                                               const markdown::LinkRepairs* repairs) {
  std::vector<core::Edit> edits;
  std::string file(old_path);
  std::string_view new_dir = core::parent_dir(new_path);
  if (!scan.skipped.empty()) sink.warning(file, {}, "links not rewritten: " + scan.skipped);
  for (const markdown::MarkdownLink& link : scan.links) {
    std::string_view raw = link.raw;
    markdown::Syntax syntax = link.located ? link.syntax : markdown::Syntax::url;  // an unlocated destination is already unescaped
    markdown::ResolvedLink r = markdown::resolve_link(old_path, raw, syntax, moves);
    // A link broken before the move is left as is (the link check counts it: it is not the migration's
    // doing), or, with --fix-broken, pointed at the one target it plausibly meant.
    const char* kind = nullptr;
    std::string reason;
    if (r.status == markdown::ResolvedLink::Status::broken && repairs && link.located) {
      if (auto fix = repairs->repair(old_path, r.raw_path, syntax); fix && moves.new_path(fix->target)) {
        r.target = fix->target;
        r.kind = moves.kind(fix->target);
        r.status = markdown::ResolvedLink::Status::ok;
        kind = "broken-link-fix";
        if (!fix->moved_in.empty()) reason = fix->reason();
      }
    }
    if (r.status != markdown::ResolvedLink::Status::ok) continue;
    std::string new_target = *moves.new_path(r.target);
    if (r.kind == core::PathKind::directory && moves.dissolved(r.target)) {
      if (new_target.empty()) {
        sink.warning(file, {link.line, 0},
                     fmt::format("link `{}` needs review: the move dissolves directory `{}` (left as is)", raw, r.target))
            .names = {r.target};
        continue;
      }
      sink.note(file, {link.line, 0},
                fmt::format("link `{}`: the move dissolves directory `{}`; pointing it at `{}`, which holds all its files",
                            raw, r.target, new_target))
          .names = {r.target, new_target};
    }
    // Unchanged when the link, read from the file's new place, already reaches the target's new place.
    if (markdown::resolve_path(new_dir, markdown::decode(r.raw_path, syntax)) == new_target) continue;
    if (!link.located) {
      sink.warning(file, {link.line, 0},
                   fmt::format("link `{}` needs review: its target moves to `{}`, but its escapes or entities "
                               "could not be matched to the source bytes (left as is)",
                               raw, new_target))
          .names = {new_target};
      continue;
    }
    core::Edit e;
    e.offset = link.offset;
    e.length = r.raw_path.size();
    e.original = std::string(r.raw_path);
    e.replacement = markdown::retarget(r.raw_path, syntax, core::parent_dir(old_path), new_dir, new_target);
    e.line = link.line;
    e.kind = kind ? kind : link.kind == markdown::MarkdownLink::Kind::html ? "html-link" : "markdown-link";
    e.reason = std::move(reason);
    if (e.replacement == e.original) continue;
    if (link.kind == markdown::MarkdownLink::Kind::link)
      if (auto t = follow_link_text(text, link, e.original, e.replacement, r.target, new_target, moves)) edits.push_back(std::move(*t));
    edits.push_back(std::move(e));
  }
  return edits;
}

bool markdown_link_applies(const FileInput& file, const RewriteContext&) {
  return file.regular() && markdown::is_markdown_path(file.old_path);
}

KindResult markdown_link_rewrite(const FileInput& file, const RewriteContext& ctx, diag::Sink& sink) {
  const markdown::MarkdownScan& scan = file.scans->markdown(*file.text);
  KindResult out{rewrite_markdown_links(file.old_path, file.new_path, *file.text, scan, ctx.moves, sink, ctx.repairs), {}, {}, false};
  // A link broken before the move that names the old layout (`0.docs/gone.md`) and was not fixed keeps
  // an old path in the new tree: a reviewer should see it with the rest.
  std::unordered_set<std::size_t> edited;
  for (const core::Edit& e : out.edits) edited.insert(e.offset);
  for (const markdown::MarkdownLink& link : scan.links) {
    if (!link.located || edited.count(link.offset) || !ctx.mentions.looks_old(link.raw)) continue;
    markdown::ResolvedLink r = markdown::resolve_link(file.old_path, link.raw, link.syntax, ctx.moves);
    if (r.status == markdown::ResolvedLink::Status::broken)
      out.review.push_back({std::string(file.old_path), link.line, link.raw,
                            "a link broken before the move, to an old path: fix or remove it"});
  }
  return out;
}

}  // namespace gitreorg::rewrite

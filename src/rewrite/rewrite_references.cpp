// The rewrite driver: one pass over the plan's files, each blob read once, each kind of reference
// handed to its rewriter, the edits of one file merged and applied.
#include "gitreorg/rewrite/rewrite_references.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <optional>
#include <thread>

#include "gitreorg/links/markdown_scan.hpp"
#include "gitreorg/rewrite/glob.hpp"
#include "gitreorg/rewrite/github_urls.hpp"
#include "gitreorg/rewrite/gitmodules.hpp"
#include "gitreorg/rewrite/markdown_links.hpp"
#include "gitreorg/rewrite/move_map.hpp"
#include "gitreorg/rewrite/pattern_files.hpp"
#include "gitreorg/rewrite/path_mentions.hpp"
#include "gitreorg/rewrite/symlinks.hpp"
#include "gitreorg/rewrite/workflows.hpp"

namespace gitreorg::rewrite {
namespace {

// Sorted by offset; where two rewriters claim the same bytes, the more specific edit stays (a path
// mention gives way to a link, a URL or a filter).
std::vector<Edit> merge_edits(std::vector<Edit> edits) {
  std::stable_sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.offset < b.offset; });
  std::vector<Edit> out;
  for (Edit& e : edits) {
    if (!out.empty() && e.offset < out.back().offset + out.back().length) {
      if (out.back().kind == "path-mention" && e.kind != "path-mention") out.back() = std::move(e);
      continue;
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

namespace {

// What every worker shares, read-only: the move and the rewriters built from it.
struct Shared {
  const mapping::Mapping& mapping;
  const plan::Tree& tree;
  const MoveMap& moves;
  const std::optional<GithubUrls>& urls;
  const MovedTree& moved_tree;
  bool moving;
};

// Rewrites one file into `out` (a worker's part of the result). `mentions` is the worker's own: it
// caches what it learns.
void rewrite_file(const Shared& sh, const plan::PlannedFile& f, const BlobReader& read_blob, PathMentions& mentions,
                  ReferenceRewrite& out, std::size_t& pinned) {
  const mapping::Mapping& mapping = sh.mapping;
  const plan::Tree& tree = sh.tree;
  const MoveMap& moves = sh.moves;
  const std::optional<GithubUrls>& urls = sh.urls;
  const MovedTree& moved_tree = sh.moved_tree;
  bool moving = sh.moving;
    bool markdown = links::is_markdown_path(f.old_path);
    bool regular = f.mode == plan::kModeFile || f.mode == plan::kModeExecutable;
    if (f.mode == plan::kModeSymlink) {
      std::string target = read_blob(f.oid);
      if (auto e = rewrite_symlink(f.old_path, f.new_path, target, moves, out.diagnostics)) {
        ++out.counts[e->kind];
        FileRewrite fr{f.old_path, f.new_path, f.mode, apply_edits(target, {*e}), {*e}};
        out.files.push_back(std::move(fr));
      }
      return;
    }
    if (!regular) return;
    // Which rewriters want this file (by name; a `#!` first line is seen once the blob is read).
    bool workflow = moving && (is_workflow_path(f.old_path) || is_action_path(f.old_path));
    bool dependabot = moving && is_dependabot_path(f.old_path);
    bool gitmodules = moving && is_gitmodules_path(f.old_path);
    PatternFile patterns = moving ? pattern_file_kind(f.old_path) : PatternFile::none;
    MentionFormat format = moving ? mention_format(f.old_path, "") : MentionFormat::none;
    if (!markdown && !urls && !workflow && !dependabot && !gitmodules && patterns == PatternFile::none && format == MentionFormat::none) return;
    std::string content = read_blob(f.oid);
    if (SkipReason why = skip_reason(content); why != SkipReason::none) {
      ++out.counts[std::string(skip_kind(why))];
      return;
    }
    if (moving && format == MentionFormat::none) format = mention_format(f.old_path, content);
    // The mapping names old paths on purpose: it is not a reference to them.
    if (content == mapping.text) format = MentionFormat::none;
    std::vector<Edit> edits;
    if (markdown) edits = rewrite_markdown_links(f.old_path, f.new_path, content, moves, out.diagnostics);
    if (urls) {
      // Markdown links leave absolute URLs alone, so the two never edit the same bytes.
      for (Edit& e : urls->rewrite_text(f.old_path, content, pinned, out.diagnostics)) edits.push_back(std::move(e));
    }
    std::vector<Edit> more;
    if (workflow) {
      WorkflowResult w = rewrite_workflow(f.old_path, content, moved_tree, mentions, out.diagnostics, out.needs_review);
      if (w.changed_filters) out.counts["filter-changed"] += w.changed_filters;
      if (is_workflow_path(f.old_path) && has_path_filters(content)) out.path_filter_workflows.push_back(f.old_path);
      more = std::move(w.edits);
    } else if (gitmodules) {
      more = rewrite_gitmodules(f.old_path, content, moves, out.diagnostics);
    } else if (dependabot) {
      more = rewrite_dependabot(f.old_path, content, moves, out.diagnostics, out.needs_review);
    } else if (patterns != PatternFile::none) {
      PatternFileResult p = rewrite_pattern_file(patterns, f.old_path, f.new_path, content, moves, tree, out.diagnostics);
      if (!p.changes.empty()) out.counts["pattern-changed"] += p.changes.size();
      more = std::move(p.edits);
    } else if (format != MentionFormat::none) {
      more = mentions.rewrite_file(f.old_path, f.new_path, content, format, out.needs_review);
    }
    for (Edit& e : more) edits.push_back(std::move(e));
    if (edits.empty()) return;
    edits = merge_edits(std::move(edits));
    for (const Edit& e : edits) ++out.counts[e.kind];
    std::string updated = apply_edits(content, edits);
    out.files.push_back(FileRewrite{f.old_path, f.new_path, f.mode, std::move(updated), std::move(edits)});
}

// Adds a worker's part to the whole, keeping file order.
void merge_into(ReferenceRewrite& out, ReferenceRewrite&& part) {
  for (FileRewrite& f : part.files) out.files.push_back(std::move(f));
  for (const auto& [k, n] : part.counts) out.counts[k] += n;
  out.diagnostics.append(part.diagnostics);
  for (ReviewItem& r : part.needs_review) out.needs_review.push_back(std::move(r));
  for (std::string& w : part.path_filter_workflows) out.path_filter_workflows.push_back(std::move(w));
}

}  // namespace

ReferenceRewrite rewrite_references(const mapping::Mapping& mapping, const plan::Tree& tree, const plan::Plan& plan,
                                    const BlobReaderFactory& make_reader, unsigned threads) {
  ReferenceRewrite out;
  plan::PathMapper mapper(mapping);
  MoveMap moves(tree, plan.files, &mapper);
  bool new_url = mapping.repository && !mapping.repository->new_url.empty();
  bool moving = moves.any_moves();
  if (!moving && !new_url) return out;
  std::optional<GithubUrls> urls;
  if (mapping.repository) urls.emplace(*mapping.repository, moves);
  MovedTree moved_tree(moves, tree);
  Shared shared{mapping, tree, moves, urls, moved_tree, moving};
  std::string repo_name = mapping.repository ? mapping.repository->name : "";

  // Small chunks handed out in order to whichever thread is free (the few files that check the whole
  // tree, CODEOWNERS and workflows, do not hold up the rest), merged in chunk order: the result does not
  // depend on `threads`.
  const std::size_t n = plan.files.size();
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(n / kFilesPerThread) + 1));
  constexpr std::size_t kChunk = 256;
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  std::vector<ReferenceRewrite> parts(chunks);
  std::vector<std::size_t> pinned(chunks, 0);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    BlobReader read_blob = make_reader();
    PathMentions mentions(moves, tree, repo_name);
    for (std::size_t c = next++; c < chunks; c = next++)
      for (std::size_t i = c * kChunk; i < std::min(n, (c + 1) * kChunk); ++i)
        rewrite_file(shared, plan.files[i], read_blob, mentions, parts[c], pinned[c]);
  };
  if (threads == 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    std::vector<std::exception_ptr> errors(threads);
    for (unsigned t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        try {
          work();
        } catch (...) {
          errors[t] = std::current_exception();
          next = chunks;  // stop the others early
        }
      });
    for (std::thread& th : pool) th.join();
    for (const std::exception_ptr& e : errors)
      if (e) std::rethrow_exception(e);
  }
  std::size_t pinned_total = 0;
  for (std::size_t c = 0; c < chunks; ++c) {
    merge_into(out, std::move(parts[c]));
    pinned_total += pinned[c];
  }
  if (pinned_total) out.counts["pinned-url"] = pinned_total;
  std::stable_sort(out.needs_review.begin(), out.needs_review.end(), [](const ReviewItem& a, const ReviewItem& b) {
    return a.path != b.path ? a.path < b.path : a.line < b.line;
  });
  return out;
}

ReferenceRewrite rewrite_references(const mapping::Mapping& mapping, const plan::Tree& tree, const plan::Plan& plan,
                                    const BlobReader& read_blob) {
  return rewrite_references(mapping, tree, plan, [&] { return read_blob; }, 1);
}

ReferenceRewrite rewrite_references(const plan::RepositoryPlan& rp, const BlobReaderFactory& make_reader, unsigned threads) {
  return rewrite_references(rp.mapping, rp.tree, rp.plan, make_reader, threads);
}

ReferenceRewrite rewrite_references(const plan::RepositoryPlan& rp, const BlobReader& read_blob) {
  return rewrite_references(rp.mapping, rp.tree, rp.plan, read_blob);
}

}  // namespace gitreorg::rewrite

// The rewrite driver: one pass over the plan's files, each blob read once, each kind of reference in
// the table (kinds.cpp) that applies handed the file, the edits of one file merged and applied.
#include "gitreorg/rewrite/rewrite_references.hpp"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <optional>

#include "gitreorg/core/parallel_for.hpp"
#include "gitreorg/core/progress.hpp"
#include "gitreorg/markdown/markdown_scan.hpp"
#include "gitreorg/plan/move_model.hpp"
#include "gitreorg/rewrite/github_urls.hpp"
#include "gitreorg/rewrite/glob.hpp"
#include "gitreorg/rewrite/path_mentions.hpp"
#include "gitreorg/rewrite/prefilter.hpp"
#include "gitreorg/rewrite/reference_kind.hpp"
#include "gitreorg/rewrite/squash_similarity.hpp"
#include "gitreorg/rewrite/table_columns.hpp"
#include "gitreorg/rewrite/text_blob.hpp"

namespace gitreorg::rewrite {
namespace {

// A rewritten file's measures, from its old content while it is in memory (FileRewrite).
void measure(FileRewrite& r, std::string_view before, const RewriteMeasures& m) {
  if (m.blob_id) r.new_oid = m.blob_id(r.new_content);
  if (!m.similarity || !m.diff_size) return;
  r.measured = true;
  bool moved = r.old_path != r.new_path;
  bool regular = r.mode == core::kModeFile || r.mode == core::kModeExecutable;
  if (moved) r.similarity = regular ? m.similarity(before, r.new_content) : 0;
  // git pairs a moved file under its rename threshold with no old path: a deletion and an addition.
  if (moved && r.similarity < kSquashRenameThreshold) {
    r.diff = m.diff_size(r.old_path, before, "", "");
    r.diff_added = m.diff_size("", "", r.new_path, r.new_content);
  } else {
    r.diff = m.diff_size(r.old_path, before, r.new_path, r.new_content);
  }
}

// Rewrites one file into `out` (a worker's part of the result).
void rewrite_file(const RewriteContext& ctx, const plan::PlannedFile& f, const core::BlobReader& read_blob,
                  const Prefilter* filter, markdown::ScanCache* cache, const RewriteMeasures* measures,
                  ReferenceRewrite& out) {
  FileInput file{f.old_path, f.new_path, f.mode, f.oid, nullptr};
  // Which kinds want this file, by name (a `#!` first line is seen once the blob is read).
  std::span<const ReferenceKind> kinds = reference_kinds();
  if (std::none_of(kinds.begin(), kinds.end(), [&](const ReferenceKind& k) { return k.applies(file, ctx); })) return;
  std::string content = read_blob(f.oid);
  FileScans scans(cache, f.oid);
  file.text = &content;
  file.scans = &scans;
  if (file.regular()) {  // a symlink's target is not a text file
    if (SkipReason why = skip_reason(content); why != SkipReason::none) {
      ++out.counts[std::string(skip_kind(why))];
      return;
    }
  }
  // Wanted only by kinds that find references by what they name, and naming none of the needles:
  // nothing in it changes, and no parser needs to run.
  if (filter && std::all_of(kinds.begin(), kinds.end(), [&](const ReferenceKind& k) { return k.literal || !k.applies(file, ctx); }) &&
      !filter->may_reference(f.old_path, f.new_path, content))
    return;
  std::vector<core::Edit> edits;
  bool exclusive_ran = false, as_text = false, path_filters = false;
  for (const ReferenceKind& k : kinds) {
    if ((k.exclusive && exclusive_ran) || !k.applies(file, ctx)) continue;
    exclusive_ran = exclusive_ran || k.exclusive;
    KindResult r = k.rewrite(file, ctx, out.diagnostics);
    for (core::Edit& e : r.edits) edits.push_back(std::move(e));
    for (ReviewItem& item : r.review) out.needs_review.push_back(std::move(item));
    for (const auto& [name, n] : r.counts)
      if (n) out.counts[name] += n;
    if (r.path_filters) out.path_filter_workflows.push_back(f.old_path);
    path_filters = path_filters || r.path_filters;
    as_text = as_text || r.read_as_text;
  }
  // The filters GitHub reads on the migration's pull request: the workflow as the migration leaves it.
  auto filters_of = [&](std::string_view text) {
    if (!path_filters) return;
    std::vector<PullRequestFilter> pr = pull_request_filters(text);
    if (!pr.empty()) out.pull_request_filters.push_back({f.new_path, std::move(pr)});
  };
  if (edits.empty()) {
    filters_of(content);
    return;
  }
  edits = merge_edits(std::move(edits));
  edits.shrink_to_fit();  // kept for the whole run, for the reports
  for (const core::Edit& e : edits) ++out.counts[e.kind];
  // A padded table the edits land in is padded again. The whitespace edits are layout, not references:
  // applied with the edits but not kept among them, so the plan lists and counts references only, and
  // `table-padding` counts the rows they re-pad.
  std::vector<core::Edit> padding;
  if (file.regular() && markdown::is_markdown_path(f.old_path)) {
    TablePadding p = pad_tables(content, scans.markdown(content).tables, edits);
    if (p.rows) out.counts[std::string(kTablePadding)] += p.rows;
    padding = std::move(p.edits);
  }
  std::string updated;
  if (padding.empty()) {
    updated = core::apply_edits(content, edits);
  } else {
    std::vector<core::Edit> all = edits;
    for (core::Edit& e : padding) all.push_back(std::move(e));
    updated = core::apply_edits(content, std::move(all));
  }
  filters_of(updated);
  out.files.push_back(FileRewrite{f.old_path, f.new_path, f.mode, std::move(updated), "", std::move(edits), as_text});
  if (measures) measure(out.files.back(), content, *measures);
}

// Adds a worker's part to the whole, keeping file order.
void merge_into(ReferenceRewrite& out, ReferenceRewrite&& part) {
  for (FileRewrite& f : part.files) out.files.push_back(std::move(f));
  for (const auto& [k, n] : part.counts) out.counts[k] += n;
  out.diagnostics.append(part.diagnostics);
  for (ReviewItem& r : part.needs_review) out.needs_review.push_back(std::move(r));
  for (std::string& w : part.path_filter_workflows) out.path_filter_workflows.push_back(std::move(w));
  for (WorkflowFilters& w : part.pull_request_filters) out.pull_request_filters.push_back(std::move(w));
}

// GITREORG_NO_PREFILTER=1 reads every file: the test that proves the pre-filter changes nothing.
bool prefilter_disabled() {
  const char* v = std::getenv("GITREORG_NO_PREFILTER");
  return v && *v && std::string_view(v) != "0";
}

}  // namespace

ReferenceRewrite rewrite_references(const plan::RepositoryPlan& rp, const BlobReaderFactory& make_reader, unsigned threads,
                                    const markdown::LinkRepairs* repairs, std::span<const SiblingReferences> siblings,
                                    markdown::ScanCache* scans, const RewriteMeasures* measures) {
  const mapping::Mapping& mapping = rp.mapping;
  const core::Tree& tree = rp.tree;
  const plan::Plan& plan = rp.plan;
  ReferenceRewrite out;
  const plan::MoveModel& moves = rp.move_model();
  bool new_url = mapping.repository && !mapping.repository->new_url.empty();
  bool moving = moves.any_moves();
  if (!moving && !new_url && !repairs && siblings.empty()) return out;
  std::optional<GithubUrls> urls;
  if (mapping.repository) urls.emplace(*mapping.repository, moves, repairs, rp.imported);
  MovedTree moved_tree(moves, tree);
  // Where apply carries each ignored path: the mapping's rules, as for every untracked path.
  std::vector<IgnoredPath> ignored;
  if (moving && moves.mapper())
    for (const std::string& p : rp.ignored) {
      bool dir = p.ends_with('/');
      std::string old_path = dir ? p.substr(0, p.size() - 1) : p;
      std::string new_path = moves.mapper()->map(old_path, false).path;
      ignored.push_back({p, dir ? new_path + "/" : new_path});
    }
  std::vector<const GithubUrls*> sibling_urls;
  for (const SiblingReferences& s : siblings)
    if (s.urls) sibling_urls.push_back(s.urls);
  std::string repo_name = mapping.repository ? mapping.repository->name : "";
  std::string new_repo_name = mapping.repository ? mapping.repository->new_name : "";
  const PathMentions mentions(moves, tree, repo_name, new_repo_name);  // each worker copies it: it caches what it learns
  // Without --fix-broken: a broken link or URL may be repaired whatever it names.
  std::optional<Prefilter> filter;
  if (!repairs && !prefilter_disabled()) {
    std::vector<std::string> clones{repo_name};
    for (const SiblingReferences& s : siblings)
      if (s.plan && !s.clone_name.empty() && !s.new_clone_name.empty()) clones.push_back(s.clone_name);
    std::vector<const GithubUrls*> all_urls = sibling_urls;
    if (urls) all_urls.push_back(&*urls);
    filter.emplace(moves, prefilter_needles(moves, tree, mentions, clones, all_urls));
  }

  // Small chunks handed out in order to whichever thread is free (the few files that check the whole
  // tree, CODEOWNERS and workflows, do not hold up the rest), merged in chunk order: the result does not
  // depend on `threads`.
  const std::size_t n = plan.files.size();
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(n / kFilesPerThread) + 1));
  constexpr std::size_t kChunk = 256;
  const std::size_t chunks = (n + kChunk - 1) / kChunk;
  std::vector<ReferenceRewrite> parts(chunks);
  core::Progress shown("Scanning files", n);
  // Each worker's own reader and path mentions (they cache what they learn), made on its first chunk.
  struct Worker {
    core::BlobReader read_blob;
    PathMentions mentions;
    std::vector<std::unique_ptr<PathMentions>> sibling_mentions;
    std::vector<const PathMentions*> sibling_mention_ptrs;
    std::optional<RewriteContext> ctx;
  };
  std::vector<std::unique_ptr<Worker>> workers(threads);
  core::parallel_for(
      chunks, threads,
      [&](unsigned w, std::size_t c) {
        if (!workers[w]) {
          workers[w] = std::make_unique<Worker>(Worker{make_reader(), mentions, {}, {}, std::nullopt});
          Worker& k = *workers[w];
          for (const SiblingReferences& s : siblings)
            if (s.plan && !s.clone_name.empty() && !s.new_clone_name.empty()) {
              k.sibling_mentions.push_back(std::make_unique<PathMentions>(s.plan->move_model(), s.plan->tree, s.clone_name,
                                                                          s.new_clone_name, /*clone_only=*/true));
              k.sibling_mention_ptrs.push_back(k.sibling_mentions.back().get());
            }
          k.ctx.emplace(RewriteContext{mapping, rp.mapping_blob, tree, moves, moved_tree, k.mentions, urls ? &*urls : nullptr,
                                       moving, repairs, sibling_urls, &ignored, k.sibling_mention_ptrs});
        }
        Worker& k = *workers[w];
        for (std::size_t i = c * kChunk; i < std::min(n, (c + 1) * kChunk); ++i) {
          rewrite_file(*k.ctx, plan.files[i], k.read_blob, filter ? &*filter : nullptr, scans, measures, parts[c]);
          shown.add();
        }
      },
      /*grain=*/1);
  for (ReferenceRewrite& part : parts) merge_into(out, std::move(part));
  out.files.shrink_to_fit();  // kept for the whole run
  std::stable_sort(out.needs_review.begin(), out.needs_review.end(), [](const ReviewItem& a, const ReviewItem& b) {
    return a.path != b.path ? a.path < b.path : a.line < b.line;
  });
  return out;
}

}  // namespace gitreorg::rewrite

// The rewrite stage of the pipeline: every reference in the repository, updated for a plan.
// Pure: blobs come through a callback (each read once), results are data for `plan` to list and for
// `apply` to commit ("Update references").
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "gitreorg/core/blob_reader.hpp"
#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/repository_plan.hpp"
#include "gitreorg/plan/planner.hpp"
#include "gitreorg/core/tree.hpp"
#include "gitreorg/core/edit.hpp"
#include "gitreorg/rewrite/github_urls.hpp"
#include "gitreorg/rewrite/pull_request_diff.hpp"
#include "gitreorg/rewrite/pull_request_filters.hpp"
#include "gitreorg/rewrite/reference_kind.hpp"

namespace gitreorg::rewrite {

// Makes a blob reader for one worker thread (each thread reads through its own repository handle).
using BlobReaderFactory = std::function<core::BlobReader()>;

// Below this many files per thread, more threads cost more than they save.
constexpr std::size_t kFilesPerThread = 2000;

// One file whose content changes: where it lives after the move, and its new bytes.
struct FileRewrite {
  std::string old_path;
  std::string new_path;
  std::uint32_t mode = core::kModeFile;
  std::string new_content;
  std::string new_oid;  // its blob id, once hashed (pipeline::prepare_migration); empty before
  std::vector<core::Edit> edits;  // offsets into the old content, sorted
  bool read_as_text = false;      // a workflow whose edits were found by line shape, not by its YAML
  // Taken by the rewrite while the old content is in memory (RewriteMeasures), so no later stage reads
  // the old blob again: for a moved file, git's rename score of old to new content (0 for a symlink),
  // -1 when not moved or not measured; the diff's size (for a moved file under git's rename threshold,
  // the deletion's, and the addition's in `diff_added`).
  bool measured = false;
  int similarity = -1;
  core::DiffSize diff;
  core::DiffSize diff_added;
};

// What the pipeline measures of each rewritten file on the rewrite's threads (git's functions; each
// called from every thread). Each may be empty; `measured` is set when the last two are given.
struct RewriteMeasures {
  std::function<std::string(std::string_view content)> blob_id;  // FileRewrite::new_oid
  std::function<int(std::string_view before, std::string_view after)> similarity;  // squash_similarity.hpp
  DiffSizer diff_size;  // pull_request_diff.hpp
};

// A workflow's pull-request path filters (pull_request_filters.hpp).
struct WorkflowFilters {
  std::string workflow;  // its new path
  std::vector<PullRequestFilter> filters;
};

// A moved file that the references commit also edits, scored as a squash merge would show it: the
// similarity (0-100, git's rename score) of its old content to its final one. Under 50 git sees it
// deleted and added, and its history breaks; under 75 it is listed for review.
struct SquashBreak {
  std::string path;      // the new path
  std::string old_path;
  int similarity = 0;
};

struct ReferenceRewrite {
  std::vector<FileRewrite> files;  // only files with edits, in old-path order
  // Per kind: the edit kinds and the counted kinds of the table of kinds (reference_kind.hpp), and
  // "skipped-binary", "skipped-lfs", "skipped-large" (files not read as text, text_blob.hpp).
  std::map<std::string, std::size_t> counts;
  diag::Sink diagnostics;  // broken links, links needing review, symlinks leaving the repository
  // Words that look like old paths but were not rewritten (ambiguous, split directories, names that
  // resolve to nothing), by file and line: the plan's "needs review" section.
  std::vector<ReviewItem> needs_review;
  // Workflows with `paths` / `paths-ignore` filters: GitHub evaluates them on the first 300 changed
  // files only, so the migration's own pull request will not trigger them reliably.
  std::vector<std::string> path_filter_workflows;
  // Their pull-request filters as they read after the migration (pull_request_runs), in old-path order.
  std::vector<WorkflowFilters> pull_request_filters;
  // Moved and edited files under 75% similar to their old content, in old-path order (filled by
  // squash_similarity, squash_similarity.hpp, once the new contents exist).
  std::vector<SquashBreak> squash_breaks;
  bool squash_scored = false;  // squash_breaks was filled (the pipeline does; a rewrite alone does not)
  std::optional<PullRequestDiff> pull_request_diff;  // filled by the pipeline, as squash_breaks
};

// An imported repository as host files may name it.
struct SiblingReferences {
  const GithubUrls* urls = nullptr;            // its URLs; nullptr without the import's `urls:`
  const plan::RepositoryPlan* plan = nullptr;  // its tree and moves (import_repository_plan)
  std::string clone_name;                      // its clone's directory name ("" = paths in it are not read)
  std::string new_clone_name;                  // the host's clone's
};

// Rewrites every reference the kinds of the table find (Markdown links, repository URLs, symlink
// targets, workflows, `.gitmodules`, dependabot, CODEOWNERS / .gitignore / .gitattributes patterns,
// path mentions) for the move `rp.plan` describes on `rp.tree`, on `threads` threads, each reading blobs
// with a reader from `make_reader`. The result does not depend on `threads` (files are split in
// chunks and merged in order).
// With `repairs`, links broken before the move are fixed where it finds their one plausible target.
// `siblings`: the repositories the mapping imports, so host files that name a sibling follow the
// import too: its URLs (re-pointed to the host's URL and the new paths of its files) and paths in its
// clone (`cd awsome-inference/2.projects/x` becomes `cd <host>/<new path>`).
// With `scans`, the Markdown scans it makes are kept there for the link check (rp's blobs only).
// With `measures`, each rewritten file gets its blob id, rename score and diff size (FileRewrite).
ReferenceRewrite rewrite_references(const plan::RepositoryPlan& rp, const BlobReaderFactory& make_reader,
                                    unsigned threads = 1, const markdown::LinkRepairs* repairs = nullptr,
                                    std::span<const SiblingReferences> siblings = {}, markdown::ScanCache* scans = nullptr,
                                    const RewriteMeasures* measures = nullptr);

}  // namespace gitreorg::rewrite

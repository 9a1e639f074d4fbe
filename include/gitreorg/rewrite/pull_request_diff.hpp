// How large the migration's pull-request diff is, against GitHub's diff limits (docs.github.com,
// "Repository limits"): a pull request's diff stops at 20,000 lines or 1 MB of raw diff, no single
// file's diff is shown past 20,000 lines or 500 KB, and one over 400 lines or 20 KB is shown only
// when asked ("Load diff"). Pure: blobs and the size of one file's diff come through callbacks.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gitreorg/core/blob_reader.hpp"
#include "gitreorg/core/diff_size.hpp"
#include "gitreorg/plan/repository_plan.hpp"

namespace gitreorg::rewrite {

struct ReferenceRewrite;

constexpr std::size_t kGithubDiffLines = 20000;            // a pull request's diff, and one file's
constexpr std::size_t kGithubDiffBytes = 1000 * 1000;      // a pull request's raw diff
constexpr std::size_t kGithubFileDiffBytes = 500 * 1000;   // one file's raw diff
constexpr std::size_t kGithubLoadedLines = 400;            // one file's diff shown without asking
constexpr std::size_t kGithubLoadedBytes = 20 * 1000;

using core::DiffSize;

// The diff of one file from `before` at `old_path` to `after` at `new_path`, as `git diff -M`
// prints it; an empty path is a side that does not exist (an added or a deleted file).
// git::diff_size in the pipeline.
using DiffSizer = std::function<DiffSize(std::string_view old_path, std::string_view before, std::string_view new_path,
                                         std::string_view after)>;

struct DiffFile {
  std::string path;  // its new path (the old one for a deletion)
  DiffSize size;
};

struct PullRequestDiff {
  std::size_t files = 0;           // entries of the diff (a moved file under git's rename threshold is two)
  DiffSize total;
  std::vector<DiffFile> too_large;  // over one file's limit: GitHub shows no diff of them
  std::size_t collapsed = 0;        // over what GitHub loads without asking (too_large not counted)
  std::optional<std::size_t> cut;   // 0-based entry at which the total limit is passed: it and those after are not shown
  std::string cut_path;
};

// The diff of the migration's pull request (every moved file, every edited one and each import's
// files not merged yet), in the order GitHub lists it (by path). `read_blob` reads the host's blobs,
// one reader per thread (as many threads as readers; `size` is called from all of them);
// `read_import_blob[k]` those of import k (parallel to rp.imports; unused for an import merged
// already); `import_refs` the edits of each import's files (parallel too, may be shorter).
PullRequestDiff pull_request_diff(const plan::RepositoryPlan& rp, const ReferenceRewrite& refs,
                                  std::span<const core::BlobReader> read_blob,
                                  const std::vector<core::BlobReader>& read_import_blob,
                                  const std::vector<ReferenceRewrite>& import_refs, const DiffSizer& size);

}  // namespace gitreorg::rewrite

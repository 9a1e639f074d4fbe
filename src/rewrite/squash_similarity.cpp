// The squash-merge check: each moved and edited file's similarity to its old content, against git's
// rename threshold. The two commits of `apply` keep every rename exact; a squash folds them, and a
// small file whose links were most of its text is then a deletion and an addition to git.
#include "gitreorg/rewrite/squash_similarity.hpp"

#include <fmt/format.h>

#include <unordered_map>

#include "gitreorg/core/parallel_for.hpp"

namespace gitreorg::rewrite {

std::vector<SquashBreak> squash_similarity(const plan::Plan& plan, std::span<const FileRewrite> files,
                                           std::span<const core::BlobReader> read_blob, const SimilarityScore& score,
                                           diag::Sink& sink) {
  std::vector<SquashBreak> out;
  std::unordered_map<std::string_view, const plan::PlannedFile*> by_old;
  for (const FileRewrite& f : files)
    if (f.old_path != f.new_path) by_old.emplace(f.old_path, nullptr);
  if (by_old.empty()) return out;
  for (const plan::PlannedFile& p : plan.files)
    if (auto it = by_old.find(p.old_path); it != by_old.end()) it->second = &p;
  // Scored on every reader's thread (each file reads its old blob and compares two texts), reported
  // in the order of `files`.
  constexpr int kNotScored = -1;
  std::vector<int> similarity(files.size(), kNotScored);
  core::parallel_for(files.size(), static_cast<unsigned>(read_blob.size()), [&](unsigned worker, std::size_t i) {
    const FileRewrite& f = files[i];
    if (f.old_path == f.new_path) return;
    const plan::PlannedFile* old = by_old.at(f.old_path);
    if (!old) return;  // not a file of the plan (cannot happen for the host's rewrite)
    if (f.measured) {  // scored by the rewrite already
      similarity[i] = f.similarity;
      return;
    }
    bool regular = (old->mode == core::kModeFile || old->mode == core::kModeExecutable) &&
                   (f.mode == core::kModeFile || f.mode == core::kModeExecutable);
    similarity[i] = regular ? score(read_blob[worker](old->oid), f.new_content) : 0;
  });
  for (std::size_t i = 0; i < files.size(); ++i) {
    const FileRewrite& f = files[i];
    if (similarity[i] == kNotScored || similarity[i] >= kSquashReviewThreshold) continue;
    out.push_back({f.new_path, f.old_path, similarity[i]});
    if (similarity[i] < kSquashRenameThreshold)
      sink.warning(f.new_path, {},
                   fmt::format("squashed, this file is {}% similar to `{}` (git's rename threshold is {}%): git sees it deleted "
                               "and added; merge with a merge commit or rebase, not squash, or this file's history breaks",
                               similarity[i], f.old_path, kSquashRenameThreshold))
          .names = {f.old_path};
  }
  return out;
}

}  // namespace gitreorg::rewrite

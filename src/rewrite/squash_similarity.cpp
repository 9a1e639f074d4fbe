// The squash-merge check: each moved and edited file's similarity to its old content, against git's
// rename threshold. The two commits of `apply` keep every rename exact; a squash folds them, and a
// small file whose links were most of its text is then a deletion and an addition to git.
#include "gitreorg/rewrite/squash_similarity.hpp"

#include <fmt/format.h>

#include <unordered_map>

namespace gitreorg::rewrite {

std::vector<SquashBreak> squash_similarity(const plan::Plan& plan, std::span<const FileRewrite> files,
                                           const core::BlobReader& read_blob, const SimilarityScore& score, diag::Sink& sink) {
  std::vector<SquashBreak> out;
  std::unordered_map<std::string_view, const plan::PlannedFile*> by_old;
  for (const FileRewrite& f : files)
    if (f.old_path != f.new_path) by_old.emplace(f.old_path, nullptr);
  if (by_old.empty()) return out;
  for (const plan::PlannedFile& p : plan.files)
    if (auto it = by_old.find(p.old_path); it != by_old.end()) it->second = &p;
  for (const FileRewrite& f : files) {
    if (f.old_path == f.new_path) continue;
    const plan::PlannedFile* old = by_old.at(f.old_path);
    if (!old) continue;  // not a file of the plan (cannot happen for the host's rewrite)
    bool regular = (old->mode == core::kModeFile || old->mode == core::kModeExecutable) &&
                   (f.mode == core::kModeFile || f.mode == core::kModeExecutable);
    int similarity = regular ? score(read_blob(old->oid), f.new_content) : 0;
    if (similarity >= kSquashReviewThreshold) continue;
    out.push_back({f.new_path, f.old_path, similarity});
    if (similarity < kSquashRenameThreshold)
      sink.warning(f.new_path, {},
                   fmt::format("squashed, this file is {}% similar to `{}` (git's rename threshold is {}%): git sees it deleted "
                               "and added; merge with a merge commit or rebase, not squash, or this file's history breaks",
                               similarity, f.old_path, kSquashRenameThreshold))
          .names = {f.old_path};
  }
  return out;
}

}  // namespace gitreorg::rewrite

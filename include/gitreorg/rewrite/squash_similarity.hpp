// What a squash merge would make of the migration: its two commits (pure renames, then reference
// edits) folded into one, where git pairs a moved file with its old path only if the final content
// is similar enough. Pure: blobs and the similarity score come through callbacks.
#pragma once

#include <functional>
#include <span>
#include <string_view>
#include <vector>

#include "gitreorg/core/blob_reader.hpp"
#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/plan/planner.hpp"
#include "gitreorg/rewrite/rewrite_references.hpp"

namespace gitreorg::rewrite {

// git's default rename threshold (`git diff -M`, `git log --follow`, GitHub's history view): under
// it a moved and edited file is a deletion and an addition.
constexpr int kSquashRenameThreshold = 50;
// Under this a file is listed for review in the plan (git's 75% pairing of equal base names is not
// reached, and a few more edits to the file on the way lose its history).
constexpr int kSquashReviewThreshold = 75;

// A rename score of two contents of a regular file, 0-100 (git::similarity in the pipeline).
using SimilarityScore = std::function<int(std::string_view before, std::string_view after)>;

// Scores every file of `files` that moves (old path != new path) against its old blob (its id from
// `plan`, its bytes from `read_blob`: one reader per thread, as many threads as readers; `score` is
// called from all of them). A symlink or other non-regular file scores 0, as git scores
// it: only exact renames of them are found. Returns those under kSquashReviewThreshold, in the
// order of `files`; each under kSquashRenameThreshold is also a warning in `sink`, on its new path.
std::vector<SquashBreak> squash_similarity(const plan::Plan& plan, std::span<const FileRewrite> files,
                                           std::span<const core::BlobReader> read_blob, const SimilarityScore& score,
                                           diag::Sink& sink);

}  // namespace gitreorg::rewrite

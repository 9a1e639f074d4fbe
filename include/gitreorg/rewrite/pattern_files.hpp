// Pattern files: CODEOWNERS (root, `.github/`, `docs/`), `.gitignore` and `.gitattributes` (any
// directory). Each pattern naming moved paths is carried across the move (one line may become
// several, each keeping the rest of the line: owners, attributes); then what the file decides for
// every file of the tree — its owners, whether it is ignored, its attributes — is computed before and
// after, and every difference is reported.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gitreorg/core/edit.hpp"
#include "gitreorg/core/tree.hpp"
#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/plan/move_model.hpp"
#include "gitreorg/rewrite/glob.hpp"
#include "gitreorg/rewrite/reference_kind.hpp"

namespace gitreorg::rewrite {

enum class PatternFile { none, codeowners, gitignore, gitattributes };

// What kind of pattern file `path` is.
PatternFile pattern_file_kind(std::string_view path);

// A file whose decision changed: owners (CODEOWNERS), "ignored" or "" (.gitignore), the attributes of
// every matching line joined by `;` (.gitattributes).
struct DecisionChange {
  std::string old_path, new_path;
  std::string before, after;
};

struct PatternFileResult {
  std::vector<core::Edit> edits;
  std::vector<DecisionChange> changes;  // after the edits (empty when everything is preserved)
};

// Rewrites the pattern file `text` (at `old_path`, moving to `new_path`) and verifies it. Patterns that
// cannot follow the move and every changed decision are warnings on `old_path` (at most 10 files
// listed one by one, then a count). A .gitignore also decides for the `ignored` files of the work tree.
// `root_tree`, when given, is MovedTree(moves, old_tree): used instead of a new one where the file sees
// the tree from the root and no ignored files count (CODEOWNERS, a root .gitignore of a clean tree).
PatternFileResult rewrite_pattern_file(PatternFile kind, std::string_view old_path, std::string_view new_path,
                                       std::string_view text, const plan::MoveModel& moves, const core::Tree& old_tree,
                                       diag::Sink& sink, std::span<const IgnoredPath> ignored = {},
                                       const MovedTree* root_tree = nullptr);

// What the pattern file `text` (in directory `base`) decides for `path` (a file path relative to the root).
std::string pattern_decision(PatternFile kind, std::string_view text, std::string_view base, std::string_view path);

// The "pattern-file" row of the table of kinds.
bool pattern_file_applies(const FileInput& file, const RewriteContext& ctx);
KindResult pattern_file_rewrite(const FileInput& file, const RewriteContext& ctx, diag::Sink& sink);

}  // namespace gitreorg::rewrite

// Documents outside the repository (workshop guides, blog drafts, other repositories' READMEs,
// CloudFormation templates, `curl -O` instructions): their absolute URLs to the repository, found and
// rewritten by the repository's own URL rewriter (GithubUrls) on the same move model, in any text.
// Relative links mean nothing outside the repository, so only absolute URLs are read, and paths in a
// clone of it (`cd awsome-distributed-training/3.test_cases/x` after a `git clone`). Pure.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "gitreorg/core/edit.hpp"
#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/rewrite/github_urls.hpp"
#include "gitreorg/rewrite/path_mentions.hpp"

namespace gitreorg::rewrite {

// The URLs an external document may name: the repository's and each import's (re-pointed to the
// repository), and the paths that exist once the migration is done.
struct ExternalUrls {
  const GithubUrls* host = nullptr;  // nullptr without a `repository:` section
  std::span<const GithubUrls* const> siblings = {};
  // Files and directories of the new layout (the host's and the imports'): a URL that names one of
  // them, and no old path, is up to date already (a document rewritten before).
  const std::unordered_set<std::string>* current = nullptr;
  // Paths in a clone of the repository or of an import, read after `<clone name>/` only
  // (PathMentions with clone_only); a sibling's become the repository's.
  std::span<const PathMentions* const> clones = {};
};

// What happened to one document.
struct DocumentRewrite {
  std::string path;                // as named
  std::vector<core::Edit> edits;   // kind "github-url" or "path-mention" (in a clone), sorted by offset
  std::string new_content;         // with the edits applied (empty when there are none)
  std::size_t urls = 0;            // URLs to the repository (or an import) found
  std::size_t pinned = 0;          // on a tag, a commit or another branch: left alone
  std::size_t missing = 0;         // to a path in neither the old nor the new tree: reported, kept (a clone's path too)
  std::size_t current = 0;         // already at a new path
  std::size_t clone_paths = 0;     // paths in a clone that moved or name nothing (edits of kind path-mention, or missing)
  std::string skipped;             // "skipped-binary", ... (text_blob.hpp): not read as text
};

// The counts over many documents.
struct DocumentTotals {
  std::size_t urls = 0, stale = 0, stale_files = 0, pinned = 0, missing = 0, clone_paths = 0;
};
DocumentTotals totals(const std::vector<DocumentRewrite>& docs);

// Finds every URL of `text` to the repository or an import and rewrites those whose path moved
// (or whose repository has a `new_url`), and every path in a clone of them whose target moved. With
// `report_moves`, each stale one is a warning "URL `OLD` moved to `NEW`" (or "`OLD` in a clone of
// the repository moved to `NEW`") at its line and column; a URL or clone path that names nothing is
// always a warning, and is not rewritten. Diagnostics go to `sink` under `path`, with `text` as their source.
DocumentRewrite rewrite_document(std::string_view path, std::string_view text, const ExternalUrls& urls, bool report_moves,
                                 diag::Sink& sink);

}  // namespace gitreorg::rewrite

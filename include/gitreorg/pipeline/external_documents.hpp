// The read-only half of `rewrite`: the repository's side (its plan at the commit with the old layout,
// its URLs and its imports'), and the documents outside it, found, read and rewritten in memory.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/git/repository.hpp"
#include "gitreorg/pipeline/migration.hpp"
#include "gitreorg/pipeline/plan_repository.hpp"
#include "gitreorg/rewrite/external_documents.hpp"

namespace gitreorg::pipeline {

// What external documents are rewritten by: the same plan, move model and URL rewriters as the
// repository's own files. Move-only (the rewriters point into the plans).
struct ExternalRewrite {
  plan::RepositoryPlan plan;
  ImportUrls imports;
  std::unique_ptr<rewrite::GithubUrls> host;  // null without a `repository:` section
  std::unordered_set<std::string> current;    // files and directories of the new layout
  std::string note;                           // which commit has the old layout, when it is not `rev`
};

// Plans `mapping_path` on `rev` of `repo` or, when `rev` is HEAD and HEAD has the new layout already,
// on the commit before the reorganization (find_old_layout). Input problems go to `sink` (a mapping
// without `repository:` is an error: there are no URLs to rewrite); environment problems throw.
ExternalRewrite prepare_external_rewrite(const git::Repository& repo, const std::string& mapping_path,
                                         const RepositoryPlanOptions& options, diag::Sink& sink);

// The files `args` name, each directory walked recursively (`.git` and symlinks in it skipped), in
// order, each once. Throws core::Error (exit 2) for an argument that does not exist.
std::vector<std::string> collect_documents(const std::vector<std::string>& args);

// Reads each document and rewrites it (rewrite::rewrite_document). Throws core::Error (exit 2) for
// a file that cannot be read.
std::vector<rewrite::DocumentRewrite> rewrite_documents(const ExternalRewrite& ext, const std::vector<std::string>& paths,
                                                        bool report_moves, diag::Sink& sink);

}  // namespace gitreorg::pipeline

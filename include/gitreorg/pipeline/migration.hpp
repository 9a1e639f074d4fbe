// The read-only half of a reorganization, shared by `check`, `plan` and `apply`: load the mapping,
// plan, rewrite references, and prove in memory that no link breaks. Writes nothing.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/links/migration_check.hpp"
#include "gitreorg/markdown/link_repair.hpp"
#include "gitreorg/pipeline/plan_repository.hpp"
#include "gitreorg/rewrite/rewrite_references.hpp"

namespace gitreorg::pipeline {

struct MigrationOptions {
  RepositoryPlanOptions plan;
  bool allow_broken = false;  // links the migration breaks are warnings, not errors
  bool fix_broken = false;    // links broken before are fixed where they have one plausible target
};

struct Migration {
  plan::RepositoryPlan plan;
  std::optional<rewrite::ReferenceRewrite> references;  // absent when the plan has errors
  std::optional<links::MigrationLinkCheck> links;       // absent when nothing moves or changes
  // The references inside each import's files, rewritten for its moves and for the host's URL
  // (parallel to plan.imports; empty when the plan has errors).
  std::vector<rewrite::ReferenceRewrite> import_references;
  std::size_t fixable_links = 0;  // links broken before that have one plausible target (fixed with fix_broken)
};

// The imports as repository plans of their own (each its rules, its kept files and its URLs
// re-pointed to the host's), and the URL rewriter of each, so host files (and external documents)
// that link to a sibling follow the import too.
struct ImportUrls {
  std::vector<std::unique_ptr<plan::RepositoryPlan>> plans;  // by import of host.imports; null when merged in already
  std::vector<std::unique_ptr<rewrite::GithubUrls>> owned;
  std::vector<const rewrite::GithubUrls*> urls;  // the imports with URLs
  std::vector<rewrite::SiblingReferences> siblings;  // for rewrite_references' `siblings`
  // With fix_broken, by import: the old link rot of its files and URLs, from its own history (--fix-broken).
  std::vector<std::unique_ptr<markdown::LinkRepairs>> repairs;
};
ImportUrls import_urls(const plan::RepositoryPlan& host, bool fix_broken = false);

// Runs every read-only step on `repo`, stopping at the first checkpoint with errors. Problems in the
// input are diagnostics in `sink`; environment problems throw git::GitError.
Migration prepare_migration(const git::Repository& repo, const std::string& mapping_path, const MigrationOptions& options,
                            diag::Sink& sink);

}  // namespace gitreorg::pipeline

// Links before and after a migration: the new tree is built in memory from the move model and the
// rewritten blobs, so `plan` and `apply` can prove a migration adds no broken link before writing.
#pragma once

#include <vector>

#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/links/check_links.hpp"
#include "gitreorg/plan/repository_plan.hpp"
#include "gitreorg/rewrite/rewrite_references.hpp"

namespace gitreorg::links {

struct MigrationLinkCheck {
  CheckSummary before;
  CheckSummary after;
  diag::Sink before_sink;  // every broken link of the old tree
  diag::Sink after_sink;   // every broken link of the new tree
  // Broken links of the new tree that were not broken in the old one (new paths), by file and line.
  std::vector<diag::Diagnostic> added;
};

// `refs`' files must carry their new blob ids (FileRewrite::new_oid); the new tree is the move
// model's, read through `read_blob` and those contents. With `make_reader`, the old tree is checked on
// a thread of its own, reading through a reader it makes (the two checks are independent).
MigrationLinkCheck check_migration_links(const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite& refs,
                                         const core::BlobReader& read_blob, const CheckOptions& options,
                                         const rewrite::BlobReaderFactory* make_reader = nullptr);

}  // namespace gitreorg::links

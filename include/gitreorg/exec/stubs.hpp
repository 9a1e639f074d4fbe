// Writing the "moved to" commit on an imported repository's branch (`git reorg stubs`): the one
// write git-reorg makes to a sibling, on request.
#pragma once

#include <string>
#include <vector>

#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/import_plan.hpp"
#include "gitreorg/plan/import_stubs.hpp"

namespace gitreorg::exec {

struct StubsResult {
  std::string repo_dir;
  std::string branch;  // refs/heads/NAME
  std::string commit;  // the new commit ("" with nothing_to_do)
  bool nothing_to_do = false;  // the branch's tip has exactly these stubs already
  bool checked_out = false;    // the branch was checked out there: its index and work tree follow
};

// One commit on the import's branch (its `ref`, or the branch HEAD names when `ref` is HEAD), child of
// its tip, whose tree is plan::stub_tree. When that branch is checked out in a work tree with no local
// change, the index and files follow (a local change refuses, changing nothing). A `ref` that is not a
// branch is refused. `dry_run`: computes and returns, writes nothing.
StubsResult write_stubs(const mapping::Import& import, const plan::ImportPlan& ip, const std::vector<plan::StubFile>& stubs,
                        const std::string& message, bool dry_run);

}  // namespace gitreorg::exec

// The "moved to" READMEs that replace an imported repository's content once it is merged into the
// host, for its maintainers to push before they archive it (`git reorg stubs`).
#pragma once

#include <string>
#include <vector>

#include "gitreorg/core/tree.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/import_plan.hpp"

namespace gitreorg::plan {

struct StubFile {
  std::string path;
  std::string content;
};

// One README at the imported repository's root (every move of the import, each linked at the host,
// and what was not imported) and one in each of its top-level directories (the moves from it).
// `host_url`: the host's repository URL; `branch`: the host branch the links name.
std::vector<StubFile> import_stubs(const mapping::Import& import, const ImportPlan& ip, const std::string& host_url,
                                   const std::string& branch);

// The tree of the stub commit: the stubs, and the root files a repository keeps for legal reasons
// (LICENSE*, COPYING*, NOTICE*, as they are at `ip.commit`); `stub_blobs[i]` is the blob id of `stubs[i]`.
// Sorted by path.
core::Tree stub_tree(const ImportPlan& ip, const std::vector<StubFile>& stubs, const std::vector<std::string>& stub_blobs);

}  // namespace gitreorg::plan

// The stub commit on a sibling's branch: objects, then the work tree (when checked out), then the ref.
#include "gitreorg/exec/stubs.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "gitreorg/core/error.hpp"
#include "gitreorg/core/exit_code.hpp"
#include "gitreorg/git/checkout.hpp"
#include "gitreorg/git/object_id.hpp"
#include "gitreorg/git/refs.hpp"
#include "gitreorg/git/signature.hpp"
#include "gitreorg/git/state.hpp"
#include "gitreorg/git/write.hpp"

namespace gitreorg::exec {

StubsResult write_stubs(const mapping::Import& imp, const plan::ImportPlan& ip, const std::vector<plan::StubFile>& stubs,
                        const std::string& message, bool dry_run) {
  StubsResult out;
  out.repo_dir = ip.repo_dir;
  git::Repository sibling = git::Repository::open(ip.repo_dir);
  git::Head head = git::read_head(sibling);
  out.branch = imp.ref == "HEAD" ? head.ref : "refs/heads/" + imp.ref;
  std::optional<std::string> tip = out.branch.empty() ? std::nullopt : git::read_ref(sibling, out.branch);
  if (!tip)
    throw core::Error(fmt::format("import `{}`: `ref: {}` is not a branch of `{}`: the stubs are a commit on its branch",
                                  imp.name, imp.ref, ip.repo_dir),
                      core::kExitUsage, {"name the branch in the import's `ref:`"});
  // Stubs written before sit on top of the imported commit: compared with, and written on top of.
  const std::string& base = ip.stubbed_by.empty() ? ip.commit : ip.stubbed_by;
  if (*tip != base)
    throw core::Error(fmt::format("import `{}`: `{}` moved while the stubs were planned", imp.name, out.branch),
                      core::kExitRefused);
  bool checked_out = !sibling.is_bare() && !head.detached && head.ref == out.branch;

  // Ids first, objects only once nothing refuses: a refusal leaves the sibling as it was.
  std::vector<std::string> blobs;
  for (const plan::StubFile& s : stubs) blobs.push_back(git::hash_blob(s.content));
  core::Tree tree = plan::stub_tree(ip, stubs, blobs);
  auto same = [](const core::TreeEntry& a, const core::TreeEntry& b) { return a.path == b.path && a.mode == b.mode && a.oid == b.oid; };
  core::Tree now = ip.stubbed_by.empty() ? ip.tree : sibling.read_tree(base);
  if (std::equal(tree.begin(), tree.end(), now.begin(), now.end(), same)) {
    out.nothing_to_do = true;
    return out;
  }
  if (checked_out) {
    std::vector<std::string> changed = git::changed_tracked_paths(sibling, 1);
    if (!changed.empty())
      throw core::Error(fmt::format("import `{}`: `{}` is checked out in `{}` with local changes (`{}`): the stubs would "
                                    "replace its files",
                                    imp.name, out.branch, sibling.workdir().string(), changed.front()),
                        core::kExitRefused, {"commit or stash them there first; nothing was changed"});
  }
  out.checked_out = checked_out;
  if (dry_run) return out;
  for (const plan::StubFile& s : stubs) git::write_blob(sibling, s.content);
  git::Signature author = git::signature_for(sibling, "AUTHOR");
  git::Signature committer = git::signature_for(sibling, "COMMITTER");
  std::string tree_id = git::write_tree(sibling, tree);
  out.commit = git::write_commit(sibling, tree_id, {base}, author, committer, message);
  // Files first, then the ref: a failed checkout leaves the branch where it was.
  if (checked_out) git::checkout_commit(sibling, out.commit);
  git::update_ref(sibling, out.branch, out.commit, base, "git-reorg stubs: " + message.substr(0, message.find('\n')));
  return out;
}

}  // namespace gitreorg::exec

// Writing an imported history into the host: its blobs copied and the commits plan rewrote
// (pipeline::predict_history) packed as they are (git::PackWriter), or kept with one commit of renames.
#include "gitreorg/exec/import_history.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "gitreorg/core/error.hpp"
#include "gitreorg/core/exit_code.hpp"
#include "gitreorg/git/history.hpp"
#include "gitreorg/git/pack_writer.hpp"
#include "gitreorg/git/write.hpp"

namespace gitreorg::exec {

ImportedHistory import_history(const git::Repository& host, const mapping::Mapping& mapping, const plan::ImportPlan& ip) {
  const mapping::Import& imp = mapping.imports.at(ip.import);
  ImportedHistory out;
  out.import = ip.import;
  git::Repository sibling = git::Repository::open(ip.repo_dir);

  if (imp.history == mapping::Import::History::preserve) {
    // Its history is kept whole: every object of it.
    git::copy_history(sibling, ip.commit, host);
    // One commit of pure renames on the sibling's tip (apply makes it); its history stays as it is.
    for (const plan::PlannedFile& f : ip.plan.files) out.files.push_back({f.new_path, f.mode, f.oid});
    std::sort(out.files.begin(), out.files.end(), [](const core::TreeEntry& a, const core::TreeEntry& b) { return a.path < b.path; });
    out.tree = out.renames_tree = git::write_tree(host, out.files);
    out.renames_message = fmt::format("Move the files of {} to their new paths\n\nPure renames following the mapping's import `{}`: "
                                  "{} files moved, {} dropped.\n\n{}: {}\n",
                                  imp.name, imp.name, ip.plan.files.size(), ip.dropped.size(), kOriginalCommitTrailer, ip.commit);
    out.tip = ip.commit;
    out.rewritten = 1;
    return out;
  }

  // The objects of the rewritten history go through a handle of their own, packed at the end, so
  // that what apply writes afterwards through `host` is written as usual.
  git::Repository writer = git::Repository::open(host.gitdir());
  git::PackWriter pack(writer);
  // As plan computed it (plan reports unmapped paths and clashes of older commits): the host
  // receives the blobs of the rewritten trees (a dropped file's blobs stay out, and may even be
  // missing from the sibling's clone), and those trees and commits as they are, so the commit ids
  // are the ones the plan showed and SHA-pinned URLs were translated to.
  const pipeline::PlannedHistory* planned = ip.planned_history.get();
  if (!planned) throw core::Error(fmt::format("import `{}`: the plan has no rewritten history", imp.name), core::kExitInternal);
  git::copy_objects(sibling, planned->blobs, host);
  pack.add(planned->objects);
  pipeline::RewrittenCommits commits = planned->commits;
  out.commit_map = std::move(commits.commit_map);
  out.rewritten = commits.rewritten;
  out.emptied = commits.emptied;
  out.tip = commits.tip;
  if (!out.tip.empty()) {
    pack.write_pack();
    out.files = writer.read_tree(out.tip);
    out.tree = commits.tree;
  }
  return out;
}

std::string commit_map_text(const ImportedHistory& h) {
  std::string out;
  for (const auto& [from, to] : h.commit_map) out += fmt::format("{} {}\n", from, to.empty() ? "-" : to);
  return out;
}

}  // namespace gitreorg::exec

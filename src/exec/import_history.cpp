// Writing an imported history into the host: its blobs copied, its commits rewritten
// (pipeline::write_history) into one pack (git::PackWriter), or kept with one commit of renames.
#include "gitreorg/exec/import_history.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "gitreorg/core/error.hpp"
#include "gitreorg/core/exit_code.hpp"
#include "gitreorg/git/history.hpp"
#include "gitreorg/git/pack_writer.hpp"
#include "gitreorg/git/write.hpp"

namespace gitreorg::exec {
namespace {

constexpr std::size_t kMaxListed = 10;

std::string listed(const std::vector<std::string>& paths) {
  std::string out;
  for (std::size_t i = 0; i < paths.size() && i < kMaxListed; ++i) out += fmt::format("{}`{}`", i ? ", " : "", paths[i]);
  if (paths.size() > kMaxListed) out += fmt::format(" and {} more", paths.size() - kMaxListed);
  return out;
}

}  // namespace

ImportedHistory import_history(const git::Repository& host, const mapping::Mapping& mapping, const plan::ImportPlan& ip,
                               const git::Signature& committer) {
  const mapping::Import& imp = mapping.imports.at(ip.import);
  ImportedHistory out;
  out.import = ip.import;
  git::Repository sibling = git::Repository::open(ip.repo_dir);

  if (imp.history == mapping::Import::History::preserve) {
    // Its history is kept whole: every object of it.
    git::copy_history(sibling, ip.commit, host);
    // One commit of pure renames on the sibling's tip; its history stays as it is.
    for (const plan::PlannedFile& f : ip.plan.files) out.files.push_back({f.new_path, f.mode, f.oid});
    std::sort(out.files.begin(), out.files.end(), [](const core::TreeEntry& a, const core::TreeEntry& b) { return a.path < b.path; });
    out.tree = git::write_tree(host, out.files);
    std::string msg = fmt::format("Move the files of {} to their new paths\n\nPure renames following the mapping's import `{}`: "
                                  "{} files moved, {} dropped.\n\n{}: {}\n",
                                  imp.name, imp.name, ip.plan.files.size(), ip.dropped.size(), kOriginalCommitTrailer, ip.commit);
    out.tip = git::write_commit(host, out.tree, {ip.commit}, committer, committer, msg);
    out.rewritten = 1;
    return out;
  }

  // The sibling's history is read where it is; the host receives only the blobs of the rewritten
  // trees (a dropped file's blobs stay out, and may even be missing from the sibling's clone).
  pipeline::MappedHistory mapped = pipeline::map_history(sibling, imp, ip.rules, ip.commit);
  if (!mapped.unmapped.empty())
    throw core::Error(fmt::format("import `{}`: {} path{} of older commits {} neither moved nor dropped: {}", imp.name,
                                  mapped.unmapped.size(), mapped.unmapped.size() == 1 ? "" : "s",
                                  mapped.unmapped.size() == 1 ? "is" : "are", listed(mapped.unmapped)),
                      core::kExitProblems, {"add moves or `drop:` entries for them to the import"});
  if (!mapped.clashes.empty())
    throw core::Error(fmt::format("import `{}`: two paths of one older commit would land on one path: {}", imp.name, listed(mapped.clashes)),
                      core::kExitProblems);
  git::copy_objects(sibling, mapped.blobs, host);

  // The objects of the rewritten history go through a handle of their own, packed at the end, so
  // that what apply writes afterwards through `host` is written as usual.
  git::Repository writer = git::Repository::open(host.gitdir());
  git::PackWriter pack(writer);
  pipeline::RewrittenCommits commits = pipeline::write_history(writer, mapped, ip.commit);
  // The plan translated SHA-pinned URLs with the ids it predicted: they must be these.
  if (!ip.commit_map.empty() && ip.commit_map != commits.commit_map)
    throw core::Error(fmt::format("import `{}`: the rewritten history differs from the one planned", imp.name), core::kExitInternal);
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

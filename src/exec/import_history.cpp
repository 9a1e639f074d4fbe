// Rewriting an imported history. Each distinct input tree is mapped and written once; commits are
// written in one pack (git::PackWriter). A path a rule maps goes where the rule says; a path no rule
// maps follows its exact renames (same blob, deleted and added in one commit) to where the file is
// later, so `git log -- NEW` reaches the commits from before a rename in the sibling's history.
#include "gitreorg/exec/import_history.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "gitreorg/core/error.hpp"
#include "gitreorg/core/exit_code.hpp"
#include "gitreorg/git/history.hpp"
#include "gitreorg/git/pack_writer.hpp"
#include "gitreorg/git/write.hpp"
#include "gitreorg/plan/path_mapper.hpp"

namespace gitreorg::exec {
namespace {

constexpr std::size_t kMaxListed = 10;

// Where each path of the imported history goes.
class HistoryPaths {
 public:
  enum class Fate { mapped, dropped, unmapped };
  struct Place {
    Fate fate = Fate::unmapped;
    std::string path;
  };

  HistoryPaths(const mapping::Import& import, const mapping::Mapping& rules) : import_(import), mapper_(rules) {}

  // `from` was renamed to `to` (exactly) somewhere in the history.
  void renamed(const std::string& from, const std::string& to) { aliases_.emplace(from, to); }

  const Place& place(const std::string& path) {
    auto it = memo_.find(path);
    if (it != memo_.end()) return it->second;
    Place p = direct(path);
    // A path no rule maps follows its renames (a bounded walk: renames can form cycles).
    std::string at = path;
    for (int hops = 0; p.fate == Fate::unmapped && hops < 64; ++hops) {
      auto a = aliases_.find(at);
      if (a == aliases_.end()) break;
      at = a->second;
      p = direct(at);
    }
    return memo_.emplace(path, std::move(p)).first->second;
  }

 private:
  Place direct(const std::string& path) const {
    if (plan::drop_entry(import_, path) >= 0) return {Fate::dropped, {}};
    plan::Mapped m = mapper_.map(path, false);
    if (m.move && m.problem.empty()) return {Fate::mapped, m.path};
    return {Fate::unmapped, {}};
  }

  const mapping::Import& import_;
  plan::PathMapper mapper_;
  std::unordered_map<std::string, std::string> aliases_;
  std::unordered_map<std::string, Place> memo_;
};

// Exact renames between two sorted trees: paths only in `before` whose blob appears once among
// the paths only in `after`.
void find_renames(const core::Tree& before, const core::Tree& after, HistoryPaths& paths) {
  std::unordered_map<std::string, std::vector<std::string>> deleted, added;  // blob -> paths
  auto b = before.begin(), a = after.begin();
  while (b != before.end() || a != after.end()) {
    if (a == after.end() || (b != before.end() && b->path < a->path)) {
      deleted[b->oid].push_back(b->path);
      ++b;
    } else if (b == before.end() || a->path < b->path) {
      added[a->oid].push_back(a->path);
      ++a;
    } else {
      ++a;
      ++b;
    }
  }
  for (auto& [blob, from] : deleted)
    if (auto it = added.find(blob); it != added.end() && from.size() == 1 && it->second.size() == 1)
      paths.renamed(from.front(), it->second.front());
}

std::string with_trailer(std::string message, const std::string& trailer) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  // Append to the last paragraph when it is a trailer block already, as `git interpret-trailers` does.
  std::size_t para = message.rfind("\n\n");
  std::string_view last = para == std::string::npos ? std::string_view() : std::string_view(message).substr(para + 2);
  bool trailers = !last.empty();
  for (std::size_t at = 0; trailers && at < last.size();) {
    std::size_t end = std::min(last.find('\n', at), last.size());
    std::string_view line = last.substr(at, end - at);
    std::size_t colon = line.find(": ");
    trailers = colon != std::string_view::npos && colon > 0 && line.substr(0, colon).find(' ') == std::string_view::npos;
    at = end + 1;
  }
  return message + (trailers ? "\n" : "\n\n") + trailer + "\n";
}

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
  HistoryPaths paths(imp, ip.rules);

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
  std::vector<std::string> ids = git::history_of(sibling, ip.commit);
  std::vector<git::CommitInfo> commits;
  commits.reserve(ids.size());
  std::unordered_map<std::string, core::Tree> flat;  // input tree id -> its files, each read once
  std::unordered_map<std::string, std::string> tree_of_commit;
  auto files_of = [&](const std::string& commit) -> const core::Tree& {
    const std::string& tree = tree_of_commit.at(commit);
    auto it = flat.find(tree);
    if (it == flat.end()) it = flat.emplace(tree, sibling.read_tree(commit)).first;
    return it->second;
  };
  // Renames first: a path's place depends on renames in later commits.
  for (const std::string& id : ids) {
    commits.push_back(git::read_commit(sibling, id));
    const git::CommitInfo& c = commits.back();
    tree_of_commit.emplace(c.id, c.tree);
    if (!c.parents.empty()) find_renames(files_of(c.parents.front()), files_of(c.id), paths);
  }

  // Each distinct input tree mapped once; every path placed or reported, and the blobs kept listed,
  // before anything is written.
  std::vector<std::string> unmapped, clashes, blobs;
  std::unordered_set<std::string> unmapped_seen, blobs_seen;
  std::unordered_map<std::string, core::Tree> moved_of;  // input tree id -> its files at their new paths
  auto moved_tree = [&](const git::CommitInfo& c) {
    core::Tree moved;
    std::map<std::string, std::string> by_new;
    for (const core::TreeEntry& e : files_of(c.id)) {
      const HistoryPaths::Place& p = paths.place(e.path);
      if (p.fate == HistoryPaths::Fate::dropped) continue;
      if (p.fate == HistoryPaths::Fate::unmapped) {
        if (unmapped_seen.insert(e.path).second) unmapped.push_back(e.path);
        continue;
      }
      if (auto [at, inserted] = by_new.emplace(p.path, e.path); !inserted) {
        clashes.push_back(fmt::format("`{}` and `{}` on `{}` in {}", at->second, e.path, p.path, c.id.substr(0, 12)));
        continue;
      }
      moved.push_back({p.path, e.mode, e.oid});
    }
    std::sort(moved.begin(), moved.end(), [](const core::TreeEntry& a, const core::TreeEntry& b) { return a.path < b.path; });
    return moved;
  };
  for (const git::CommitInfo& c : commits) {
    if (moved_of.count(c.tree)) continue;
    const core::Tree& moved = moved_of.emplace(c.tree, moved_tree(c)).first->second;
    for (const core::TreeEntry& e : moved)
      if (e.mode != core::kModeGitlink && blobs_seen.insert(e.oid).second) blobs.push_back(e.oid);
  }
  flat.clear();  // the input trees are not needed again
  if (!unmapped.empty())
    throw core::Error(fmt::format("import `{}`: {} path{} of older commits {} neither moved nor dropped: {}", imp.name,
                                  unmapped.size(), unmapped.size() == 1 ? "" : "s", unmapped.size() == 1 ? "is" : "are",
                                  listed(unmapped)),
                      core::kExitProblems, {"add moves or `drop:` entries for them to the import"});
  if (!clashes.empty())
    throw core::Error(fmt::format("import `{}`: two paths of one older commit would land on one path: {}", imp.name, listed(clashes)),
                      core::kExitProblems);
  git::copy_objects(sibling, blobs, host);

  // The objects of the rewritten history go through a handle of their own, packed at the end, so
  // that what apply writes afterwards through `host` is written as usual.
  git::Repository writer = git::Repository::open(host.gitdir());
  git::PackWriter pack(writer);
  std::unordered_map<std::string, std::string> rewritten_tree;  // input tree id -> output tree id
  for (const git::CommitInfo& c : commits)  // in history order: the same pack every run
    if (!rewritten_tree.count(c.tree)) rewritten_tree.emplace(c.tree, git::write_tree(writer, moved_of.at(c.tree)));
  const std::string empty_tree = git::write_tree(writer, {});

  // The commits, parents first: an empty result is dropped (its children take its parent), merges
  // keep every distinct parent that is left.
  std::unordered_map<std::string, std::string> new_id;      // old commit -> new commit ("" when nothing is left)
  std::unordered_map<std::string, std::string> new_tree;    // new commit -> its tree
  for (const git::CommitInfo& c : commits) {
    std::vector<std::string> parents;
    for (const std::string& p : c.parents) {
      const std::string& np = new_id.at(p);
      if (!np.empty() && std::find(parents.begin(), parents.end(), np) == parents.end()) parents.push_back(np);
    }
    const std::string& tree = rewritten_tree.at(c.tree);
    bool empty = parents.empty() ? tree == empty_tree : parents.size() == 1 && new_tree.at(parents.front()) == tree;
    if (empty) {
      new_id.emplace(c.id, parents.empty() ? std::string() : parents.front());
      out.commit_map.emplace_back(c.id, "");
      ++out.emptied;
      continue;
    }
    std::string id = git::write_commit(writer, tree, parents, c.author, c.committer,
                                       with_trailer(c.message, fmt::format("{}: {}", kOriginalCommitTrailer, c.id)),
                                       c.encoding ? c.encoding->c_str() : nullptr);
    new_id.emplace(c.id, id);
    new_tree.emplace(id, tree);
    out.commit_map.emplace_back(c.id, id);
    ++out.rewritten;
  }
  out.tip = new_id.at(ip.commit);
  if (!out.tip.empty()) {
    pack.write_pack();
    out.files = writer.read_tree(out.tip);
    out.tree = new_tree.at(out.tip);
  }
  return out;
}

std::string commit_map_text(const ImportedHistory& h) {
  std::string out;
  for (const auto& [from, to] : h.commit_map) out += fmt::format("{} {}\n", from, to.empty() ? "-" : to);
  return out;
}

}  // namespace gitreorg::exec

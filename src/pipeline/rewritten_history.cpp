// Rewriting an imported history. Each distinct input tree is mapped and written once. A path a rule
// maps goes where the rule says; a path no rule maps follows its exact renames (same blob, deleted
// and added in one commit) to where the file is later, so `git log -- NEW` reaches the commits from
// before a rename in the sibling's history.
#include "gitreorg/pipeline/rewritten_history.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "gitreorg/core/progress.hpp"
#include "gitreorg/git/pack_writer.hpp"
#include "gitreorg/git/write.hpp"
#include "gitreorg/plan/import_plan.hpp"
#include "gitreorg/plan/path_mapper.hpp"

namespace gitreorg::pipeline {
namespace {

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

  // Every path placed so far that is mapped or dropped.
  std::map<std::string, std::string> places() const {
    std::map<std::string, std::string> out;
    for (const auto& [path, p] : memo_)
      if (p.fate != Fate::unmapped) out.emplace(path, p.fate == Fate::mapped ? p.path : std::string());
    return out;
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

// Exact renames in one commit: paths it deletes whose blob it adds at exactly one path, once.
void find_renames(const std::vector<git::TreeChange>& changes, HistoryPaths& paths) {
  std::unordered_map<std::string_view, std::vector<const std::string*>> deleted, added;  // blob -> paths
  for (const git::TreeChange& c : changes) {
    if (c.kind == git::TreeChange::Kind::deleted) deleted[c.oid].push_back(&c.path);
    if (c.kind == git::TreeChange::Kind::added) added[c.oid].push_back(&c.path);
  }
  for (auto& [blob, from] : deleted)
    if (auto it = added.find(blob); it != added.end() && from.size() == 1 && it->second.size() == 1)
      paths.renamed(*from.front(), *it->second.front());
}

}  // namespace

std::string with_trailer(std::string message, const std::string& trailer) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
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

MappedHistory map_history(const git::Repository& sibling, const mapping::Import& import, const mapping::Mapping& rules,
                          const std::string& commit) {
  MappedHistory out;
  HistoryPaths paths(import, rules);
  std::vector<std::string> ids = git::history_of(sibling, commit);
  out.commits.reserve(ids.size());
  std::unordered_map<std::string, std::size_t> at;  // commit id -> index in out.commits
  std::vector<std::string> seen_paths;
  std::unordered_set<std::string> seen;
  auto saw = [&](const std::string& p) {
    if (seen.insert(p).second) seen_paths.push_back(p);
  };
  // Renames first: a path's place depends on renames in later commits.
  for (const std::string& id : ids) {
    HistoryCommit hc;
    hc.info = git::read_commit(sibling, id);
    if (hc.info.parents.empty()) {
      hc.root = sibling.read_tree(id);
      for (const core::TreeEntry& e : hc.root) saw(e.path);
    } else {
      hc.changes = git::tree_changes(sibling, out.commits[at.at(hc.info.parents.front())].info.tree, hc.info.tree);
      for (const git::TreeChange& c : hc.changes) saw(c.path);
      find_renames(hc.changes, paths);
    }
    at.emplace(id, out.commits.size());
    out.commits.push_back(std::move(hc));
  }

  // Every path placed or reported.
  std::unordered_map<std::string, std::vector<std::string>> by_new;  // new path -> the old paths going there
  for (const std::string& p : seen_paths) {
    const HistoryPaths::Place& place = paths.place(p);
    if (place.fate == HistoryPaths::Fate::unmapped) out.unmapped.push_back(p);
    if (place.fate == HistoryPaths::Fate::mapped) by_new[place.path].push_back(p);
  }
  std::sort(out.unmapped.begin(), out.unmapped.end());
  out.places = paths.places();

  // Two old paths with one new path (a file and its rename, often) clash only when one commit has both:
  // which of them each commit has, followed from its first parent.
  std::vector<const std::string*> shared_name;           // index -> old path
  std::vector<std::size_t> group_of;                     // index -> its group
  std::vector<std::vector<std::size_t>> groups;          // the indices going to one new path
  std::unordered_map<std::string_view, std::size_t> shared;  // old path -> index
  for (const auto& [np, olds] : by_new) {
    if (olds.size() < 2) continue;
    groups.emplace_back();
    for (const std::string& o : olds) {
      shared.emplace(o, shared_name.size());
      groups.back().push_back(shared_name.size());
      group_of.push_back(groups.size() - 1);
      shared_name.push_back(&o);
    }
  }
  std::unordered_set<std::string> blobs_seen, clash_seen;
  auto keep_blob = [&](const std::string& path, std::uint32_t mode, const std::string& oid) {
    auto it = out.places.find(path);
    if (mode != core::kModeGitlink && it != out.places.end() && !it->second.empty() && blobs_seen.insert(oid).second)
      out.blobs.push_back(oid);
  };
  std::vector<std::vector<bool>> has(out.commits.size());
  for (std::size_t i = 0; i < out.commits.size(); ++i) {
    const HistoryCommit& hc = out.commits[i];
    std::vector<std::size_t> added;
    if (hc.info.parents.empty()) {
      has[i].assign(shared_name.size(), false);
      for (const core::TreeEntry& e : hc.root) {
        keep_blob(e.path, e.mode, e.oid);
        if (auto s = shared.find(e.path); s != shared.end()) added.push_back(s->second);
      }
    } else {
      has[i] = has[at.at(hc.info.parents.front())];
      for (const git::TreeChange& c : hc.changes) {
        if (!c.deleted()) keep_blob(c.path, c.mode, c.oid);
        auto s = shared.find(c.path);
        if (s == shared.end()) continue;
        if (c.deleted()) has[i][s->second] = false;
        else added.push_back(s->second);
      }
    }
    for (std::size_t k : added) has[i][k] = true;
    for (std::size_t k : added)
      for (std::size_t j : groups[group_of[k]])
        if (j != k && has[i][j] && clash_seen.insert(*shared_name[std::min(j, k)] + '\n' + *shared_name[std::max(j, k)]).second)
          out.clashes.push_back(fmt::format("`{}` and `{}` on `{}` in {}", *shared_name[std::min(j, k)], *shared_name[std::max(j, k)],
                                            out.places.at(*shared_name[k]), hc.info.id.substr(0, 12)));
  }
  return out;
}

RewrittenCommits write_history(const git::Repository& writer, const MappedHistory& h, const std::string& tip) {
  RewrittenCommits out;
  auto place = [&](const std::string& path) -> const std::string* {
    auto it = h.places.find(path);
    return it == h.places.end() || it->second.empty() ? nullptr : &it->second;
  };
  // Input tree id -> output tree id: a root's files written whole, any other tree as its first
  // parent's rewritten tree with the commit's changes at their new paths.
  std::unordered_map<std::string, std::string> rewritten_tree;
  std::unordered_map<std::string, const std::string*> input_tree;  // commit id -> its tree id
  for (const HistoryCommit& hc : h.commits) {
    const git::CommitInfo& c = hc.info;
    input_tree.emplace(c.id, &c.tree);
    if (rewritten_tree.count(c.tree)) continue;
    if (c.parents.empty()) {
      core::Tree moved;
      for (const core::TreeEntry& e : hc.root)
        if (const std::string* np = place(e.path)) moved.push_back({*np, e.mode, e.oid});
      std::sort(moved.begin(), moved.end(), [](const core::TreeEntry& a, const core::TreeEntry& b) { return a.path < b.path; });
      rewritten_tree.emplace(c.tree, git::write_tree(writer, moved));
      continue;
    }
    // At most one update per new path: a file and its rename share one, and the addition wins.
    std::map<std::string_view, git::TreeUpdate> updates;
    for (const git::TreeChange& ch : hc.changes) {
      const std::string* np = place(ch.path);
      if (!np) continue;
      auto [it, inserted] = updates.try_emplace(*np, git::TreeUpdate{*np, ch.mode, ch.oid, ch.deleted()});
      if (!inserted && !ch.deleted()) it->second = git::TreeUpdate{*np, ch.mode, ch.oid, false};
    }
    std::vector<git::TreeUpdate> list;
    list.reserve(updates.size());
    for (auto& [p, u] : updates) list.push_back(std::move(u));
    const std::string& base = rewritten_tree.at(*input_tree.at(c.parents.front()));
    rewritten_tree.emplace(c.tree, list.empty() ? base : git::write_updated_tree(writer, base, list));
  }
  // The empty tree's id (SHA-1), not written: nothing would name it (git fsck: "dangling tree").
  const std::string empty_tree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

  std::unordered_map<std::string, std::string> new_tree;  // new commit -> its tree
  core::Progress shown("Writing commits", h.commits.size());
  for (const HistoryCommit& hc : h.commits) {
    shown.add();
    const git::CommitInfo& c = hc.info;
    std::vector<std::string> parents;
    for (const std::string& p : c.parents) {
      const std::string& np = out.new_id.at(p);
      if (!np.empty() && std::find(parents.begin(), parents.end(), np) == parents.end()) parents.push_back(np);
    }
    const std::string& tree = rewritten_tree.at(c.tree);
    bool empty = parents.empty() ? tree == empty_tree : parents.size() == 1 && new_tree.at(parents.front()) == tree;
    if (empty) {
      out.new_id.emplace(c.id, parents.empty() ? std::string() : parents.front());
      out.commit_map.emplace_back(c.id, "");
      ++out.emptied;
      continue;
    }
    std::string id = git::write_commit(writer, tree, parents, c.author, c.committer,
                                       with_trailer(c.message, fmt::format("{}: {}", kOriginalCommitTrailer, c.id)),
                                       c.encoding ? c.encoding->c_str() : nullptr);
    out.new_id.emplace(c.id, id);
    new_tree.emplace(id, tree);
    out.commit_map.emplace_back(c.id, id);
    ++out.rewritten;
  }
  out.tip = out.new_id.at(tip);
  if (!out.tip.empty()) out.tree = new_tree.at(out.tip);
  return out;
}

RewrittenCommits predict_history(const git::Repository& sibling, const MappedHistory& h, const std::string& tip,
                                 std::vector<git::HeldObject>* objects) {
  git::Repository memory = git::Repository::open(sibling.gitdir());
  // Never written; every object held, the sibling's own included: they are new to the host.
  git::PackWriter held(memory, git::PackWriter::Holds::every_object);
  RewrittenCommits out = write_history(memory, h, tip);
  if (objects) *objects = held.take();
  return out;
}

}  // namespace gitreorg::pipeline

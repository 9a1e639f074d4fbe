// A migration's commits all carry the same trailers, so its first commit is the last one, walking
// back along first parents, that still has them.
#include "gitreorg/pipeline/old_layout.hpp"

#include <fmt/format.h>

#include "gitreorg/git/history.hpp"
#include "gitreorg/git/object_id.hpp"
#include "gitreorg/pipeline/plan_repository.hpp"
#include "gitreorg/plan/where.hpp"

namespace gitreorg::pipeline {

namespace {
// How many first-parent commits find_old_layout reads the trees of, past the trailers: a reorganization
// by hand is recent, and a tree of 100,000 files takes tens of milliseconds to read.
constexpr int kOldLayoutSearchDepth = 1000;
}  // namespace

std::optional<Reorganization> find_reorganization(const git::Repository& repo, const std::string& from,
                                                  const std::string& mapping_blob, const std::string& mapping_name) {
  for (const std::string& line : {"Reorg-Mapping-Blob: " + mapping_blob, "Reorg-Mapping: " + mapping_name}) {
    std::optional<std::string> newest = git::find_commit_with_line(repo, from, line);
    if (!newest) continue;
    git::CommitInfo c = git::read_commit(repo, *newest);
    for (;;) {
      if (c.parents.empty()) return std::nullopt;  // a migration always has a parent
      git::CommitInfo parent = git::read_commit(repo, c.parents[0]);
      if (!git::message_has_line(parent.message, line))
        return Reorganization{c.id, parent.id};
      c = std::move(parent);
    }
  }
  return std::nullopt;
}

OldLayout find_old_layout(const git::Repository& repo, const mapping::Mapping& mapping, const std::string& mapping_path,
                          const std::string& commit) {
  core::Tree tree = repo.read_tree(commit);
  if (plan::WhereIndex(mapping, &tree).tree_has_sources()) return {commit, ""};
  if (auto reorg = find_reorganization(repo, commit, git::hash_blob(mapping.text), mapping_name(mapping_path, repo.workdir())))
    return {reorg->before, fmt::format("HEAD has the new layout: answering for {}, the commit before the reorganization {} (--rev "
                                       "chooses another)",
                                       reorg->before.substr(0, 12), reorg->first.substr(0, 12))};
  // Moved by hand, or squashed without the trailers: the newest commit along first parents whose tree
  // still has paths the mapping moves.
  git::CommitInfo c = git::read_commit(repo, commit);
  std::string last_tree = c.tree;
  for (int walked = 0; walked < kOldLayoutSearchDepth && !c.parents.empty(); ++walked) {
    c = git::read_commit(repo, c.parents[0]);
    if (c.tree == last_tree) continue;  // the same tree: the same answer
    last_tree = c.tree;
    core::Tree t = repo.read_tree(c.id);
    if (plan::WhereIndex(mapping, &t).tree_has_sources())
      return {c.id, fmt::format("HEAD has the new layout and no commit was made with this mapping: answering for {}, the "
                                "newest commit whose tree has paths it moves (--rev chooses another)",
                                c.id.substr(0, 12))};
  }
  return {"", "HEAD has none of the paths this mapping moves, and no commit in its history was made with it or has them"};
}

}  // namespace gitreorg::pipeline

// A migration's commits all carry the same trailers, so its first commit is the last one, walking
// back along first parents, that still has them.
#include "gitreorg/pipeline/old_layout.hpp"

#include "gitreorg/git/history.hpp"

namespace gitreorg::pipeline {

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

}  // namespace gitreorg::pipeline

// Reading a history: the commits reachable from a tip in an order to rewrite them, each commit's
// header and message, a search for a trailer along the first parents, and copying objects between
// repositories in bulk.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gitreorg/git/repository.hpp"
#include "gitreorg/git/signature.hpp"

namespace gitreorg::git {

struct CommitInfo {
  std::string id;
  std::string tree;
  std::vector<std::string> parents;
  Signature author, committer;
  std::string message;                  // raw, as stored
  std::optional<std::string> encoding;  // the commit's encoding header, if it has one
};

// A file that differs between two trees: the new side, or the old one when it was deleted.
struct TreeChange {
  enum class Kind { added, modified, deleted };
  std::string path;
  std::uint32_t mode = 0;
  std::string oid;
  Kind kind = Kind::added;
  bool deleted() const { return kind == Kind::deleted; }
};
// The files that differ from `old_tree` to `new_tree` (tree ids; a type change is a deletion and an
// addition), in path order. Subtrees with the same id on both sides are not read.
std::vector<TreeChange> tree_changes(const Repository& repo, const std::string& old_tree, const std::string& new_tree);

// Every commit reachable from `tip`, each after all of its parents (oldest first).
std::vector<std::string> history_of(const Repository& repo, const std::string& tip);
CommitInfo read_commit(const Repository& repo, const std::string& id);

// Whether `message` has `line` as a whole line (a trailer, say).
bool message_has_line(std::string_view message, std::string_view line);
// Whether a line of `message` starts with `prefix` (a trailer whose value varies: `Reorg-Moved-To: `).
bool message_has_line_starting(std::string_view message, std::string_view prefix);

// How many commits `local` has that `upstream` lacks, and the other way round (git rev-list --count
// --left-right local...upstream).
std::pair<std::size_t, std::size_t> ahead_behind(const Repository& repo, const std::string& local, const std::string& upstream);

// The newest commit reachable from `from` (from included, every parent followed: a migration merged
// by a merge commit is on its second parent) whose message has `line` as a whole line, or nullopt.
std::optional<std::string> find_commit_with_line(const Repository& repo, const std::string& from, const std::string& line);

// Writes every object reachable from `tip` in `from` into `to` as one pack (the objects `to` has
// already are packed again: a sibling's history is small next to a checkout of it).
void copy_history(const Repository& from, const std::string& tip, const Repository& to);
// Writes the objects `ids` of `from` into `to` as one pack (an object `from` lacks is an error naming it).
void copy_objects(const Repository& from, const std::vector<std::string>& ids, const Repository& to);

}  // namespace gitreorg::git

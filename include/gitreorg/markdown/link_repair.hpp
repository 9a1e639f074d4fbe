// Old link rot: the one plausible target of a relative link that names nothing in the tree, found by
// the link's trailing path segments (`../../1.architectures` written one `../` short), or else by
// the history: the path the link names moved in an earlier commit, and where it went is in the tree.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "gitreorg/core/tree.hpp"
#include "gitreorg/markdown/link_path.hpp"

namespace gitreorg::markdown {

struct LinkRepair {
  std::string target;       // the repository path the link meant
  std::string destination;  // the raw path to write instead, in the link's style, from the same file
  std::string moved_from;   // found by the history: the path the link names, which moved ...
  std::string moved_in;     // ... in this commit (short id; empty: found by trailing segments)
  std::string written_in;   // found through a former path of the file holding the link (which moved in
                            // `moved_in`): read from there, the link named `moved_from`

  // Why this target, for a reader: "`a` moved to `b` in 1234abcd5678", "`b` is the only path it can
  // mean", "written in `old/README.md` (moved in 1234abcd5678), where it named `b`".
  std::string reason() const;
};

// One file renamed by one commit (git::Rename, which this stage cannot name).
struct PathMove {
  std::string from, to, commit;
};
// The renames of the history, newest commit first (git::follow_renames); called at most once, when
// a link is first found that trailing segments cannot repair.
using MoveHistory = std::function<std::vector<PathMove>()>;

class LinkRepairs {
 public:
  // Every file and directory of `tree`; with `history`, also where the paths of earlier commits went.
  // It holds views of the tree's paths: `tree` must outlive it, unchanged.
  explicit LinkRepairs(const core::Tree& tree, MoveHistory history = {});
  LinkRepairs(core::Tree&& tree, MoveHistory history = {}) = delete;
  ~LinkRepairs();

  // For the raw path `raw_path` (no query or fragment, written in `syntax`) in `file_path`, which
  // names nothing in the tree or leaves it: the one path of the tree whose trailing segments are the
  // link's own after its leading `./` and `../`. A single name (`../1.architectures`) counts only in
  // the file's own top-level directory or at the root, where a person would look for it. nullopt
  // when no path or more than one fits. Else, with a history, the path the link names followed
  // through its renames (moved()), and the path it named from each former path of `file_path`
  // (where the file was before a commit renamed it): that path as it is in the tree, or followed
  // through its renames. Every way must end at the same path of the tree, else nullopt.
  std::optional<LinkRepair> repair(std::string_view file_path, std::string_view raw_path, Syntax syntax) const;

  // Where the repository path `path` (a file or a directory, not in the tree) went: followed through
  // each later rename of it (a directory moves when every file of it a commit renames goes to one
  // new directory), the one path of the tree it ends at. nullopt without a history, when it never
  // moved, or when its moves end at no path of the tree or at more than one. `destination` is empty.
  std::optional<LinkRepair> moved(std::string_view path) const;

 private:
  struct History;
  const History& history() const;  // read_history_'s renames, read on the first call
  std::optional<LinkRepair> by_segments(std::string_view file_path, std::string_view raw_path, Syntax syntax) const;

  // Views of the tree's paths (a directory: a prefix of one), not copies of 100,000 paths.
  std::unordered_map<std::string_view, std::vector<std::string_view>> by_name_;  // last segment -> paths
  std::unordered_set<std::string_view> paths_;                                   // every file and directory
  MoveHistory read_history_;
  mutable std::once_flag history_once_;
  mutable std::unique_ptr<const History> history_;
};

}  // namespace gitreorg::markdown

// An import's history in the host repository: the sibling's objects copied in one pack, its commits
// rewritten so each file lives at its mapped path in every commit (`history: rewrite`), or one commit
// of pure renames on top of its tip (`history: preserve`). Writes objects only: nothing reachable
// changes until apply_plan moves the branch to the merge commit.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "gitreorg/git/repository.hpp"
#include "gitreorg/git/signature.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/pipeline/rewritten_history.hpp"
#include "gitreorg/plan/import_plan.hpp"

namespace gitreorg::exec {

using pipeline::kOriginalCommitTrailer;

struct ImportedHistory {
  std::size_t import = 0;     // index into Mapping::imports
  std::string tip;            // the commit the merge takes as its second parent ("" when nothing is left)
  std::string tree;           // its tree: the imported files at their new paths
  core::Tree files;           // the same, as entries
  std::vector<std::pair<std::string, std::string>> commit_map;  // old id -> new id ("" for a commit that became empty)
  std::size_t rewritten = 0;  // commits written
  std::size_t emptied = 0;    // commits dropped because nothing of theirs is left
  std::size_t edited = 0;     // files whose references apply_plan rewrote on top
  // History preserve: `tip` is the sibling's own tip, and apply makes the commit of pure renames on
  // it (tree `renames_tree`, this message) as it makes its others: hooks, --signoff, signature.
  std::string renames_tree;
  std::string renames_message;
};

// Copies the sibling's objects into `host` and writes its history under the new layout
// (pipeline::write_history). Throws core::Error (kExitProblems) when a path of an older commit is
// neither mapped nor dropped, or two land on one path (plan reports both first), core::Error
// (kExitInternal) when the commits written are not the ones plan predicted (`ip.commit_map`), and
// git::GitError for libgit2's failures.
ImportedHistory import_history(const git::Repository& host, const mapping::Mapping& mapping, const plan::ImportPlan& ip);

// `commit_map` as text: one `OLD NEW` line per commit, oldest first (NEW is `-` for a commit that became empty).
std::string commit_map_text(const ImportedHistory& h);

}  // namespace gitreorg::exec

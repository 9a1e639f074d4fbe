// An imported history under the new layout (`history: rewrite`): each commit's files at their mapped
// paths, the sibling's own renames followed, and the commits that this gives. plan computes the new
// ids in memory (for the commit map and SHA-pinned URLs); apply writes the same objects.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "gitreorg/core/tree.hpp"
#include "gitreorg/git/history.hpp"
#include "gitreorg/git/pack_writer.hpp"
#include "gitreorg/git/repository.hpp"
#include "gitreorg/mapping/mapping.hpp"

namespace gitreorg::pipeline {

// The trailer naming the original commit of a rewritten one.
constexpr const char* kOriginalCommitTrailer = "Reorg-Original-Commit";

// One commit of the imported history, as the rewrite reads it.
struct HistoryCommit {
  git::CommitInfo info;
  core::Tree root;                       // its files, for a commit without parents
  std::vector<git::TreeChange> changes;  // what differs from its first parent, for the others
};

struct MappedHistory {
  std::vector<HistoryCommit> commits;         // every commit reachable from the ref, parents first
  std::map<std::string, std::string> places;  // every path of the history -> its new path ("" when dropped)
  std::vector<std::string> blobs;             // the blobs of the rewritten trees, each once (no gitlink)
  std::vector<std::string> unmapped;          // paths of some commit neither moved nor dropped, sorted
  std::vector<std::string> clashes;           // "`A` and `B` on `NEW` in SHA": two paths of one commit on one path
};

// Maps every commit of `sibling` reachable from `commit` under `import`'s drops and `rules`
// (mapping::import_rules). A path no rule maps follows its exact renames to where the file is later.
// Reads only what changes from commit to commit (its cost follows the changes, not commits x files).
MappedHistory map_history(const git::Repository& sibling, const mapping::Import& import, const mapping::Mapping& rules,
                          const std::string& commit);

struct RewrittenCommits {
  std::vector<std::pair<std::string, std::string>> commit_map;  // old id -> new id ("" for a commit that became empty), parents first
  std::unordered_map<std::string, std::string> new_id;          // the same, for lookups
  std::string tip;                                              // what `commit` became ("" when every commit became empty)
  std::string tree;                                             // its tree
  std::size_t rewritten = 0, emptied = 0;
};

// What plan computed of an import's rewritten history, so that apply writes these objects instead of
// mapping and rewriting the history a second time (ImportPlan::planned_history).
struct PlannedHistory {
  std::vector<std::string> blobs;  // MappedHistory::blobs: what the host must receive from the sibling
  RewrittenCommits commits;
  std::vector<git::HeldObject> objects;  // its trees and commits
};

// Writes the trees and commits of `h` through `writer`, which must be able to read its blobs: each
// distinct tree once, as its first parent's rewritten tree with the commit's changes applied; a commit whose tree equals its only parent's (or an empty root) is dropped and
// its children take its parent; merges keep every distinct parent left; authors, committers, dates,
// messages and encodings are kept, each message gets a `Reorg-Original-Commit: OLD` trailer. `tip`
// is what `tip` of the sibling became. The same input writes the same objects.
RewrittenCommits write_history(const git::Repository& writer, const MappedHistory& h, const std::string& tip);

// What write_history would give, with nothing written anywhere: the objects are kept in memory on a
// handle of `sibling` of its own, and handed to `objects` when given.
RewrittenCommits predict_history(const git::Repository& sibling, const MappedHistory& h, const std::string& tip,
                                 std::vector<git::HeldObject>* objects = nullptr);

// `message` with `trailer` appended as `git interpret-trailers` would: to its last paragraph when that
// is a trailer block already, else as a paragraph of its own.
std::string with_trailer(std::string message, const std::string& trailer);

}  // namespace gitreorg::pipeline

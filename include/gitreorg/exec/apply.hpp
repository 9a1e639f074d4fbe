// The executor: the only code that writes to a repository. It turns a plan into one "Move files"
// commit (pure renames: every blob id and mode kept) and, when the rewriter has edits, an "Update
// references" commit on top, then carries the work tree, the index and the branch over, journaled
// so an interruption at any point can be finished (`continue_apply`) or undone (`abort_apply`).
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "gitreorg/core/error.hpp"
#include "gitreorg/exec/commit_signing.hpp"
#include "gitreorg/exec/step.hpp"
#include "gitreorg/git/repository.hpp"
#include "gitreorg/plan/repository_plan.hpp"
#include "gitreorg/rewrite/rewrite_references.hpp"

namespace gitreorg::exec {

// Called as the work progresses; tests end the process there to simulate a crash (the CLI does so
// under GITREORG_FAULT_AFTER_STEP / GITREORG_FAULT_AFTER_OP and the others of apply_command.cpp).
struct ApplyHooks {
  std::function<void(Step)> after_step;
  std::function<void(std::size_t op)> after_op;  // the 1-based number of the journal's operation just done
  std::function<void(std::size_t n)> after_undo;  // --abort (or a rollback) has undone n operations
  std::function<void(AbortStep)> after_abort_step;  // --abort (or a rollback) has finished that step
  std::function<void(std::size_t op)> mid_write;  // operation `op` (a write) is half done (RealDisk::mid_write)
  std::function<void(const std::filesystem::path& lock)> holding_lock;  // a git lock recorded, about to be taken
};

struct ApplyOptions {
  std::string tag_before;    // --tag-before NAME
  std::string branch;        // --branch NAME
  std::string message;       // subject of the first commit (default "Move files")
  bool no_verify = false;    // --no-verify: no pre-commit and commit-msg hooks
  bool signoff = false;      // --signoff: a Signed-off-by trailer of the committer on each message
  SignOptions sign;          // -S[KEYID], --no-gpg-sign; else commit.gpgSign
  ApplyHooks hooks;
};

// One import merged by an apply.
struct AppliedImport {
  std::string name;
  std::string merge;             // the merge commit
  std::string tip;               // its second parent: the imported history's new tip
  std::size_t files = 0;         // files imported
  std::size_t rewritten = 0;     // commits written for its history
  std::size_t emptied = 0;       // commits dropped because nothing of theirs was left
  std::size_t edited = 0;        // its files whose references were rewritten
  std::string commit_map;        // the commit map file (old id -> new id), absolute
};

struct ApplyResult {
  bool nothing_to_do = false;
  std::string old_head;
  std::string target_ref;             // the branch that received the commits
  std::vector<std::string> commits;   // the new commits, oldest first
  std::size_t moved_files = 0;        // tracked files moved
  std::size_t renames = 0;            // rename(2) calls that moved them
  std::size_t directory_renames = 0;  // ... of which whole directories
  std::vector<std::string> carried;   // untracked and ignored paths moved along (old paths)
  std::vector<std::string> carried_to;
  std::vector<AppliedImport> imports;
};

// A refusal: nothing was changed. Exit code kExitUsage for the environment, kExitProblems for the
// mapping or plan.
class ApplyError : public core::Error {
 public:
  using core::Error::Error;
};

// The preconditions that need no plan: a non-bare repository, no interrupted apply, no index.lock,
// no merge/rebase/cherry-pick/revert in progress, HEAD on a branch (or --branch), the tag and the
// branch free, no GIT_INDEX_FILE, GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES or GIT_COMMON_DIR
// naming another place than the repository's own. Throws ApplyError.
void check_repository(const git::Repository& repo, const ApplyOptions& options);

// Performs `rp` (planned against HEAD) on the repository; `changes` (the rewriter's files) become the
// second commit, and each import not merged yet becomes a merge commit on top (see import_history.hpp),
// all through the same journal. The commit maps are written to .git/reorg-imports/NAME.map once the
// apply is done.
// Throws ApplyError before changing anything when a precondition fails. An error after the journal
// is written is rolled back (ApplyError, kExitUsage, "rolled back"); when the rollback fails too, the
// ApplyError has kExitInProgress and the journal stays for --abort / --continue.
// `import_changes` (parallel to rp.imports, may be shorter) are the rewritten files of each import: an
// "Update references of NAME" commit on the imported history's tip, below the merge.
ApplyResult apply_plan(const git::Repository& repo, const plan::RepositoryPlan& rp,
                       const std::vector<rewrite::FileRewrite>& changes, const ApplyOptions& options,
                       const std::vector<std::vector<rewrite::FileRewrite>>& import_changes = {});

// The commits of `result` that only edit references, oldest first: the "Update references" commit and
// each import's "Update references of NAME" (the second parent of its merge). Read from the commits
// themselves, so it holds after `continue_apply` too. What `.git-blame-ignore-revs` should list.
std::vector<std::string> reference_commits(const git::Repository& repo, const ApplyResult& result);

bool apply_in_progress(const git::Repository& repo);
// Without an apply in progress: removes what a git-reorg killed before it wrote its journal or while
// it removed it left in the git dir (.git/reorg without a journal, .git/reorg-removed, an empty
// .git/reorg-tmp, a pack cut short in .git/reorg-pack). True when there was something to remove.
bool remove_leftovers(const git::Repository& repo);
// Finishes an interrupted apply from its journal.
ApplyResult continue_apply(const git::Repository& repo, const ApplyHooks& hooks = {});
// Restores the state before an interrupted apply: refs, work tree and index. Can itself be
// interrupted and run again; `hooks.after_undo(n)` is called after the n-th undone operation.
void abort_apply(const git::Repository& repo, const ApplyHooks& hooks = {});

}  // namespace gitreorg::exec

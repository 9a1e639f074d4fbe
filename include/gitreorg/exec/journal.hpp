// The apply journal: everything needed to finish (`--continue`) or undo (`--abort`) an apply that was
// interrupted, written after all objects exist and before the work tree changes. It lives in
// `.git/reorg/`: `journal` (JSON), `progress` (one byte appended per finished filesystem operation)
// and `index.orig` (the index as it was).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "gitreorg/core/blob_reader.hpp"
#include "gitreorg/core/fd.hpp"
#include "gitreorg/exec/disk.hpp"

namespace gitreorg::exec {

// One filesystem operation on the work tree. Paths are absolute in memory; the journal's text holds them
// relative to the work tree or the git dir.
struct FsOp {
  enum class Kind { rename, rmdir, write, create };  // create: a new file (an import's), removed by --abort
  Kind kind = Kind::rename;
  int step = 0;          // the apply step it belongs to (fault injection and messages)
  std::string from;      // rename: source; rmdir, write, create: the path
  std::string to;        // rename: destination
  std::string blob;      // write, create: the new content's blob id
  std::string old_blob;  // write: the previous content's blob id (for --abort)
  std::uint32_t mode = 0;      // write, create: the new mode
  std::uint32_t old_mode = 0;  // write: the previous mode
  bool raw = false;            // write: git's own file (a submodule's .git file or config), never filtered
  std::string temp;            // write, create: the temporary file the content goes through, in the git dir's
                               // reorg-tmp (journaled before it exists; doing, undoing and recovery remove it)
};

struct Journal {
  std::string work_tree;                 // where the apply ran (absolute): the journal serves no other place
  std::string git_dir;
  std::string mapping;                   // as named in the commit message
  std::string old_head;                  // the commit HEAD was at
  std::string head_ref;                  // what HEAD pointed to ("" when detached)
  std::string target_ref;                // the branch that receives the commits
  bool branch_created = false;           // --branch: target_ref did not exist
  std::vector<std::string> commits;      // "Move files" and, if any, "Update references"
  std::string new_tree;                  // the tree of the last commit
  std::string tag_ref;                   // --tag-before: refs/tags/NAME ("" without)
  std::string tag_object;                // the annotated tag object
  std::optional<std::string> orig_head;  // ORIG_HEAD before (nullopt: there was none)
  bool index_existed = true;
  std::vector<FsOp> ops;
  std::vector<std::string> new_dirs;     // directories created for destinations (absolute), shallowest first

  const std::string& new_commit() const { return commits.back(); }
};

std::filesystem::path journal_dir(const std::filesystem::path& gitdir);  // .git/reorg
std::filesystem::path temp_dir(const std::filesystem::path& gitdir);     // .git/reorg-tmp
bool journal_exists(const std::filesystem::path& gitdir);

// The journal as JSON text, and back. JSON strings are UTF-8; a path or ref name that is not
// survives the round trip all the same. Paths are stored relative to `journal.work_tree` or
// `journal.git_dir` (every path of the journal is under one of them). Reading refuses a journal
// written for another work tree or git dir than `work_tree` and `git_dir` (a copied or moved
// repository), saying where it belongs. `origin` names the text in the errors.
std::string journal_to_text(const Journal& journal);
Journal journal_from_text(const std::string& text, const std::string& origin, const std::filesystem::path& work_tree,
                          const std::filesystem::path& git_dir);

// Writes the journal atomically (temporary file, fsync, rename). Throws std::runtime_error.
void save_journal(const std::filesystem::path& gitdir, const Journal& journal);
Journal load_journal(const std::filesystem::path& gitdir, const std::filesystem::path& work_tree);
// Removes the journal directory and the (empty) temporary directory. The directory is first renamed
// away in one step (so no kill leaves a journal without its progress), then deleted; a leftover of
// a removal cut short is deleted too.
void remove_journal(const std::filesystem::path& gitdir);
std::filesystem::path removed_journal_dir(const std::filesystem::path& gitdir);  // .git/reorg-removed

// Number of operations known to be finished (`progress`), or undone by --abort (`undone`).
constexpr const char* kProgress = "progress";
constexpr const char* kUndone = "undone";
std::size_t read_progress(const std::filesystem::path& gitdir, const char* name = kProgress);

// The number of finished operations an --abort started from, recorded once (atomically) by the
// first --abort so that a later one undoes exactly the same operations; nullopt before any --abort.
std::optional<std::size_t> read_abort_start(const std::filesystem::path& gitdir);
void save_abort_start(const std::filesystem::path& gitdir, std::size_t done);

// Appends one byte to `progress` (or `undone`) per finished operation (cheap enough to do after
// every rename).
class ProgressFile {
 public:
  explicit ProgressFile(const std::filesystem::path& gitdir, const char* name = kProgress);
  void advance();

 private:
  core::Fd fd_;
};

// Removes the temporary files of `ops` a crash may have left (in the git dir: never a user's file).
// Each directory that holds them is listed once: an unlink per name, almost all of them failing, was
// a system call per edited file.
void remove_temp_files(Disk& disk, const std::vector<FsOp>& ops);

// Doing and undoing one operation on `disk`. Both throw std::runtime_error on failure. `is_done`
// tells, for the one operation that may have been cut short, whether it happened. `may_have_temp`:
// the write may have been started before (by a run a crash cut short), so its temporary file may be
// there and is removed first; an operation no run has started has none.
void do_op(Disk& disk, const FsOp& op, const core::BlobReader& read_blob, bool may_have_temp = true);
void undo_op(Disk& disk, const FsOp& op, const core::BlobReader& read_blob);
bool is_done(const Disk& disk, const FsOp& op, const core::BlobReader& read_blob);
// For the one undo a crash may have cut short: whether it happened.
bool is_undone(const Disk& disk, const FsOp& op, const core::BlobReader& read_blob);

}  // namespace gitreorg::exec

// The hooks `git commit` runs, for the commits apply writes: pre-commit (the new tree in a temporary
// index), prepare-commit-msg and commit-msg (each message, which they may edit), post-commit (once
// the apply is done). Found as git finds them: core.hooksPath, else the hooks directory of the git dir.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "gitreorg/git/repository.hpp"
#include "gitreorg/git/signature.hpp"

namespace gitreorg::exec {

// The directory git runs hooks from: core.hooksPath (`~/` expanded; relative to the top of the work
// tree), else GIT_COMMON_DIR/hooks.
std::filesystem::path hooks_dir(const git::Repository& repo);

class CommitHooks {
 public:
  // `no_verify` (--no-verify) skips pre-commit and commit-msg, as in git; prepare-commit-msg and
  // post-commit still run.
  CommitHooks(const git::Repository& repo, const git::Signature& author, bool no_verify);
  ~CommitHooks();
  CommitHooks(const CommitHooks&) = delete;
  CommitHooks& operator=(const CommitHooks&) = delete;

  // Whether pre-commit, prepare-commit-msg or commit-msg will run: then the new objects must be on
  // disk before `pre_commit`, for the hooks to read them.
  bool before_commit() const;
  // Runs pre-commit with GIT_INDEX_FILE naming a temporary index of `tree` (the commit to be made;
  // the work tree is still the old one). Throws ApplyError (kExitRefused) when it fails.
  void pre_commit(const std::string& tree);
  // Runs prepare-commit-msg (FILE `message`) and commit-msg (FILE) on .git/COMMIT_EDITMSG holding
  // `message`; returns the message they leave, cleaned up as git does (trailing blanks, runs of
  // blank lines). Throws ApplyError (kExitRefused) when one fails or the message becomes empty.
  // Without either hook, `message` unchanged.
  std::string message(const std::string& message);
  // Runs post-commit; its status is ignored, as git does.
  void post_commit();

 private:
  std::optional<std::filesystem::path> find(const std::string& name) const;
  int run(const std::filesystem::path& hook, const std::vector<std::string>& args, bool temporary_index);

  const git::Repository& repo_;
  git::Signature author_;
  bool no_verify_;
  std::filesystem::path index_;  // the temporary index, once pre_commit wrote it
  std::optional<std::filesystem::path> pre_commit_, prepare_commit_msg_, commit_msg_, post_commit_;
};

// `message` with `Signed-off-by: NAME <EMAIL>` of `committer` appended as `git commit --signoff`
// does: in the trailer block when the message ends with one, else after a blank line; not again
// when it is already the last trailer.
std::string append_signoff(const std::string& message, const git::Signature& committer);

}  // namespace gitreorg::exec

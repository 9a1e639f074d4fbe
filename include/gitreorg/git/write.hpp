// Writing to a repository through libgit2: objects, refs, the index, and the read-only queries the
// executor needs before it writes (state, HEAD, status). Only `exec/` calls the writing half.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gitreorg/git/repository.hpp"
#include "gitreorg/plan/tree.hpp"

namespace gitreorg::git {

// An identity with a time, as in a commit header.
struct Signature {
  std::string name;
  std::string email;
  std::int64_t time = 0;   // seconds since the epoch
  int offset_minutes = 0;  // time zone offset east of UTC
};

// Parses a date the way git reads GIT_AUTHOR_DATE: `@1700000000 +0100`, `1700000000 +0100`,
// ISO 8601 (`2024-05-01T12:00:00+02:00`, `2024-05-01 12:00:00 +0200`, `...Z`) and RFC 2822
// (`Wed, 01 May 2024 12:00:00 +0200`). Returns {seconds, offset minutes}.
std::optional<std::pair<std::int64_t, int>> parse_git_date(std::string_view text);

// The author (`who` = "AUTHOR") or committer ("COMMITTER") git would use: GIT_<WHO>_NAME/EMAIL/DATE
// first, then `author.*`/`committer.*` and `user.*` from the repository's config, then $EMAIL; the
// current time when there is no date. libgit2 1.5's git_signature_default reads the config only.
// Throws GitError when no name or email is configured, or the date does not parse.
Signature signature_for(const Repository& repo, const std::string& who);

// Objects. Each returns the new object's hex id.
std::string write_blob(const Repository& repo, std::string_view content);
// A tree holding exactly `files` (flat, repository-relative paths; directories are implied).
std::string write_tree(const Repository& repo, const plan::Tree& files);
std::string write_commit(const Repository& repo, const std::string& tree, const std::vector<std::string>& parents,
                         const Signature& author, const Signature& committer, const std::string& message);
// An annotated tag object (no ref: the caller creates refs/tags/NAME when it is ready).
std::string write_tag_object(const Repository& repo, const std::string& name, const std::string& target,
                             const Signature& tagger, const std::string& message);
std::string tree_of_commit(const Repository& repo, const std::string& commit);

// "" when no operation is in progress, else "merge", "rebase", "cherry-pick", "revert", "bisect", ...
std::string operation_in_progress(const Repository& repo);

struct Head {
  bool detached = false;
  bool unborn = false;
  std::string ref;     // refs/heads/NAME ("" when detached)
  std::string commit;  // "" when unborn
};
Head read_head(const Repository& repo);

// Tracked paths that differ from HEAD in the index or the work tree (untracked and ignored files
// do not count), at most `limit` of them.
std::vector<std::string> changed_tracked_paths(const Repository& repo, std::size_t limit);

// The id a direct ref points to, nullopt when it does not exist.
std::optional<std::string> read_ref(const Repository& repo, const std::string& name);
bool ref_name_valid(const std::string& name);
// Points `name` at `id`. `expected`: the id it must point to now (nullopt: it must not exist);
// otherwise throws GitError and changes nothing. `force` skips that check. Writes `message` to the reflog.
void update_ref(const Repository& repo, const std::string& name, const std::string& id,
                const std::optional<std::string>& expected, const std::string& message, bool force = false);
void delete_ref(const Repository& repo, const std::string& name);
// Points HEAD at a branch (symbolic) or detaches it at a commit.
void set_head_to_branch(const Repository& repo, const std::string& ref, const std::string& message);
void set_head_detached(const Repository& repo, const std::string& commit, const std::string& message);

// Writes the index for `tree` as a checkout would: entries whose path, mode and id match the
// current index keep its stat data, the others get the stat data of the file in the work tree
// (lstat, never following symlinks), so `git status` need not re-read any file.
void write_index_for_tree(const Repository& repo, const std::string& tree);

}  // namespace gitreorg::git

// Reading and moving refs (branches, tags, HEAD, ORIG_HEAD), with reflog messages.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "gitreorg/git/repository.hpp"

namespace gitreorg::git {

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

// The lock file git and libgit2 create to change `name`: "index", "packed-refs", HEAD, ORIG_HEAD or a
// ref (refs/... live in the common dir, shared by all worktrees; the others in the worktree's git dir).
std::filesystem::path lock_file(const Repository& repo, const std::string& name);

}  // namespace gitreorg::git

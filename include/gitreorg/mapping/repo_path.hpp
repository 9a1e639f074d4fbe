// Repository-relative paths: the one place that decides whether a path may name something in a tree.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gitreorg::mapping {

// Why `path` cannot be a repository path (empty, absolute, `..`, `.git`, backslash, NUL, newline,
// empty or `.` segments), or nullopt if it is fine. Trailing slashes are accepted by `normalize_repo_path`.
std::optional<std::string> repo_path_problem(std::string_view path);

// Drops trailing slashes (`docs/` names the directory `docs`).
std::string normalize_repo_path(std::string_view path);

// True if `prefix` equals `path` or is a leading run of whole segments of it (`a/b` of `a/b/c`).
bool is_path_prefix(std::string_view prefix, std::string_view path);

// The parent directory ("" for top-level entries).
std::string_view parent_dir(std::string_view path);

}  // namespace gitreorg::mapping

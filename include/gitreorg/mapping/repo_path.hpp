// Repository-relative paths: the one place that decides whether a path may name something in a tree.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gitreorg::mapping {

// Why `path` cannot be a repository path (empty, absolute, `..`, `.git`, backslash, NUL, newline,
// empty or `.` segments), or nullopt if it is fine. Trailing slashes are accepted by `normalize_repo_path`.
std::optional<std::string> repo_path_problem(std::string_view path);

// Why `path`, a path read from a tree or typed by a user about one, cannot name something in a
// repository (empty, absolute, `.`, `..`, `.git` or empty segments, NUL), or nullopt. Unlike
// `repo_path_problem`, line breaks and backslashes are fine: git accepts such file names.
std::optional<std::string> tree_path_problem(std::string_view path);

// Why `to` + `rest` cannot be where a rule sends a path, or nullopt. `to` comes from the mapping and
// is held to `repo_path_problem`; `rest` ("" or "/..." below the rule's `from`) comes from the tree
// and is held to `tree_path_problem`, so files with unusual names move like any other.
std::optional<std::string> moved_path_problem(std::string_view to, std::string_view rest);

// Drops trailing slashes (`docs/` names the directory `docs`).
std::string normalize_repo_path(std::string_view path);

}  // namespace gitreorg::mapping

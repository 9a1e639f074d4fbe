// Repository paths as strings: the segment arithmetic every stage shares (no validation; that is
// mapping/repo_path.hpp).
#pragma once

#include <string>
#include <string_view>

namespace gitreorg::core {

// The parent directory ("" for top-level entries).
std::string_view parent_dir(std::string_view path);

// The last segment (`c.md` of `a/b/c.md`; the whole path when it has no `/`).
std::string_view base_name(std::string_view path);

// True if `prefix` equals `path` or is a leading run of whole segments of it (`a/b` of `a/b/c`).
bool is_path_prefix(std::string_view prefix, std::string_view path);

// ASCII case-insensitive equality (`.GIT`, `HREF`, `README.MD`).
bool iequals(std::string_view a, std::string_view b);

// Whether the file `path` is a README (`README.md`, `readme.rst`, `README`): what GitHub shows for its directory.
bool is_readme(std::string_view path);

// ASCII lowercase; other bytes (UTF-8 included) are kept.
std::string to_lower(std::string_view s);

}  // namespace gitreorg::core

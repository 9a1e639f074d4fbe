// "Did you mean ...?": the known name closest to a misspelt one, for mapping keys and subcommands.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace gitreorg::core {

// Levenshtein distance (insertions, deletions, substitutions) between two byte strings.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The first of `known` with the smallest edit distance to `name`, if that distance is below
// `limit` (3 catches typos like `form`/`from` and `chek`/`check` without suggesting unrelated words).
std::optional<std::string_view> closest_name(std::string_view name, const std::vector<std::string_view>& known,
                                             std::size_t limit = 3);

}  // namespace gitreorg::core

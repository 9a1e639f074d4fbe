// Dates as git reads them from GIT_AUTHOR_DATE and GIT_COMMITTER_DATE.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

namespace gitreorg::git {

// Parses a date the way git reads GIT_AUTHOR_DATE: `@1700000000 +0100`, `1700000000 +0100`,
// ISO 8601 (`2024-05-01T12:00:00+02:00`, `2024-05-01 12:00:00 +0200`, `...Z`) and RFC 2822
// (`Wed, 01 May 2024 12:00:00 +0200`). Returns {seconds since the epoch, offset minutes east of UTC}.
std::optional<std::pair<std::int64_t, int>> parse_git_date(std::string_view text);

}  // namespace gitreorg::git

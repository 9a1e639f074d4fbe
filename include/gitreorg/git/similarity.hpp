// How similar two versions of a file are, as libgit2's rename detection scores them.
#pragma once

#include <string_view>

namespace gitreorg::git {

// The rename score (0-100) libgit2's git_diff_find_similar gives a file whose content was `before`
// and is `after`, with its default metric: 100 for identical bytes, 0 when both are over 127 bytes
// and one is more than 8 times the other, else the comparison of their git_hashsig signatures
// (whitespace-smart, small files allowed). Regular files only: the caller scores other modes.
int similarity(std::string_view before, std::string_view after);

}  // namespace gitreorg::git

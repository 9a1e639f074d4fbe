// How similar two versions of a file are, as git's rename detection scores them.
#pragma once

#include <string_view>

namespace gitreorg::git {

// The rename score (0-100, the percentage `git diff -M --name-status` prints as R<score>) git gives
// a regular file whose content was `before` and is `after`: 100 for identical bytes, else the bytes
// of `before` found again in `after`, counted in spans (a line, or 64 bytes; a CR before LF ignored in
// text), over the larger size; 0 when the sizes alone rule out 50%. A file pairs as a rename at 50
// and above (git's default -M), by its base name at 75. Regular files only: git pairs no symlink
// that is not identical.
int similarity(std::string_view before, std::string_view after);

}  // namespace gitreorg::git

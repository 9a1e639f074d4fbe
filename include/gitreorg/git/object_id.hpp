// Object ids computed without a repository.
#pragma once

#include <string>
#include <string_view>

namespace gitreorg::git {

// The id git gives `content` as a blob (`git hash-object --stdin`).
std::string hash_blob(std::string_view content);

}  // namespace gitreorg::git

// How every stage reads a blob's bytes: by object id, through whatever holds the objects (a
// repository, a test's map, the rewriter's output).
#pragma once

#include <functional>
#include <string>

namespace gitreorg::core {

using BlobReader = std::function<std::string(const std::string& blob_id)>;

}  // namespace gitreorg::core

// Looking up one embedded fixture file by path.
#include "demo/fixture_files.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace gitreorg::demo {

std::string_view fixture_file(std::string_view path) {
  const auto files = fixture_files();
  const auto it = std::lower_bound(files.begin(), files.end(), path,
                                   [](const EmbeddedFile& f, std::string_view p) { return f.path < p; });
  if (it == files.end() || it->path != path)
    throw std::runtime_error("make-demo-repo: src/demo/fixture/" + std::string(path) + " is not in the program");
  return it->bytes;
}

}  // namespace gitreorg::demo

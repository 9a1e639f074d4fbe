// The files under src/demo/fixture/, embedded into the program at build time (cmake/embed.cmake).
#pragma once

#include <span>
#include <string_view>

namespace gitreorg::demo {

struct EmbeddedFile {
  std::string_view path;   // relative to src/demo/fixture/, e.g. "tree/README.md"
  std::string_view bytes;  // exactly the file's content
};

// Sorted by path.
std::span<const EmbeddedFile> fixture_files();

// The bytes of fixture file `path`; throws std::runtime_error if there is none.
std::string_view fixture_file(std::string_view path);

}  // namespace gitreorg::demo

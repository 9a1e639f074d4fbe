// The smallest repository whose migration makes both commits, for tests of how the commits are made.
#pragma once

#include <string>

#include "support/temp_repo.hpp"

namespace gitreorg::testing {

// docs/ moves to manual/ (the "Move files" commit) and README.md's link follows it (the "Update
// references" commit); the mapping is written at `mapping_path`, relative to the work tree.
inline void make_docs_move_repo(TempRepo& r, const std::string& mapping_path) {
  r.write("docs/guide.md", "# Guide\n");
  r.write("README.md", "See [the guide](docs/guide.md).\n");
  r.write(mapping_path, "version: 1\nmoves:\n  - from: docs\n    to: manual\n");
  r.commit("first");
}

}  // namespace gitreorg::testing

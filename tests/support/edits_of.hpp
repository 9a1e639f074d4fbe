// Edits as a rewriter makes them, from (old text, new text) pairs: for the tests of the stages that
// take the rewriters' edits (comment columns, table padding).
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "gitreorg/core/edit.hpp"

namespace gitreorg::testing {

// Edits of kind `kind` replacing each `from` (its first occurrence at or after the previous one's end)
// by `to`.
inline std::vector<core::Edit> edits_of(const std::string& text, const std::vector<std::pair<std::string, std::string>>& changes,
                                        const std::string& kind) {
  std::vector<core::Edit> out;
  std::size_t pos = 0;
  for (const auto& [from, to] : changes) {
    std::size_t at = text.find(from, pos);
    REQUIRE(at != std::string::npos);
    out.push_back(core::Edit{at, from.size(), to, 0, kind, from});
    pos = at + from.size();
  }
  return out;
}

}  // namespace gitreorg::testing

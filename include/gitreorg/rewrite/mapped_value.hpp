// A decoded string value that remembers where each of its bytes came from in the source, so a
// rewriter can edit the source bytes of a word found in the decoded value (JSON strings, quoted YAML).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace gitreorg::rewrite {

// value[i] was written at source bytes [from[i], to[i]); `syntax` says how to re-escape a new word.
struct MappedValue {
  std::string value;
  std::vector<std::size_t> from, to;
  enum class Syntax { raw, json, yaml_single, yaml_double } syntax = Syntax::raw;
};

}  // namespace gitreorg::rewrite

// Where a YAML scalar's bytes are: yaml-cpp parses, and its marks say where each scalar starts; this
// finds where it ends and which source bytes each character of its value came from, so rewriters
// edit the file in place (comments, quoting, layout and line endings untouched) instead of
// re-emitting it.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>

#include "gitreorg/rewrite/mapped_value.hpp"

namespace gitreorg::rewrite {

struct YamlScalar {
  char style = 0;                // 0 plain, '\'' or '"' quoted, '|' or '>' block
  std::size_t begin = 0, end = 0;  // the whole token, quotes included (block scalars: their lines)
  MappedValue value;  // the value, each byte with its source bytes
};

// `text` parsed by yaml-cpp; nullopt when it is not YAML (where and why in `error_at` and `error`).
std::optional<YAML::Node> load_yaml(std::string_view text, YAML::Mark* error_at = nullptr, std::string* error = nullptr);

// Bytes before yaml-cpp's first mark position (a UTF-8 BOM is not counted in marks).
std::size_t yaml_mark_offset(std::string_view text);

// The scalar `node` of the document `text`; `in_flow`: inside `[...]` or `{...}`. nullopt when its
// bytes cannot be matched to its value (multi-line quoted or plain scalars).
std::optional<YamlScalar> locate_scalar(std::string_view text, const YAML::Node& node, bool in_flow);

// The single-line scalar (plain or quoted) or block scalar starting at text[pos], read from the bytes
// alone: for files yaml-cpp cannot read, and for comments. nullopt when a quoted scalar does not end
// on its line.
std::optional<YamlScalar> scalar_at(std::string_view text, std::size_t pos, bool in_flow);

// `value` written as a scalar in `style` (a plain scalar that needs quotes gets single quotes).
std::string quote_scalar(std::string_view value, char style);

}  // namespace gitreorg::rewrite

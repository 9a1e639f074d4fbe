// The named character references of HTML (the WHATWG list), as CommonMark and GitHub decode them in
// link destinations, attribute values and text. The table is generated data
// (src/markdown/gen_html_entities.py); md4c's own table is not part of its API.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace gitreorg::markdown {

// The UTF-8 text of `&name;` (name without `&` and `;`, case-sensitive), or nullopt if HTML has no
// such entity. Some decode to two code points (`NotEqualTilde` is U+2242 U+0338).
std::optional<std::string_view> named_entity(std::string_view name);

// How many named entities the table holds (2125 for the current WHATWG list).
std::size_t named_entity_count();

}  // namespace gitreorg::markdown

// Paths printed the way git prints them (core.quotePath): unusual ones in double quotes with C escapes.
#pragma once

#include <string>
#include <string_view>

namespace gitreorg::report {

// `path` unchanged if it is plain printable ASCII without `"` or `\`; otherwise quoted like git does:
// "\t", "\n", "\"", "\\", and octal escapes for control and non-ASCII bytes.
std::string quote_path(std::string_view path);

}  // namespace gitreorg::report

// Paths printed the way git prints them (core.quotePath): unusual ones in double quotes with C escapes.
#pragma once

#include <string>
#include <string_view>

namespace gitreorg::report {

// `path` unchanged if it is plain printable ASCII without `"` or `\`; otherwise quoted like git does:
// "\t", "\n", "\"", "\\", and octal escapes for control and non-ASCII bytes. `quote_non_ascii` is
// git's core.quotePath: when false, bytes from 0x80 up are printed as they are (a UTF-8 name reads as
// itself), and only control characters, `"` and `\` make a path quoted.
std::string quote_path(std::string_view path, bool quote_non_ascii = true);

}  // namespace gitreorg::report

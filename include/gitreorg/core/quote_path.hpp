// Paths printed the way git prints them (core.quotePath): unusual ones in double quotes with C escapes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gitreorg::core {

// `path` unchanged if it is plain printable ASCII without `"` or `\`; otherwise quoted like git does:
// "\t", "\n", "\"", "\\", and octal escapes for control and non-ASCII bytes. `quote_non_ascii` is
// git's core.quotePath: when false, bytes from 0x80 up are printed as they are (a UTF-8 name reads as
// itself), and only control characters, `"` and `\` make a path quoted.
std::string quote_path(std::string_view path, bool quote_non_ascii = true);

// The inverse, as git reads a quoted path on --stdin (`git check-attr --stdin`): a line that starts with
// `"` is unquoted (C escapes, octal bytes); any other is returned as it is. nullopt for a quoted line
// that is malformed (no closing `"`, text after it, an unknown escape).
std::optional<std::string> unquote_path(std::string_view line);

}  // namespace gitreorg::core

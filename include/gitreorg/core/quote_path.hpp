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

// As quote_path(path, false), but each byte that is not part of valid UTF-8 (core::valid_utf8) is in
// octal too: for output read as UTF-8 (Markdown), where a UTF-8 name reads as itself and no other
// can garble the text.
std::string quote_path_utf8(std::string_view path);

// `text` unquoted, with each control character but tab and each byte that is not part of valid UTF-8
// written as quote_path writes it (`\n`, `\r`, `\033`, `\377`), the rest as it is: any text on one
// line of UTF-8 output. Not reversible (a `\` stays as it is).
std::string escape_control_utf8(std::string_view text);

// The inverse, as git reads a quoted path on --stdin (`git check-attr --stdin`): a line that starts with
// `"` is unquoted (C escapes, octal bytes); any other is returned as it is. nullopt for a quoted line
// that is malformed (no closing `"`, text after it, an unknown escape).
std::optional<std::string> unquote_path(std::string_view line);

}  // namespace gitreorg::core

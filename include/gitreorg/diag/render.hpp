// One renderer for diagnostics: text (with source line and caret), JSON, Markdown, GitHub annotations.
#pragma once

#include <nlohmann/json.hpp>
#include <map>
#include <string>
#include <string_view>

#include "gitreorg/diag/diagnostic.hpp"

namespace gitreorg::diag {

struct TextStyle {
  bool color = false;       // ANSI colours (decided by the CLI: TTY, --color, NO_COLOR)
  bool show_source = true;  // print the offending source line and a caret under the column
  bool quote_non_ascii = true;  // git's core.quotePath, for the paths printed (core::quote_path)
};

// `path:line:col: error: message`, then the source line and a caret when the text is known. The path,
// and each of the diagnostic's `names` where the message has it in backticks, quoted as git quotes
// paths (`"caf\303\251.md":3:1`, `` `"tab\there"` ``), so a name with a newline cannot start a
// line of its own and the output reads like git's.
std::string render_text(const Diagnostic& d, const Sink& sink, const TextStyle& style);

struct GithubStyle {
  std::string title = "git-reorg";             // the annotation's title (`title=`)
  std::size_t per_level = 10;                  // GitHub shows 10 errors, 10 warnings and 10 notices per step
  std::map<std::string, std::string> files;    // a diagnostic's path -> `file=` (relative to the repository's root)
  bool quote_non_ascii = true;                 // core.quotePath, for the plain log lines past `per_level`
};

// `::error file=path,line=N,col=M,title=T::message`, one per line, as GitHub Actions reads them. Past
// `per_level` of one severity, the last annotation says how many more there are, and those follow as
// plain `path:line:col: error: message` lines of the step's log, which GitHub keeps whole (quoted as
// render_text quotes). `file=` and the message carry names as they are, not quoted: GitHub matches
// `file=` against the real path of the file in the commit, and renders the message as UTF-8 text;
// only `%`, CR and LF (and `:` and `,` in properties) are escaped, as the workflow-command syntax
// requires.
std::string render_github(const Sink& sink, const GithubStyle& style = {});

// `text` as a Markdown code span (CommonMark): fenced by one backtick more than its longest run of
// them, padded by a space where it starts or ends with a backtick or has a space at both ends, and
// with control characters but tab and bytes that are not UTF-8 escaped (core::escape_control_utf8),
// since a code span cannot hold a line break.
std::string markdown_code(std::string_view text);

// A tree path as a Markdown code span, quoted by core::quote_path_utf8: control characters and bytes
// that are not UTF-8 escaped and the path in double quotes, as git quotes it; a UTF-8 name as it is,
// which GitHub shows as text.
std::string markdown_path(std::string_view path);

// A bullet list for PR descriptions: each location, and each of the diagnostic's `names` where the
// message has it in backticks, as markdown_path writes it.
// At most `max_items` of them (errors first, then warnings, then notes) and a last item that counts
// the rest, for a document that must fit a size (a pull-request description).
std::string render_markdown(const Sink& sink, std::size_t max_items = static_cast<std::size_t>(-1));

nlohmann::json to_json(const Diagnostic& d);
nlohmann::json to_json(const Sink& sink);

}  // namespace gitreorg::diag

// One renderer for diagnostics: text (with source line and caret), JSON, Markdown, GitHub annotations.
#pragma once

#include <nlohmann/json.hpp>
#include <map>
#include <string>

#include "gitreorg/diag/diagnostic.hpp"

namespace gitreorg::diag {

struct TextStyle {
  bool color = false;       // ANSI colours (decided by the CLI: TTY, --color, NO_COLOR)
  bool show_source = true;  // print the offending source line and a caret under the column
};

// `path:line:col: error: message`, then the source line and a caret when the text is known.
std::string render_text(const Diagnostic& d, const Sink& sink, const TextStyle& style);

struct GithubStyle {
  std::string title = "git-reorg";             // the annotation's title (`title=`)
  std::size_t per_level = 10;                  // GitHub shows 10 errors, 10 warnings and 10 notices per step
  std::map<std::string, std::string> files;    // a diagnostic's path -> `file=` (relative to the repository's root)
};

// `::error file=path,line=N,col=M,title=T::message`, one per line, as GitHub Actions reads them. Past
// `per_level` of one severity, the last annotation says how many more there are, and those follow as
// plain `path:line:col: error: message` lines of the step's log, which GitHub keeps whole.
std::string render_github(const Sink& sink, const GithubStyle& style = {});

// A bullet list for PR descriptions.
std::string render_markdown(const Sink& sink);

nlohmann::json to_json(const Diagnostic& d);
nlohmann::json to_json(const Sink& sink);

}  // namespace gitreorg::diag

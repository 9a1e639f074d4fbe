// One renderer for diagnostics: text (with source line and caret), JSON, Markdown, GitHub annotations.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "gitreorg/diag/diagnostic.hpp"

namespace gitreorg::diag {

struct TextStyle {
  bool color = false;       // ANSI colours (decided by the CLI: TTY, --color, NO_COLOR)
  bool show_source = true;  // print the offending source line and a caret under the column
};

// `path:line:col: error: message`, then the source line and a caret when the text is known.
std::string render_text(const Diagnostic& d, const Sink& sink, const TextStyle& style);

// `::error file=path,line=N,col=M::message`, one per line, as GitHub Actions reads them.
std::string render_github(const Sink& sink);

// A bullet list for PR descriptions.
std::string render_markdown(const Sink& sink);

nlohmann::json to_json(const Diagnostic& d);
nlohmann::json to_json(const Sink& sink);

}  // namespace gitreorg::diag

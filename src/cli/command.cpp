// Shared CLI plumbing: colour decisions, diagnostics on stderr, output files, exit codes.
#include "cli/command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "gitreorg/diag/render.hpp"

namespace gitreorg::cli {

bool use_color(ColorMode mode, std::FILE* stream) {
  if (mode == ColorMode::always) return true;
  if (mode == ColorMode::never) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string(term) == "dumb") return false;
  return isatty(fileno(stream)) == 1;
}

void print_diagnostics(const diag::Sink& sink, const GlobalOptions& global) {
  diag::Sink shown;
  for (const diag::Diagnostic& d : sink.all())
    if (!global.quiet || d.severity == diag::Severity::error) shown.report(d.severity, d.path, d.pos, d.message);
  for (const diag::Diagnostic& d : shown.all())
    if (const std::string* src = sink.source(d.path)) shown.add_source(d.path, *src);
  diag::TextStyle style{use_color(global.color, stderr), true};
  std::string text = diag::render_text(shown, style);
  std::fputs(text.c_str(), stderr);
}

bool write_output(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return std::fflush(stdout) == 0;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.good()) {
    fmt::print(stderr, "git-reorg: error: cannot write {}\n", path);
    return false;
  }
  return true;
}

int environment_error(const std::string& message) {
  fmt::print(stderr, "git-reorg: error: {}\n", message);
  return kExitUsage;
}

bool mapping_readable(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    fmt::print(stderr, "git-reorg: error: cannot read mapping file `{}`\n", path);
    return false;
  }
  return true;
}

}  // namespace gitreorg::cli

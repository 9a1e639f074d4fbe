// Rendering of collected diagnostics for terminals, CI annotations, PR descriptions and machines.
#include "gitreorg/diag/render.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "gitreorg/core/quote_path.hpp"

namespace gitreorg::diag {
namespace {

// By severity, in the enum's order (note, warning, error): cyan, magenta, red, bold.
constexpr std::string_view kColours[] = {"\x1b[1;36m", "\x1b[1;35m", "\x1b[1;31m"};
static_assert(static_cast<int>(Severity::note) == 0 && static_cast<int>(Severity::error) == 2);

std::string_view colour_of(Severity s) { return kColours[static_cast<int>(s)]; }

// `path:line:col`, the path written by `quote`.
template <class Quote>
std::string location(const Diagnostic& d, Quote quote) {
  if (d.path.empty()) return "git-reorg";
  std::string path = quote(d.path);
  if (d.pos.line <= 0) return path;
  if (d.pos.column <= 0) return fmt::format("{}:{}", path, d.pos.line);
  return fmt::format("{}:{}:{}", path, d.pos.line, d.pos.column);
}

// The message with each backticked span that is one of `d.names` written by `name` (the span's
// backticks included), the rest as it is. A name may hold backticks itself: at a backtick, the longest
// name followed by a backtick is taken; a span that is no name is copied up to its closing backtick.
template <class Name>
std::string with_names(const Diagnostic& d, Name name) {
  if (d.names.empty()) return d.message;
  const std::string& m = d.message;
  std::string out;
  std::size_t at = 0;
  for (std::size_t open; (open = m.find('`', at)) != std::string::npos;) {
    const std::string* found = nullptr;
    for (const std::string& n : d.names)
      if (m.size() > open + 1 + n.size() && m[open + 1 + n.size()] == '`' && m.compare(open + 1, n.size(), n) == 0 &&
          (!found || n.size() > found->size()))
        found = &n;
    if (found) {
      out.append(m, at, open - at);
      out += name(*found);
      at = open + found->size() + 2;
      continue;
    }
    std::size_t close = m.find('`', open + 1);
    if (close == std::string::npos) break;
    out.append(m, at, close + 1 - at);
    at = close + 1;
  }
  out.append(m, at);
  return out;
}

// The 1-based line `line` of `text`, without its line ending. The line starts of the last text asked
// about are kept: diagnostics come sorted by file, so a file with many of them is indexed once
// (linear, where scanning from the start for each was quadratic in a big file).
std::string_view line_of(const std::string& text, int line) {
  thread_local const std::string* indexed = nullptr;
  thread_local std::size_t indexed_size = 0;
  thread_local std::vector<std::size_t> starts;
  if (indexed != &text || indexed_size != text.size()) {
    starts.assign(1, 0);
    for (std::size_t k = text.find('\n'); k != std::string::npos; k = text.find('\n', k + 1)) starts.push_back(k + 1);
    indexed = &text;
    indexed_size = text.size();
  }
  if (line < 1 || static_cast<std::size_t>(line) > starts.size()) return {};
  std::size_t start = std::min(starts[static_cast<std::size_t>(line) - 1], text.size());
  std::size_t end = text.find('\n', start);
  std::string_view l(text.data() + start, (end == std::string::npos ? text.size() : end) - start);
  if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
  return l;
}

// GitHub's workflow-command escaping for properties and messages.
std::string escape_github(std::string_view s, bool property) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string render_text(const Diagnostic& d, const Sink& sink, const TextStyle& style) {
  std::string out;
  const char* bold = style.color ? "\x1b[1m" : "";
  const char* reset = style.color ? "\x1b[0m" : "";
  auto quote = [&style](std::string_view path) { return core::quote_path(path, style.quote_non_ascii); };
  out += fmt::format("{}{}:{} {}{}:{} {}\n", bold, location(d, quote), reset, style.color ? colour_of(d.severity) : "",
                     severity_name(d.severity), reset, with_names(d, [&quote](std::string_view n) { return "`" + quote(n) + "`"; }));
  if (style.show_source && d.pos.line > 0) {
    if (const std::string* text = sink.source(d.path)) {
      std::string_view l = line_of(*text, d.pos.line);
      if (!l.empty()) {
        out += fmt::format("  {}\n", l);
        if (d.pos.column > 0) {
          std::string pad;
          // Keep tabs so the caret lines up under the same column in a terminal.
          for (int i = 0; i < d.pos.column - 1 && i < static_cast<int>(l.size()); ++i) pad += l[i] == '\t' ? '\t' : ' ';
          out += fmt::format("  {}{}^{}\n", pad, style.color ? "\x1b[1;32m" : "", reset);
        }
      }
    }
  }
  return out;
}

std::string render_github(const Sink& sink, const GithubStyle& style) {
  std::string out;
  std::size_t total[3] = {}, shown[3] = {};
  for (const Diagnostic& d : sink.all()) ++total[static_cast<int>(d.severity)];
  for (const Diagnostic& d : sink.all()) {
    int level = static_cast<int>(d.severity);
    std::string_view kind = d.severity == Severity::error ? "error" : d.severity == Severity::warning ? "warning" : "notice";
    std::string path = d.path;
    if (auto it = style.files.find(d.path); it != style.files.end()) path = it->second;
    bool overflow = total[level] > style.per_level;
    if (overflow && shown[level] + 1 == style.per_level) {
      // The last annotation GitHub shows of this kind says what it does not show.
      ++shown[level];
      out += fmt::format("::{} title={}::{} more {}s are listed in this step's log (GitHub shows {} of each kind)\n", kind,
                         escape_github(style.title, true), total[level] - style.per_level + 1,
                         severity_name(d.severity), style.per_level);
    }
    if (overflow && shown[level] >= style.per_level) {
      Diagnostic plain = d;
      plain.path = path;
      out += render_text(plain, sink, {false, false, style.quote_non_ascii});
      continue;
    }
    ++shown[level];
    std::vector<std::string> props;
    if (!path.empty()) props.push_back("file=" + escape_github(path, true));
    if (d.pos.line > 0) props.push_back(fmt::format("line={}", d.pos.line));
    if (d.pos.column > 0) props.push_back(fmt::format("col={}", d.pos.column));
    if (!style.title.empty()) props.push_back("title=" + escape_github(style.title, true));
    out += fmt::format("::{}{}{}::{}\n", kind, props.empty() ? "" : " ", fmt::join(props, ","), escape_github(d.message, false));
  }
  return out;
}

std::string markdown_code(std::string_view text) {
  std::string body = core::escape_control_utf8(text);
  std::size_t ticks = 0, run = 0;
  for (char c : body) {
    run = c == '`' ? run + 1 : 0;
    ticks = std::max(ticks, run);
  }
  // CommonMark strips one space from each end of a span that has one at both ends (and is not all
  // spaces), and a span may not start or end with its own fence's character: a space pads both cases.
  bool pad = !body.empty() && (body.front() == '`' || body.back() == '`' ||
                               (body.front() == ' ' && body.back() == ' ' && body.find_first_not_of(' ') != std::string::npos));
  std::string fence(ticks + 1, '`');
  return fence + (pad ? " " : "") + body + (pad ? " " : "") + fence;
}

std::string markdown_path(std::string_view path) { return markdown_code(core::quote_path_utf8(path)); }

std::string render_markdown(const Sink& sink, std::size_t max_items) {
  std::vector<const Diagnostic*> shown;
  for (const Diagnostic& d : sink.all()) shown.push_back(&d);
  if (shown.size() > max_items) {
    std::stable_sort(shown.begin(), shown.end(), [](const Diagnostic* a, const Diagnostic* b) {
      auto rank = [](Severity s) { return s == Severity::error ? 0 : s == Severity::warning ? 1 : 2; };
      return rank(a->severity) < rank(b->severity);
    });
  }
  std::string out;
  std::size_t n = std::min(shown.size(), max_items);
  for (std::size_t i = 0; i < n; ++i) {
    const Diagnostic& d = *shown[i];
    std::string_view icon = d.severity == Severity::error ? "❌" : d.severity == Severity::warning ? "⚠️" : "ℹ️";
    out += fmt::format("- {} **{}** {}: {}\n", icon, severity_name(d.severity), markdown_code(location(d, core::quote_path_utf8)),
                       with_names(d, markdown_path));
  }
  if (n < shown.size()) {
    std::size_t errors = 0, warnings = 0;
    for (std::size_t i = n; i < shown.size(); ++i) {
      errors += shown[i]->severity == Severity::error;
      warnings += shown[i]->severity == Severity::warning;
    }
    std::size_t notes = shown.size() - n - errors - warnings;
    std::string counts;
    for (auto [k, what] : {std::pair{errors, "error"}, std::pair{warnings, "warning"}, std::pair{notes, "note"}})
      if (k) counts += fmt::format("{}{} {}{}", counts.empty() ? "" : ", ", k, what, k == 1 ? "" : "s");
    out += fmt::format("- … and {} more ({})\n", shown.size() - n, counts);
  }
  return out;
}

nlohmann::json to_json(const Diagnostic& d) {
  return nlohmann::json{{"severity", severity_name(d.severity)},
                        {"path", d.path},
                        {"line", d.pos.line},
                        {"column", d.pos.column},
                        {"message", d.message}};
}

nlohmann::json to_json(const Sink& sink) {
  nlohmann::json arr = nlohmann::json::array();
  for (const Diagnostic& d : sink.all()) arr.push_back(to_json(d));
  return arr;
}

}  // namespace gitreorg::diag

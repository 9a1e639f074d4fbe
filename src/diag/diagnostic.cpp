// Diagnostic values and the sink that collects them.
#include "gitreorg/diag/diagnostic.hpp"

#include <algorithm>
#include <tuple>

namespace gitreorg::diag {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

Diagnostic& Sink::report(Severity severity, std::string path, Position pos, std::string message) {
  return items_.emplace_back(Diagnostic{severity, std::move(path), pos, std::move(message), {}});
}

void Sink::append(const Sink& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
  for (const auto& [path, text] : other.sources_) sources_.emplace(path, text);
}

const std::string* Sink::source(const std::string& path) const {
  auto it = sources_.find(path);
  return it == sources_.end() ? nullptr : &it->second;
}

std::size_t Sink::count(Severity s) const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

void Sink::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.path, a.pos.line, a.pos.column) < std::tie(b.path, b.pos.line, b.pos.column);
  });
}

void Sink::promote_warnings() {
  for (Diagnostic& d : items_)
    if (d.severity == Severity::warning) d.severity = Severity::error;
}

}  // namespace gitreorg::diag

// Diagnostics as values: every stage reports problems here instead of printing or throwing.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace gitreorg::diag {

enum class Severity { note, warning, error };

std::string_view severity_name(Severity s);

// A position in a file, 1-based; 0 means "unknown" (the diagnostic is about the whole file).
struct Position {
  int line = 0;
  int column = 0;
};

struct Diagnostic {
  Severity severity = Severity::error;
  std::string path;  // file the diagnostic is about (mapping file, repository path, ...)
  Position pos;
  std::string message;
  // Paths of the tree that `message` names in backticks (`name`): the text renderer quotes them as
  // git quotes paths (core.quotePath), machine formats leave them as they are.
  std::vector<std::string> names;
};

// Collects diagnostics; stages keep going and report everything, a checkpoint stops before writing.
class Sink {
 public:
  // Each returns the diagnostic it added, to set its `names`.
  Diagnostic& report(Severity severity, std::string path, Position pos, std::string message);
  Diagnostic& error(std::string path, Position pos, std::string message) {
    return report(Severity::error, std::move(path), pos, std::move(message));
  }
  Diagnostic& warning(std::string path, Position pos, std::string message) {
    return report(Severity::warning, std::move(path), pos, std::move(message));
  }
  Diagnostic& note(std::string path, Position pos, std::string message) {
    return report(Severity::note, std::move(path), pos, std::move(message));
  }

  // Adds every diagnostic (and remembered source) of `other`, in order.
  void append(const Sink& other);

  // Remember a file's text so the text renderer can show the offending line with a caret.
  void add_source(std::string path, std::string text) { sources_[std::move(path)] = std::move(text); }
  const std::string* source(const std::string& path) const;

  const std::vector<Diagnostic>& all() const { return items_; }
  std::size_t count(Severity s) const;
  bool has_errors() const { return count(Severity::error) > 0; }

  // Errors first by file position; keeps the output stable whatever order stages ran in.
  void sort();

  // Every warning becomes an error (`--strict`): what fails the run is then printed even with `-q`.
  void promote_warnings();

 private:
  std::vector<Diagnostic> items_;
  std::map<std::string, std::string> sources_;
};

}  // namespace gitreorg::diag

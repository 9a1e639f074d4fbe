// Progress on a terminal: the counter's line rewritten in place with a carriage return, git's way.
#include "cli/progress_display.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace gitreorg::cli {
namespace {
std::string line_of(const std::string& what, std::size_t done, std::size_t total) {
  if (total == 0) return fmt::format("git-reorg: {}: {}", what, done);
  return fmt::format("git-reorg: {}: {:3}% ({}/{})", what, done >= total ? 100 : done * 100 / total, done, total);
}
}  // namespace

void TerminalProgress::show(const std::string& line, bool last) {
  std::string text = "\r" + line;
  if (line.size() < width_) text += std::string(width_ - line.size(), ' ');
  width_ = last ? 0 : line.size();
  if (last) text += ", done.\n";
  std::fputs(text.c_str(), stderr);
  std::fflush(stderr);
}

void TerminalProgress::update(const std::string& what, std::size_t done, std::size_t total,
                              std::chrono::steady_clock::duration elapsed) {
  if (elapsed < delay_) return;
  std::lock_guard<std::mutex> lock(mutex_);
  shown_.insert(what);
  show(line_of(what, done, total), false);
}

void TerminalProgress::finish(const std::string& what, std::size_t done, std::size_t total) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (shown_.erase(what) == 0) return;  // never shown: it ended within the delay
  show(line_of(what, done, total), true);
}

std::optional<TerminalProgress> terminal_progress(bool quiet) {
  if (quiet || isatty(STDERR_FILENO) != 1) return std::nullopt;
  long seconds = 1;
  if (const char* v = std::getenv("GIT_PROGRESS_DELAY"); v && *v) {
    char* end = nullptr;
    long n = std::strtol(v, &end, 10);
    if (*end == '\0' && n >= 0) seconds = n;
  }
  return std::optional<TerminalProgress>(std::in_place, std::chrono::seconds(seconds));
}

}  // namespace gitreorg::cli

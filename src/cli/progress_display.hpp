// Progress lines on a terminal, as git shows them ("Scanning files:  45% (4500/10000)", rewritten in
// place, then ", done."): only when stderr is a terminal and not --quiet, and only for work still
// running after GIT_PROGRESS_DELAY seconds (git's variable; here 1 by default).
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "gitreorg/core/progress.hpp"

namespace gitreorg::cli {

class TerminalProgress : public core::ProgressDisplay {
 public:
  explicit TerminalProgress(std::chrono::steady_clock::duration delay) : delay_(delay) {}
  void update(const std::string& what, std::size_t done, std::size_t total, std::chrono::steady_clock::duration elapsed) override;
  void finish(const std::string& what, std::size_t done, std::size_t total) override;

 private:
  void show(const std::string& line, bool last);
  std::chrono::steady_clock::duration delay_;
  std::mutex mutex_;
  std::set<std::string> shown_;  // the work whose line is on the terminal
  std::size_t width_ = 0;        // of the line last shown, to blank what a shorter one leaves
};

// The display for this run: one when stderr is a terminal and `quiet` is false, else nullopt. The
// delay is GIT_PROGRESS_DELAY (whole seconds, as git reads it) or 1 second.
std::optional<TerminalProgress> terminal_progress(bool quiet);

}  // namespace gitreorg::cli

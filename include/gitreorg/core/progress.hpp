// Progress of long work (files scanned, commits written, files updated) for a person watching a
// terminal. A stage counts what it has done on a Progress; the display the program installed, if
// any, shows it (the CLI installs one only when stderr is a terminal; it shows nothing for work that
// ends within the delay). Without a display a Progress costs one atomic add per count.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>

namespace gitreorg::core {

// Where progress is shown. Called from any thread, one call at a time per Progress.
class ProgressDisplay {
 public:
  virtual ~ProgressDisplay() = default;
  // `elapsed` since the work started; `total` 0 when unknown. At most every 100 ms per Progress.
  virtual void update(const std::string& what, std::size_t done, std::size_t total,
                      std::chrono::steady_clock::duration elapsed) = 0;
  // The work is over (done, or stopped by an exception).
  virtual void finish(const std::string& what, std::size_t done, std::size_t total) = 0;
};

// Installs the display every later Progress reports to (nullptr: none). Not thread-safe: once, at start.
void set_progress_display(ProgressDisplay* display);

class Progress {
 public:
  explicit Progress(std::string what, std::size_t total = 0);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Counts `n` more units done; thread-safe.
  void add(std::size_t n = 1);

 private:
  ProgressDisplay* display_;
  std::string what_;
  std::size_t total_;
  std::chrono::steady_clock::time_point start_;
  std::atomic<std::size_t> done_{0};
  std::atomic<long long> next_report_{0};  // steady_clock ticks since start_
  std::atomic<bool> reporting_{false};     // one report at a time
};

}  // namespace gitreorg::core

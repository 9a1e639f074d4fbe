// Keeps `git gc` away while apply or its recovery runs: a repack beside apply can drop the pack apply
// has just written before the refs name it (a `gc --auto` that a commit started in the background).
#pragma once

#include <filesystem>
#include <string>

namespace gitreorg::exec {

// Holds the repository's `gc.pid` the way `git gc` does ("PID HOST", taken through `gc.pid.lock`), so
// that any gc started meanwhile sees a gc at work and does nothing. Throws core::Error (nothing
// changed) when a live gc holds it now. Released (removed, if still ours) by the destructor; one left
// by a killed run names a dead process, which git ignores.
class GcHold {
 public:
  explicit GcHold(const std::filesystem::path& commondir);
  ~GcHold();
  GcHold(const GcHold&) = delete;
  GcHold& operator=(const GcHold&) = delete;

 private:
  std::filesystem::path pid_file_;
  std::string content_;
};

}  // namespace gitreorg::exec

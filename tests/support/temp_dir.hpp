// A fresh, not yet existing path under the system temp directory, for tests that let a program
// create the directory (make-demo-repo refuses to write into a non-empty one). Removed when its test
// passes, kept (its path printed) when the test fails, to look at.
#pragma once

#include <catch2/catch.hpp>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>

#include "support/temp_repo.hpp"  // current_test_failed

namespace gitreorg::testing {

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "gitreorg-dir", const std::filesystem::path& parent = std::filesystem::temp_directory_path()) {
    static std::atomic<int> counter{0};
    path_ = parent /
            (prefix + "-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
  }
  ~TempDir() {
    if (current_test_failed() || std::uncaught_exceptions() > 0) {
      std::fprintf(stderr, "kept test directory: %s\n", path_.c_str());
      return;
    }
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace gitreorg::testing

// The one error type for libgit2 failures, carrying libgit2's own message.
#pragma once

#include <stdexcept>
#include <string>

namespace gitreorg::git {

class GitError : public std::runtime_error {
 public:
  GitError(std::string what, int code) : std::runtime_error(std::move(what)), code_(code) {}
  int code() const { return code_; }  // libgit2's error code (GIT_ENOTFOUND, ...)

 private:
  int code_;
};

// Pairs git_libgit2_init/shutdown; one lives in main() and one per test run.
class LibGit2 {
 public:
  LibGit2();
  ~LibGit2();
  LibGit2(const LibGit2&) = delete;
  LibGit2& operator=(const LibGit2&) = delete;
};

}  // namespace gitreorg::git

// The application's error type, for problems that are not libgit2's (those are git::GitError): a
// message, lines that explain it, and the exit code the command ends with.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "gitreorg/core/exit_code.hpp"

namespace gitreorg::core {

class Error : public std::runtime_error {
 public:
  Error(std::string message, ExitCode exit_code, std::vector<std::string> details = {})
      : std::runtime_error(std::move(message)), exit_code_(exit_code), details_(std::move(details)) {}
  ExitCode exit_code() const { return exit_code_; }
  // Printed indented below the message, one per line.
  const std::vector<std::string>& details() const { return details_; }

 private:
  ExitCode exit_code_;
  std::vector<std::string> details_;
};

}  // namespace gitreorg::core

// Running another program (git, a hook, ssh-keygen, gpg): argv, not a shell; input on its stdin,
// its stdout captured, its stderr captured or passed through.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gitreorg::core {

struct ProcessOptions {
  std::filesystem::path cwd;                                 // empty: the current directory
  std::map<std::string, std::optional<std::string>> env;     // set (a value) or unset (nullopt) in its environment
  std::string input;                                         // written to its stdin, then closed
  bool capture_stderr = true;                                // false: its stderr is ours
  bool stdout_to_stderr = false;                             // its stdout goes to our stderr, not captured (git's hooks)
};

struct ProcessResult {
  bool started = false;  // false: the program was not found or could not be run (`error` says why)
  int status = -1;       // its exit status; 128 + N when signal N killed it
  std::string out;
  std::string err;
  std::string error;
};

// Runs argv[0] (looked up on PATH when it has no `/`) and waits for it.
ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

}  // namespace gitreorg::core

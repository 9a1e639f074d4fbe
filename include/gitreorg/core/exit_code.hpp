// The exit codes of every git-reorg command: the contract scripts and CI rely on.
#pragma once

namespace gitreorg::core {

enum ExitCode : int {
  kExitOk = 0,        // nothing wrong
  kExitProblems = 1,  // problems in the input (mapping, plan, policy, links)
  kExitUsage = 2,     // usage or environment: bad flags, not a repository, unreadable file, refusals
  kExitInProgress = 4,  // apply failed and could not roll back: an apply is in progress (--abort / --continue)
};

}  // namespace gitreorg::core

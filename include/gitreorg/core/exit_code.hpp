// The exit codes of every git-reorg command: the contract scripts and CI rely on (docs/man/git-reorg.1,
// EXIT STATUS). Each failure has one code, whichever command meets it.
#pragma once

namespace gitreorg::core {

enum ExitCode : int {
  kExitOk = 0,        // nothing wrong
  kExitProblems = 1,  // problems in the input (mapping, plan, policy, links)
  kExitUsage = 2,     // usage or environment: bad flags, not a repository, unreadable file, no identity, a
                      // failure apply rolled back (a full disk)
  kExitRefused = 3,   // refused to touch the repository as it is: local changes, a merge or rebase in progress,
                      // a lock held, HEAD detached, the branch or tag exists; nothing was changed
  kExitInProgress = 4,  // an apply is in progress (interrupted, or failed and could not roll back):
                        // `apply --continue` or `--abort` finishes it
  kExitInternal = 5,    // an error of git-reorg itself (a bug): please report it
};

}  // namespace gitreorg::core

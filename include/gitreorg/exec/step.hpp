// The numbered steps of an apply and of its --abort, shared by the driver, the journal's operations and the hooks.
#pragma once

namespace gitreorg::exec {

// The steps of an apply, in order (ApplyHooks::after_step is called as each one ends).
enum Step : int {
  kStepObjects = 1,      // trees, commits and the tag object written (nothing reachable changed)
  kStepJournal = 2,      // index backed up, journal written: from here on --continue/--abort apply
  kStepSourcesOut = 3,   // every moving path renamed into .git/reorg-tmp
  kStepEmptyDirs = 4,    // old directories left empty removed
  kStepDestinations = 5, // every moving path renamed to its destination
  kStepContent = 6,      // the second commit's edited files written
  kStepIndex = 7,        // the index written from the new tree, with stat data
  kStepRefs = 8,         // tag, branch, HEAD and ORIG_HEAD updated
  kStepDone = 9,         // journal removed
};

// The steps of --abort (and of a rollback), in order (ApplyHooks::after_abort_step is called as each
// one ends); the journal's removal follows the last.
enum AbortStep : int {
  kAbortRefs = 1,      // the tag, the branch, HEAD and ORIG_HEAD as they were
  kAbortWorkTree = 2,  // every operation undone, temporary files and new directories removed
  kAbortIndex = 3,     // the index restored and refreshed
};

}  // namespace gitreorg::exec

// Deterministic demo repository generator.
//
// Builds a git repository shaped like aws-samples/awsome-distributed-training (numbered top-level
// directories, reference architectures, test cases per framework, validation tooling, CI workflows,
// CODEOWNERS) with a short, fixed history. The content is data under src/demo/fixture/, embedded
// into the program at build time: tree/ (the files, dotfiles stored as dot.NAME), history.txt (the
// commits, oldest first), cases.txt and case/ (the test cases and their templates). Every object id
// is identical on every run: fixed signatures and dates (2024-01-01 + k days, UTC), and the only
// "randomness" is a fixed-seed std::mt19937 reduced with modulo. tests/demo/demo_repo_test.cpp pins
// the HEAD ids. The repository's own .git/config names a user ("git-reorg demo"), so commands that
// commit work on a machine with no git identity.
//
// The generated tree is what mappings/demo.yaml reorganizes. It deliberately contains:
//   * relative Markdown links of every kind (siblings, parents, other trees, #anchors, images,
//     reference-style definitions, <...> destinations, root-relative, raw HTML <img>, autolinks,
//     mailto, other hosts) and absolute GitHub URLs (blob/tree/raw, main, a tag, a commit id);
//   * two pre-existing broken links, so link checkers have something to report:
//       README.md -> 0.docs/troubleshooting.md       (file does not exist)
//       3.test_cases/pytorch/FSDP/README.md -> ./slurm/launch-legacy.sbatch (file does not exist)
//   * a symlink 3.test_cases/pytorch/FSDP/slurm/common.sh -> ../../../../1.architectures/0.common/common.sh,
//     executable scripts (mode 100755) and binary PNG images.
// Relative paths inside scripts and Makefiles resolve from the directory of the file that holds them.
//
// With `sibling`, it builds instead the repository mappings/demo.yaml imports (`imports:`, expected at
// ../demo-inference beside the demo repository), shaped like aws-samples/awsome-inference: numbered
// 1.infrastructure/, 2.projects/<engine>, 3.use-cases/<name>, from src/demo/fixture/sibling/. Its
// history has several authors, a directory rename (trtllm-inference/ -> 2.projects/trtllm-inference/)
// and a merged branch (add-sglang-inference, kept as a branch); its READMEs hold relative links, its
// own absolute URLs on main, one to another branch, one to a tag and a clone-and-cd instruction.
#pragma once

#include <cstddef>
#include <filesystem>

namespace gitreorg::demo {

struct DemoOptions {
  std::filesystem::path dir;  // created if missing; must be empty if it exists
  int scale = 1;              // >= 1; adds scale-1 synthetic test cases per framework (3.test_cases/<fw>/model-NNN)
  std::size_t target_files = 0;  // if > 0, pad with generated config files (last commit) up to this many files
  bool sibling = false;          // the sibling instead (see below); scale and target_files must be left as they are
};

struct DemoResult {
  std::size_t files;    // files (blobs and symlinks) in the HEAD tree
  std::size_t commits;  // commits on refs/heads/main
};

// Generates the repository in opts.dir with branch `main` checked out (work tree and index match HEAD).
// Throws std::invalid_argument for bad options, git::GitError for libgit2 failures and
// std::runtime_error for the rest (I/O, a fixture that does not parse).
// Safe to call whether or not the caller has called git_libgit2_init().
DemoResult generate_demo_repo(const DemoOptions& opts);

}  // namespace gitreorg::demo

// Shared by the fuzz targets: a small fixed tree with a few moves, and a check that aborts (so
// libFuzzer records the input as a crash) when an invariant does not hold.
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gitreorg/core/edit.hpp"
#include "gitreorg/core/tree.hpp"
#include "gitreorg/plan/planner.hpp"
#include "gitreorg/plan/move_model.hpp"

namespace gitreorg::fuzz {

#define GITREORG_FUZZ_CHECK(cond)                                                     \
  do {                                                                                \
    if (!(cond)) {                                                                    \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                   \
    }                                                                                 \
  } while (0)

// The tree every target works on: numbered directories, spaces, unicode, a symlink, a deep file.
inline const core::Tree& small_tree() {
  static const core::Tree tree = [] {
    core::Tree t;
    for (const char* p : {"1.architectures/2.aws-pcluster/README.md", "1.architectures/5.hyperpod/setup.sh",
                          "3.test_cases/pytorch/FSDP/README.md", "3.test_cases/pytorch/FSDP/slurm/run.sbatch",
                          "3.test_cases/pytorch/FSDP/train.py", "README.md", "docs/guide.md", "docs/img/a.png",
                          "my dir/a b.md", "\xc3\xa9t\xc3\xa9/caf\xc3\xa9.md", "a/b/c/d/e/f/g.txt", ".github/CODEOWNERS",
                          ".github/workflows/ci.yml"})
      t.push_back({p, core::kModeFile, std::string(p)});
    t.push_back({"link", core::kModeSymlink, "link"});
    std::sort(t.begin(), t.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    return t;
  }();
  return tree;
}

// The move every rewriter target uses: FSDP and docs move, the architectures lose their numbers.
struct SmallMove {
  std::vector<plan::PlannedFile> files;
  std::unique_ptr<plan::MoveModel> map;

  SmallMove() {
    auto rename = [](const std::string& p) -> std::string {
      auto swap = [&](std::string_view from, std::string_view to) -> std::string {
        if (p.compare(0, from.size(), from) == 0) return std::string(to) + p.substr(from.size());
        return "";
      };
      for (auto [from, to] : {std::pair{"3.test_cases/pytorch/FSDP/", "examples/fsdp/"}, std::pair{"docs/", "handbook/docs/"},
                              std::pair{"1.architectures/2.", "architectures/"}, std::pair{"1.architectures/5.", "architectures/"},
                              std::pair{"my dir/", "your dir/"}})
        if (auto r = swap(from, to); !r.empty()) return r;
      return p;
    };
    for (const auto& e : small_tree()) files.push_back({e.path, rename(e.path), e.mode, e.oid});
    map = std::make_unique<plan::MoveModel>(small_tree(), files, nullptr);
  }
};

inline const SmallMove& small_move() {
  static const SmallMove m;
  return m;
}

// Edits must lie inside the text, not overlap, and apply without throwing.
inline void check_edits(std::string_view text, const std::vector<core::Edit>& edits) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  for (const auto& e : edits) {
    GITREORG_FUZZ_CHECK(e.offset <= text.size() && e.length <= text.size() - e.offset);
    GITREORG_FUZZ_CHECK(text.substr(e.offset, e.length) == e.original || e.original.empty());
    ranges.emplace_back(e.offset, e.offset + e.length);
  }
  std::sort(ranges.begin(), ranges.end());
  for (std::size_t i = 1; i < ranges.size(); ++i) GITREORG_FUZZ_CHECK(ranges[i - 1].second <= ranges[i].first);
  std::string out = core::apply_edits(text, edits);
  (void)out;
}

}  // namespace gitreorg::fuzz

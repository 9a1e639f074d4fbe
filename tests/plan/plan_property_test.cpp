// Randomized property test: on random trees and random mappings, whenever the planner reports no
// error the plan is a bijection on files and `where` agrees with it for every file both ways.
#include <catch2/catch.hpp>

#include <random>
#include <set>
#include <string>
#include <vector>

#include "gitreorg/core/path.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/mapping/repo_path.hpp"
#include "gitreorg/plan/planner.hpp"
#include "gitreorg/plan/where.hpp"

using namespace gitreorg;

namespace {

// Small alphabets so random rules hit random trees often, including swaps and nesting.
const std::vector<std::string> kNames = {"a", "b", "c", "1.x", "2.y", "docs", "Docs"};

std::string random_path(std::mt19937& rng, int max_depth) {
  int depth = 1 + static_cast<int>(rng() % static_cast<unsigned>(max_depth));
  std::string p;
  for (int i = 0; i < depth; ++i) p += (i ? "/" : "") + kNames[rng() % kNames.size()];
  return p;
}

core::Tree random_tree(std::mt19937& rng) {
  std::set<std::string> files;
  int n = 1 + static_cast<int>(rng() % 25);
  for (int i = 0; i < n; ++i) files.insert(random_path(rng, 4) + "/f" + std::to_string(rng() % 3));
  // A path cannot be both a file and a directory in a git tree: drop files that are directories too.
  core::Tree t;
  for (const auto& f : files) {
    bool is_dir = false;
    for (const auto& g : files)
      if (g != f && core::is_path_prefix(f, g)) is_dir = true;
    if (!is_dir) t.push_back({f, core::kModeFile, std::string(40, 'a')});
  }
  return t;
}

std::string random_mapping(std::mt19937& rng, const core::Tree& tree) {
  std::string y = "version: 1\nmoves:\n";
  std::set<std::string> froms;
  int n = 1 + static_cast<int>(rng() % 5);
  for (int i = 0; i < n; ++i) {
    std::string from;
    if (rng() % 2) {  // a real directory or file of the tree, so rules apply
      const std::string& f = tree[rng() % tree.size()].path;
      from = f;
      while (rng() % 2 && !core::parent_dir(from).empty()) from = std::string(core::parent_dir(from));
    } else {
      from = random_path(rng, 2);
    }
    if (!froms.insert(from).second) continue;
    if (rng() % 5 == 0) {
      y += "  - match: '" + std::string(rng() % 2 ? "[0-9]+\\.([a-z]+)" : "(a|b)/(c|docs)") + "'\n    to: 'm/\\1'\n";
      continue;
    }
    y += "  - from: '" + from + "'\n    to: '" + random_path(rng, 3) + "'\n";
  }
  return y;
}

}  // namespace

TEST_CASE("plan: property: error-free plans are bijections and agree with where", "[plan][property]") {
  std::mt19937 rng(20261122);
  int checked_plans = 0, moved_files = 0;
  for (int iteration = 0; iteration < 3000; ++iteration) {
    core::Tree tree = random_tree(rng);
    std::string yaml = random_mapping(rng, tree);
    diag::Sink sink;
    mapping::Mapping m = mapping::load_mapping(yaml, "m.yaml", sink);
    INFO(yaml);
    REQUIRE_FALSE(sink.has_errors());
    plan::Plan p = plan::plan_moves(m, tree, {true}, sink);
    if (sink.has_errors()) continue;  // collisions are the planner's to report, tested elsewhere
    ++checked_plans;

    // A bijection: as many distinct new paths as files, every old file appears once.
    std::set<std::string> news;
    for (const auto& f : p.files) {
      news.insert(f.new_path);
      moved_files += f.moved();
      REQUIRE_FALSE(mapping::repo_path_problem(f.new_path));
    }
    REQUIRE(news.size() == tree.size());
    std::set<std::string> olds, tree_paths;
    for (const auto& f : p.files) olds.insert(f.old_path);
    for (const auto& e : tree) tree_paths.insert(e.path);
    REQUIRE(olds == tree_paths);  // every old file exactly once
    REQUIRE(p.files.size() == tree.size());
    // No new file sits where another needs a directory.
    for (const auto& a : news) {
      auto it = news.lower_bound(a + "/");
      REQUIRE((it == news.end() || !core::is_path_prefix(a, *it)));
    }

    // `where` agrees with the plan, forwards and backwards, for every file.
    plan::WhereIndex where(m, &tree);
    for (const auto& f : p.files) {
      plan::WhereAnswer fw = where.forward(f.old_path);
      INFO(f.old_path << " -> " << f.new_path);
      REQUIRE(fw.answer == f.new_path);
      plan::WhereAnswer bw = where.reverse(f.new_path);
      REQUIRE(bw.answer == f.old_path);
    }
  }
  // The generator must actually exercise the property, not skip it.
  CHECK(checked_plans > 1000);
  CHECK(moved_files > 5000);
}

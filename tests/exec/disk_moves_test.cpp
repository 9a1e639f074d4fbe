// The disk planner on an in-memory work tree: which renames carry it to the new layout, what moves
// along untracked, and what in the work tree forbids the move.
#include <catch2/catch.hpp>

#include <algorithm>

#include "gitreorg/exec/disk_moves.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/planner.hpp"
#include "support/memory_disk.hpp"

using namespace gitreorg;
using testing::MemoryDisk;

namespace {

// A plan of `moves_yaml` over the tracked `paths`, and a work tree holding exactly those files.
struct Fixture {
  plan::RepositoryPlan rp;
  MemoryDisk disk;

  Fixture(const std::string& moves_yaml, std::vector<std::string> paths) {
    diag::Sink sink;
    rp.mapping = mapping::load_mapping("version: 1\nmoves:\n" + moves_yaml, "m.yaml", sink);
    std::sort(paths.begin(), paths.end());
    for (const std::string& p : paths) {
      rp.tree.push_back({p, core::kModeFile, std::string(40, '0')});
      disk.add("/w/" + p, p + "\n");
    }
    rp.plan = plan::plan_moves(rp.mapping, rp.tree, {}, sink);
    REQUIRE_FALSE(sink.has_errors());
    plan::build_move_model(rp);
  }

  exec::DiskPlan plan() const { return exec::plan_disk_moves(rp, "/w", disk); }
};

std::vector<std::string> moves(const exec::DiskPlan& p) {
  std::vector<std::string> out;
  for (const exec::DiskMove& m : p.moves) out.push_back(m.from + (m.directory ? "/ -> " : " -> ") + m.to);
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("disk moves: a directory that moves whole is one rename", "[exec][disk_moves]") {
  Fixture f("  - from: a\n    to: lib/a\n", {"a/x", "a/sub/y", "other/z"});
  exec::DiskPlan p = f.plan();
  CHECK(moves(p) == V{"a/ -> lib/a"});
  CHECK(p.new_dirs == V{"lib"});
  CHECK(p.emptied_dirs.empty());
  CHECK(p.collisions.empty());
}

TEST_CASE("disk moves: a swap is two directory renames", "[exec][disk_moves]") {
  Fixture f("  - from: a\n    to: b\n  - from: b\n    to: a\n", {"a/x", "b/y"});
  exec::DiskPlan p = f.plan();
  CHECK(moves(p) == V{"a/ -> b", "b/ -> a"});
  CHECK(p.collisions.empty());
}

TEST_CASE("disk moves: part of a directory moves file by file", "[exec][disk_moves]") {
  Fixture f("  - from: a/x\n    to: c/d/x\n", {"a/x", "a/y"});
  exec::DiskPlan p = f.plan();
  CHECK(moves(p) == V{"a/x -> c/d/x"});
  CHECK(p.emptied_dirs == V{"a"});        // tried, deepest first; rmdir leaves it if not empty
  CHECK(p.new_dirs == V{"c", "c/d"});     // shallowest first
}

TEST_CASE("disk moves: untracked and ignored paths move with their directory", "[exec][disk_moves]") {
  Fixture f("  - from: tests/case1\n    to: examples/case1\n", {"tests/case1/test.py", "tests/other.py"});
  f.disk.add("/w/tests/case1/.env", "SECRET=1\n");
  f.disk.add("/w/tests/case1/venv/bin/python", "py\n");
  f.disk.add("/w/tests/stray.txt", "stays\n");
  exec::DiskPlan p = f.plan();
  CHECK(moves(p) == V{"tests/case1/ -> examples/case1"});
  std::vector<std::pair<std::string, std::string>> carried;
  for (std::size_t k = 0; k < p.carried.size(); ++k) carried.emplace_back(p.carried[k], p.carried_to[k]);
  std::sort(carried.begin(), carried.end());
  CHECK(carried == std::vector<std::pair<std::string, std::string>>{{"tests/case1/.env", "examples/case1/.env"},
                                                                     {"tests/case1/venv/", "examples/case1/venv/"}});
}

TEST_CASE("disk moves: an untracked file at the destination directory splits the rename", "[exec][disk_moves]") {
  Fixture f("  - from: a\n    to: b\n", {"a/x", "a/y"});
  f.disk.add("/w/b/keep", "mine\n");
  exec::DiskPlan p = f.plan();
  CHECK(moves(p) == V{"a/x -> b/x", "a/y -> b/y"});
  CHECK(p.collisions.empty());
}

TEST_CASE("disk moves: what stays in the work tree and is in the way forbids the move", "[exec][disk_moves]") {
  Fixture f("  - from: a/x\n    to: b/x\n  - from: a/y\n    to: c/y\n  - from: a/z\n    to: d/z\n", {"a/x", "a/y", "a/z", "b/keep"});
  f.disk.add("/w/b/x", "untracked\n");
  f.disk.add("/w/c", "a file where a directory must go\n");
  f.disk.add("/w/d/z", "", 0120000);
  exec::DiskPlan p = f.plan();
  CHECK(p.collisions == V{"`a/x` would land on `b/x`, which exists in the work tree and stays (untracked?)",
                          "`c` is in the way of `c/y`: it is a file or symlink that stays",
                          "`a/z` would land on `d/z`, which exists in the work tree and stays (untracked?)"});
}

TEST_CASE("disk moves: a tracked file missing from the work tree forbids the move", "[exec][disk_moves]") {
  Fixture f("  - from: a/x\n    to: b/x\n", {"a/x", "a/y"});
  MemoryDisk disk;
  disk.add("/w/a/y", "y\n");
  exec::DiskPlan p = exec::plan_disk_moves(f.rp, "/w", disk);
  CHECK(p.collisions == V{"`a/x` is tracked but missing from the work tree"});
  CHECK(p.moves.empty());
}

TEST_CASE("disk moves: the journal's operations reach the new layout, and undone in reverse the old one", "[exec][disk_moves]") {
  // A swap, a chain (c -> e while e -> f), a move into a subdirectory of its source, and an
  // untracked file carried along.
  Fixture f("  - from: a\n    to: b\n  - from: b\n    to: a\n  - from: c\n    to: e\n  - from: e\n    to: f\n"
            "  - from: docs\n    to: docs/legacy\n",
            {"a/x", "a/sub/y", "b/z", "c/w", "e/v", "docs/guide.md", "README.md"});
  f.disk.add("/w/a/notes.txt", "untracked\n");
  f.disk.add("/w/a/link", "x", 0120000);
  auto before = f.disk.snapshot("/w");
  exec::DiskPlan p = f.plan();
  REQUIRE(p.collisions.empty());
  std::vector<exec::FsOp> ops = exec::rename_ops(p, "/w", "/w/.git/reorg-tmp");
  auto read_blob = [](const std::string&) { return std::string(); };
  f.disk.add_dir("/w/.git/reorg-tmp");
  for (const exec::FsOp& op : ops) {
    exec::do_op(f.disk, op, read_blob);
    CHECK(exec::is_done(f.disk, op, read_blob));
  }
  CHECK(f.disk.snapshot("/w") == std::map<std::string, std::string>{{".git", "dir"},
                                                                     {".git/reorg-tmp", "dir"},
                                                                     {"README.md", "file:README.md\n"},
                                                                     {"a", "dir"},
                                                                     {"a/z", "file:b/z\n"},
                                                                     {"b", "dir"},
                                                                     {"b/link", "link:x"},
                                                                     {"b/notes.txt", "file:untracked\n"},
                                                                     {"b/sub", "dir"},
                                                                     {"b/sub/y", "file:a/sub/y\n"},
                                                                     {"b/x", "file:a/x\n"},
                                                                     {"docs", "dir"},
                                                                     {"docs/legacy", "dir"},
                                                                     {"docs/legacy/guide.md", "file:docs/guide.md\n"},
                                                                     {"e", "dir"},
                                                                     {"e/w", "file:c/w\n"},
                                                                     {"f", "dir"},
                                                                     {"f/v", "file:e/v\n"}});
  for (std::size_t k = ops.size(); k-- > 0;) exec::undo_op(f.disk, ops[k], read_blob);
  for (auto it = p.new_dirs.rbegin(); it != p.new_dirs.rend(); ++it) f.disk.remove_empty_dir("/w/" + *it);
  f.disk.remove_empty_dir("/w/.git/reorg-tmp");
  f.disk.remove_empty_dir("/w/.git");
  CHECK(f.disk.snapshot("/w") == before);
}

// Fixtures for rewriter tests: in-memory trees (blob id = path) and mappings from YAML text.
#pragma once

#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/planner.hpp"
#include "gitreorg/plan/move_model.hpp"
#include "gitreorg/rewrite/rewrite_references.hpp"

namespace gitreorg::testing {

// A repository as a map path -> content; symlinks are listed in `symlinks` (content = target).
struct Files {
  std::map<std::string, std::string> content;
  std::map<std::string, bool> symlinks;

  core::Tree tree() const {
    core::Tree t;
    for (auto& [path, text] : content) t.push_back({path, symlinks.count(path) ? core::kModeSymlink : core::kModeFile, path});
    return t;
  }
  core::BlobReader reader() const {
    return [this](const std::string& oid) { return content.at(oid); };
  }
};

// A mapping, its plan on `files`, and the reference rewrite, kept together (they refer to each other).
struct Reorg {
  diag::Sink sink;
  plan::RepositoryPlan rp;
  mapping::Mapping& mapping = rp.mapping;
  core::Tree& tree = rp.tree;
  plan::Plan& plan = rp.plan;
  rewrite::ReferenceRewrite result;

  // `ignored`: the work tree's ignored paths (directories end in `/`), as the pipeline lists them.
  Reorg(const Files& files, const std::string& yaml, std::vector<std::string> ignored = {}) {
    mapping = mapping::load_mapping(yaml, "m.yaml", sink);
    REQUIRE_FALSE(sink.has_errors());
    tree = files.tree();
    plan = plan::plan_moves(mapping, tree, {}, sink);
    REQUIRE_FALSE(sink.has_errors());
    plan::build_move_model(rp);
    rp.ignored = std::move(ignored);
    core::BlobReader read = files.reader();
    result = rewrite::rewrite_references(rp, [&] { return read; });
  }
  Reorg(const Reorg&) = delete;
  Reorg& operator=(const Reorg&) = delete;

  // The repository after the move and the rewrite.
  Files after(const Files& before) const {
    Files out;
    std::map<std::string, const rewrite::FileRewrite*> changed;
    for (const auto& f : result.files) changed[f.old_path] = &f;
    for (const auto& f : plan.files) {
      auto it = changed.find(f.old_path);
      out.content[f.new_path] = it != changed.end() ? it->second->new_content : before.content.at(f.old_path);
      if (before.symlinks.count(f.old_path)) out.symlinks[f.new_path] = true;
    }
    return out;
  }

  // New content of the file that was at `old_path` (its old content when unchanged).
  std::string content(const Files& before, const std::string& old_path) const {
    for (const auto& f : result.files)
      if (f.old_path == old_path) return f.new_content;
    return before.content.at(old_path);
  }
};

// A move map from explicit file moves (no mapping): old -> new for the files that move.
struct Moves {
  core::Tree tree;
  std::vector<plan::PlannedFile> files;
  std::unique_ptr<plan::MoveModel> map;

  Moves(const std::vector<std::string>& paths, const std::map<std::string, std::string>& moved) {
    for (const auto& p : paths) tree.push_back({p, core::kModeFile, p});
    for (const auto& e : tree) {
      auto it = moved.find(e.path);
      files.push_back({e.path, it == moved.end() ? e.path : it->second, e.mode, e.oid});
    }
    map = std::make_unique<plan::MoveModel>(tree, files, nullptr);
  }
};

}  // namespace gitreorg::testing

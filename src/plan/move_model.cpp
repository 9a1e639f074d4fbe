// The move model: files from the plan, directories from the mapping (or from their files).
#include "gitreorg/plan/move_model.hpp"

#include <algorithm>
#include <iterator>
#include <unordered_set>

#include "gitreorg/core/path.hpp"

namespace gitreorg::plan {
namespace {

// `dir`'s new place as implied by one of its files: the file's new path minus its path below `dir`.
std::optional<std::string> implied_dir(std::string_view dir, std::string_view old_file, std::string_view new_file) {
  std::string_view below = old_file.substr(dir.size());  // "/rest"
  if (new_file.size() < below.size() || new_file.substr(new_file.size() - below.size()) != below) return std::nullopt;
  return std::string(new_file.substr(0, new_file.size() - below.size()));
}

}  // namespace

MoveModel::MoveModel(const core::Tree& old_tree, const std::vector<PlannedFile>& files,
                     std::shared_ptr<const PathMapper> mapper)
    : tree_(old_tree), mapper_(std::move(mapper)) {
  for (std::size_t i = 0; i < old_tree.size(); ++i) {
    const std::string& p = old_tree[i].path;
    files_.emplace(p, FileInfo{i, p});
    for (std::string_view d = core::parent_dir(p); !d.empty(); d = core::parent_dir(d))
      if (!dirs_.emplace(d, std::string(d)).second) break;
  }
  // Map nodes never move, so views of their keys stay valid.
  for (const auto& [path, info] : files_) names_.insert(core::base_name(path));
  for (const auto& [dir, target] : dirs_) names_.insert(core::base_name(dir));
  std::unordered_map<std::string_view, std::string_view> moved;
  for (const PlannedFile& f : files) moved.emplace(f.old_path, f.new_path);
  for (auto& [path, info] : files_) {
    if (auto it = moved.find(path); it != moved.end()) info.new_path = std::string(it->second);
    if (info.new_path != path) any_moves_ = true;
  }
  if (!any_moves_) return;
  // Directories: the mapping's answer when there is one; else the place all their files agree on.
  // Both walks go in the old tree's path order, not the hash map's: consecutive files share their
  // directories, so their entries below are hot in the cache (in hash order, at 100,000 files, this
  // was a cache miss per file and directory, and the planner's largest cost).
  std::unordered_map<std::string_view, std::optional<std::string>> implied;  // nullopt: files disagree
  for (const core::TreeEntry& e : old_tree) {
    const std::string& path = e.path;
    const FileInfo& info = files_.find(path)->second;
    for (std::string_view d = core::parent_dir(path); !d.empty(); d = core::parent_dir(d)) {
      auto it = implied.find(d);
      if (it != implied.end() && !it->second) continue;  // already disagreed: nothing to compute
      std::optional<std::string> here = implied_dir(d, path, info.new_path);
      if (it == implied.end()) implied.emplace(d, std::move(here));
      else if (it->second != here) it->second = std::nullopt;
    }
  }
  // Directories of the new tree, and the deepest new directory holding all files of each old one.
  std::unordered_map<std::string_view, std::string> common;
  new_files_.reserve(files_.size());
  for (const core::TreeEntry& e : old_tree) {
    const std::string& path = e.path;
    const FileInfo& info = files_.find(path)->second;
    new_files_.insert(info.new_path);
    for (std::string_view d = core::parent_dir(info.new_path); !d.empty(); d = core::parent_dir(d))
      if (!new_dirs_.emplace(d, true).second) break;
    std::string_view new_dir = core::parent_dir(info.new_path);
    for (std::string_view d = core::parent_dir(path); !d.empty(); d = core::parent_dir(d)) {
      auto [it, inserted] = common.try_emplace(d, new_dir);
      if (!inserted) {
        std::string_view c = it->second;
        while (!c.empty() && !core::is_path_prefix(c, new_dir)) c = core::parent_dir(c);
        if (c.size() != it->second.size()) it->second.resize(c.size());  // a prefix of itself
      }
    }
  }
  for (auto& [dir, target] : dirs_) {
    bool found = false;
    if (mapper_) {
      Mapped m = mapper_->map(dir, true);
      if (m.problem.empty()) {
        target = m.path;
        found = true;
      }
    }
    if (!found) {
      if (auto it = implied.find(dir); it != implied.end() && it->second) target = *it->second;
    }
    if (!new_dirs_.count(target)) {
      dissolved_.emplace(dir, true);
      target = common[dir];
    }
  }
  // A directory whose children all land side by side in one directory was renamed to it, some
  // children renamed too (`1.architectures` -> `architectures` while `0.common` -> `common`): it is
  // not dissolved. Deepest first, since a child's place may be decided so too.
  if (dissolved_.empty()) return;
  std::unordered_map<std::string_view, std::unordered_set<std::string_view>> children;
  for (const auto& [path, info] : files_) {
    std::string_view child = path;
    for (std::string_view d = core::parent_dir(path); !d.empty(); child = d, d = core::parent_dir(d))
      if (dissolved(d)) children[dirs_.find(d)->first].insert(child);  // dirs_' keys outlive the erase below
  }
  std::vector<std::string_view> deepest_first;
  for (const auto& [dir, yes] : children) deepest_first.push_back(dir);
  auto depth = [](std::string_view d) { return std::count(d.begin(), d.end(), '/'); };
  std::sort(deepest_first.begin(), deepest_first.end(),
            [&](std::string_view a, std::string_view b) { return depth(a) != depth(b) ? depth(a) > depth(b) : a < b; });
  for (std::string_view dir : deepest_first) {
    std::optional<std::string> side_by_side;
    bool one = true;
    for (std::string_view child : children[dir]) {
      std::string parent(core::parent_dir(*new_path(child)));
      if (!side_by_side) side_by_side = parent;
      one = one && *side_by_side == parent;
    }
    if (!one || !side_by_side || side_by_side->empty()) continue;
    dirs_.find(dir)->second = *side_by_side;
    dissolved_.erase(dissolved_.find(dir));
  }
}

MoveModel::Kind MoveModel::kind(std::string_view path) const {
  if (path.empty()) return Kind::directory;
  if (files_.find(path) != files_.end()) return Kind::file;
  if (dirs_.find(path) != dirs_.end()) return Kind::directory;
  return Kind::none;
}

bool MoveModel::in_new_tree(std::string_view path) const {
  if (!any_moves_) return kind(path) != Kind::none;
  return path.empty() || new_files_.find(path) != new_files_.end() || new_dirs_.find(path) != new_dirs_.end();
}

std::optional<std::string> MoveModel::new_path(std::string_view path) const {
  if (path.empty()) return std::string();
  if (auto it = files_.find(path); it != files_.end()) return it->second.new_path;
  if (auto it = dirs_.find(path); it != dirs_.end()) return it->second;
  return std::nullopt;
}

const core::TreeEntry* MoveModel::entry(std::string_view path) const {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &tree_[it->second.entry];
}

core::Tree MoveModel::new_tree(const std::unordered_map<std::string, std::string>& new_blobs) const {
  core::Tree out;
  out.reserve(tree_.size());
  for (const auto& [path, info] : files_) {
    const core::TreeEntry& e = tree_[info.entry];
    auto changed = new_blobs.find(e.path);
    out.push_back({info.new_path, e.mode, changed == new_blobs.end() ? e.oid : changed->second});
  }
  std::sort(out.begin(), out.end(), [](const core::TreeEntry& a, const core::TreeEntry& b) { return a.path < b.path; });
  return out;
}

}  // namespace gitreorg::plan

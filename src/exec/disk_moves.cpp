// Planning the renames of the work tree. The unit of a rename is chosen top-down: a directory moves
// as one rename when every path below it (tracked or not) moves by the same prefix translation, no
// other path lands under its destination, and nothing that stays occupies the destination; otherwise
// its children are considered one by one. Everything is decided before anything is renamed, so a
// collision with an untracked file refuses the whole apply.
#include "gitreorg/exec/disk_moves.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "gitreorg/core/path.hpp"
#include "gitreorg/exec/step.hpp"
#include "gitreorg/plan/path_mapper.hpp"

namespace gitreorg::exec {
namespace {

namespace fs = std::filesystem;

struct Leaf {
  std::string old_path;
  std::string new_path;
  bool directory = false;  // a gitlink or an untracked directory moved as a whole
  bool tracked = true;
  bool moved() const { return old_path != new_path; }
};

const plan::PathMapper& mapper_of(const plan::RepositoryPlan& rp) {
  if (const plan::PathMapper* m = rp.move_model().mapper()) return *m;
  throw std::logic_error("plan_disk_moves: the move model has no mapper");
}

std::string join(const std::string& dir, const std::string& name) { return dir.empty() ? name : dir + "/" + name; }

class DiskPlanner {
 public:
  DiskPlanner(const plan::RepositoryPlan& rp, const fs::path& workdir, const Disk& disk)
      : rp_(rp), workdir_(workdir), disk_(disk), mapper_(mapper_of(rp)) {}

  DiskPlan run() {
    collect_leaves();
    choose("", 0, leaves_.size());
    order_directories();
    return std::move(out_);
  }

 private:
  // Tracked files from the plan, plus untracked paths under the directories that move.
  void collect_leaves() {
    for (const plan::PlannedFile& f : rp_.plan.files) {
      tracked_.insert(f.old_path);
      leaves_.push_back({f.old_path, f.new_path, f.mode == core::kModeGitlink, true});
    }
    for (const std::string& d : plan::directories_of(rp_.tree)) tracked_dirs_.insert(d);
    std::vector<std::string> roots;
    for (std::size_t k = 0; k < rp_.plan.moves.size(); ++k)
      if (rp_.plan.move_files[k] > 0 && tracked_dirs_.count(rp_.plan.moves[k].from)) roots.push_back(rp_.plan.moves[k].from);
    std::sort(roots.begin(), roots.end());
    std::string last;
    for (const std::string& r : roots) {
      if (!last.empty() && core::is_path_prefix(last, r)) continue;  // walked with its ancestor
      last = r;
      if (disk_.kind(workdir_ / r) == FileKind::directory) walk(r);
    }
    std::sort(leaves_.begin(), leaves_.end(), [](const Leaf& a, const Leaf& b) { return a.old_path < b.old_path; });
    moved_before_.assign(leaves_.size() + 1, 0);
    for (std::size_t k = 0; k < leaves_.size(); ++k) {
      moved_before_[k + 1] = moved_before_[k] + (leaves_[k].moved() ? 1 : 0);
      leaf_index_.emplace(leaves_[k].old_path, k);
      new_sorted_.push_back(leaves_[k].new_path);
    }
    std::sort(new_sorted_.begin(), new_sorted_.end());
  }

  void walk(const std::string& dir) {
    for (const DirEntry& e : disk_.list_dir(workdir_ / dir)) {
      std::string p = join(dir, e.name);
      bool is_dir = e.kind == FileKind::directory;
      if (is_dir && tracked_dirs_.count(p)) {
        walk(p);
        continue;
      }
      if (tracked_.count(p)) continue;
      plan::Mapped m = mapper_.map(p, false);
      leaves_.push_back({p, m.path, is_dir, false});
      if (m.path != p) {
        out_.carried.push_back(is_dir ? p + "/" : p);
        out_.carried_to.push_back(is_dir ? m.path + "/" : m.path);
      }
    }
  }

  std::pair<std::size_t, std::size_t> old_range(const std::string& dir, std::size_t lo, std::size_t hi) const {
    auto cmp = [](const Leaf& l, const std::string& v) { return l.old_path < v; };
    auto b = std::lower_bound(leaves_.begin() + lo, leaves_.begin() + hi, dir + "/", cmp);
    auto e = std::lower_bound(b, leaves_.begin() + hi, dir + "0", cmp);  // '0' follows '/'
    return {static_cast<std::size_t>(b - leaves_.begin()), static_cast<std::size_t>(e - leaves_.begin())};
  }

  // How many leaves land on `path` or below it.
  std::size_t count_new_under(const std::string& path) const {
    auto eq = std::equal_range(new_sorted_.begin(), new_sorted_.end(), path);
    auto b = std::lower_bound(new_sorted_.begin(), new_sorted_.end(), path + "/");
    auto e = std::lower_bound(b, new_sorted_.end(), path + "0");
    return static_cast<std::size_t>((eq.second - eq.first) + (e - b));
  }

  bool moving_leaf(const std::string& p) const {
    auto it = leaf_index_.find(p);
    return it != leaf_index_.end() && leaves_[it->second].moved();
  }

  // True if everything on disk at `p` moves away (or there is nothing).
  bool all_moving(const std::string& p) const {
    FileKind k = disk_.kind(workdir_ / p);
    if (k == FileKind::missing) return true;
    if (leaf_index_.count(p)) return moving_leaf(p);
    if (k != FileKind::directory) return false;  // untracked and not under a moved directory
    for (const DirEntry& e : disk_.list_dir(workdir_ / p))
      if (!all_moving(join(p, e.name))) return false;
    return true;
  }

  // Problems with the ancestors of destination `to`, skipping those inside `source` (gone by then).
  std::string ancestor_problem(const std::string& to, const std::string& source) const {
    for (std::string_view a = core::parent_dir(to); !a.empty(); a = core::parent_dir(a)) {
      std::string anc(a);
      if (core::is_path_prefix(source, anc)) continue;
      FileKind k = disk_.kind(workdir_ / anc);
      if (k == FileKind::other && !moving_leaf(anc))
        return fmt::format("`{}` is in the way of `{}`: it is a file or symlink that stays", anc, to);
    }
    return {};
  }

  void choose(const std::string& dir, std::size_t lo, std::size_t hi) {
    if (moved_before_[hi] == moved_before_[lo]) return;  // nothing below moves
    if (!dir.empty() && try_directory(dir, lo, hi)) return;
    std::size_t k = lo;
    while (k < hi) {
      const Leaf& l = leaves_[k];
      std::size_t start = dir.empty() ? 0 : dir.size() + 1;
      std::size_t slash = l.old_path.find('/', start);
      if (slash == std::string::npos) {
        if (l.moved()) add_leaf(l);
        ++k;
        continue;
      }
      std::string child = l.old_path.substr(0, slash);
      auto [b, e] = old_range(child, k, hi);
      choose(child, b, e);
      k = e;
    }
  }

  bool try_directory(const std::string& dir, std::size_t lo, std::size_t hi) {
    // The same prefix translation for every path below `dir`.
    const Leaf& first = leaves_[lo];
    std::string rest = first.old_path.substr(dir.size() + 1);
    if (first.new_path.size() <= rest.size() + 1 || first.new_path.compare(first.new_path.size() - rest.size(), rest.size(), rest) != 0 ||
        first.new_path[first.new_path.size() - rest.size() - 1] != '/')
      return false;
    std::string to = first.new_path.substr(0, first.new_path.size() - rest.size() - 1);
    if (to == dir) return false;
    for (std::size_t k = lo; k < hi; ++k)
      if (leaves_[k].new_path != to + "/" + leaves_[k].old_path.substr(dir.size() + 1)) return false;
    // Nothing else lands there, nothing that stays is there, the way there is clear.
    if (count_new_under(to) != hi - lo) return false;
    if (!core::is_path_prefix(dir, to) && !all_moving(to)) return false;
    if (!ancestor_problem(to, dir).empty()) return false;
    out_.moves.push_back({dir, to, true});
    return true;
  }

  void add_leaf(const Leaf& l) {
    if (count_new_under(l.new_path) != 1) {
      out_.collisions.push_back(fmt::format("`{}` would land on `{}`, where another path lands too", l.old_path, l.new_path));
      return;
    }
    if (std::string p = ancestor_problem(l.new_path, l.old_path); !p.empty()) {
      out_.collisions.push_back(p);
      return;
    }
    if (!all_moving(l.new_path)) {
      out_.collisions.push_back(fmt::format("`{}` would land on `{}`, which exists in the work tree and stays (untracked?)",
                                            l.old_path, l.new_path));
      return;
    }
    if (disk_.kind(workdir_ / l.old_path) == FileKind::missing) {
      out_.collisions.push_back(fmt::format("`{}` is tracked but missing from the work tree", l.old_path));
      return;
    }
    out_.moves.push_back({l.old_path, l.new_path, l.directory});
  }

  // The emptied directories deepest first (for rmdir), the new ones shallowest first.
  void order_directories() {
    std::set<std::string> emptied, created;
    for (const DiskMove& m : out_.moves) {
      for (std::string_view a = core::parent_dir(m.from); !a.empty(); a = core::parent_dir(a)) emptied.emplace(a);
      for (std::string_view a = core::parent_dir(m.to); !a.empty(); a = core::parent_dir(a))
        if (disk_.kind(workdir_ / std::string(a)) == FileKind::missing) created.emplace(a);
    }
    auto depth = [](const std::string& p) { return std::count(p.begin(), p.end(), '/'); };
    out_.emptied_dirs.assign(emptied.begin(), emptied.end());
    std::stable_sort(out_.emptied_dirs.begin(), out_.emptied_dirs.end(),
                     [&](const std::string& a, const std::string& b) { return depth(a) > depth(b); });
    out_.new_dirs.assign(created.begin(), created.end());
    std::stable_sort(out_.new_dirs.begin(), out_.new_dirs.end(),
                     [&](const std::string& a, const std::string& b) { return depth(a) < depth(b); });
  }

  const plan::RepositoryPlan& rp_;
  fs::path workdir_;
  const Disk& disk_;
  const plan::PathMapper& mapper_;  // the plan's own: untracked paths go where its rules say
  std::unordered_set<std::string> tracked_, tracked_dirs_;
  std::vector<Leaf> leaves_;
  std::vector<std::size_t> moved_before_;
  std::unordered_map<std::string, std::size_t> leaf_index_;
  std::vector<std::string> new_sorted_;
  DiskPlan out_;
};

}  // namespace

DiskPlan plan_disk_moves(const plan::RepositoryPlan& rp, const std::filesystem::path& workdir, const Disk& disk) {
  return DiskPlanner(rp, workdir, disk).run();
}

std::vector<FsOp> rename_ops(const DiskPlan& plan, const fs::path& workdir, const fs::path& temp) {
  std::vector<FsOp> ops;
  for (std::size_t k = 0; k < plan.moves.size(); ++k)
    ops.push_back({FsOp::Kind::rename, kStepSourcesOut, (workdir / plan.moves[k].from).string(), (temp / std::to_string(k)).string()});
  for (const std::string& d : plan.emptied_dirs) ops.push_back({FsOp::Kind::rmdir, kStepEmptyDirs, (workdir / d).string()});
  for (std::size_t k = 0; k < plan.moves.size(); ++k)
    ops.push_back({FsOp::Kind::rename, kStepDestinations, (temp / std::to_string(k)).string(), (workdir / plan.moves[k].to).string()});
  return ops;
}

}  // namespace gitreorg::exec

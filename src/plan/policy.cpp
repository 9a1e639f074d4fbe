// Policy checks on the resulting layout. They read only the plan, so `check` can run them without
// touching the repository.
#include "gitreorg/plan/policy.hpp"

#include <fmt/format.h>

#include <cctype>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "gitreorg/core/path.hpp"

namespace gitreorg::plan {
namespace {

// The part of `path` below `root` ("." = the whole repository), or nullopt if not under it.
std::optional<std::string_view> below(std::string_view root, std::string_view path) {
  if (root == ".") return path;
  if (!core::is_path_prefix(root, path) || root.size() == path.size()) return std::nullopt;
  return path.substr(root.size() + 1);
}

diag::Position position_for(const mapping::Mapping& m, const Plan& plan, const PlannedFile& f, diag::Position fallback) {
  if (f.move >= 0) return m.rules[plan.moves[f.move].rule].to_pos;
  return fallback;
}

// Files held by `keep:` stay numbered on purpose; those of a directory no rule covers are reported
// by the planner (UncoveredDir), once per directory.
void check_numeric_prefixes(const mapping::Mapping& m, const Plan& plan, diag::Sink& sink) {
  std::unordered_set<std::string_view> uncovered;
  for (const UncoveredDir& u : plan.uncovered) uncovered.insert(u.dir);
  auto in_uncovered = [&](std::string_view path) {
    for (std::string_view d = core::parent_dir(path); !uncovered.empty() && !d.empty(); d = core::parent_dir(d))
      if (uncovered.count(d)) return true;
    return false;
  };
  std::set<std::string> reported;
  std::size_t total = 0;
  for (const PlannedFile& f : plan.files) {
    if (f.keep >= 0 || in_uncovered(f.old_path)) continue;
    for (const std::string& root : m.policy.no_numeric_prefix) {
      auto rest = below(root, f.new_path);
      if (!rest) continue;
      // Check each directory segment below the root (file names may legitimately start with digits).
      std::size_t start = 0;
      std::size_t offset = f.new_path.size() - rest->size();
      while (true) {
        std::size_t slash = rest->find('/', start);
        if (slash == std::string_view::npos) break;
        std::string_view seg = rest->substr(start, slash - start);
        if (is_numbered_segment(seg)) {
          std::string dir = f.new_path.substr(0, offset + slash);
          if (reported.insert(dir).second && ++total <= 10)
            sink.error(m.path, position_for(m, plan, f, m.policy.no_numeric_prefix_pos),
                       fmt::format("policy no_numeric_prefix: `{}` keeps a numbered segment `{}` (from `{}`)", dir, seg,
                                   f.old_path))
                .names = {dir, std::string(seg), f.old_path};
        }
        start = slash + 1;
      }
    }
  }
  if (total > 10)
    sink.error(m.path, m.policy.no_numeric_prefix_pos, fmt::format("policy no_numeric_prefix: ... and {} more numbered directories", total - 10));
}

void check_depth(const mapping::Mapping& m, const Plan& plan, diag::Sink& sink) {
  for (const mapping::DepthLimit& limit : m.policy.max_depth) {
    std::set<std::string> reported;
    for (const ConcreteMove& mv : plan.moves) {
      auto rest = below(limit.root, mv.to);
      if (!rest) continue;
      int depth = 1 + static_cast<int>(std::count(rest->begin(), rest->end(), '/'));
      if (depth > limit.depth && reported.insert(mv.to).second)
        sink.error(m.path, m.rules[mv.rule].to_pos,
                   fmt::format("policy max_depth: `{}` is {} levels below `{}` (at most {})", mv.to, depth, limit.root,
                               limit.depth))
            .names = {mv.to, limit.root};
    }
  }
}

void check_readmes(const mapping::Mapping& m, const Plan& plan, diag::Sink& sink) {
  std::unordered_set<std::string> old_with_readme, new_with_readme;
  for (const PlannedFile& f : plan.files) {
    if (!core::is_readme(f.old_path)) continue;
    old_with_readme.emplace(core::parent_dir(f.old_path));
    new_with_readme.emplace(core::parent_dir(f.new_path));
  }
  std::set<std::pair<std::string, std::string>> reported;
  for (const PlannedFile& f : plan.files) {
    std::string old_dir(core::parent_dir(f.old_path));
    std::string new_dir(core::parent_dir(f.new_path));
    if (!old_with_readme.count(old_dir) || new_with_readme.count(new_dir)) continue;
    if (!reported.emplace(old_dir, new_dir).second) continue;
    sink.error(m.path, position_for(m, plan, f, m.policy.keep_readmes_pos),
               fmt::format("policy keep_readmes: `{}` had a README, but `{}` (where `{}` goes) has none",
                           old_dir.empty() ? "." : old_dir, new_dir.empty() ? "." : new_dir, f.old_path))
        .names = {old_dir, new_dir, f.old_path};
  }
}

}  // namespace

void check_policy(const mapping::Mapping& m, const Plan& plan, diag::Sink& sink) {
  if (!m.policy.no_numeric_prefix.empty()) check_numeric_prefixes(m, plan, sink);
  if (!m.policy.max_depth.empty()) check_depth(m, plan, sink);
  if (m.policy.keep_readmes) check_readmes(m, plan, sink);
}

}  // namespace gitreorg::plan

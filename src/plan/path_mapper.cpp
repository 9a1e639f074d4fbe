// Longest-prefix resolution of mapping rules for a single path.
#include "gitreorg/plan/path_mapper.hpp"

#include <re2/re2.h>

#include "gitreorg/core/path.hpp"
#include "gitreorg/mapping/repo_path.hpp"

namespace gitreorg::plan {

PathMapper::PathMapper(mapping::Mapping mapping) : mapping_(std::move(mapping)) {
  for (int i = 0; i < static_cast<int>(mapping_.rules.size()); ++i) {
    const mapping::Rule& r = mapping_.rules[i];
    if (r.kind == mapping::Rule::Kind::move) {
      moves_.push_back(ConcreteMove{r.from, r.to, i});
      explicit_.emplace(r.from, &moves_.back());
    } else if (r.regex) {
      patterns_.push_back(i);
    }
  }
  for (int i = 0; i < static_cast<int>(mapping_.keep.size()); ++i) {
    if (mapping_.keep[i].glob) keep_globs_.push_back(i);
    else keep_paths_.emplace(mapping_.keep[i].path, i);
  }
}

int PathMapper::keep_at(std::string_view path) const {
  if (auto it = keep_paths_.find(path); it != keep_paths_.end()) return it->second;
  for (int i : keep_globs_)
    if (RE2::FullMatch(re2::StringPiece(path.data(), path.size()), *mapping_.keep[i].glob)) return i;
  return -1;
}

int PathMapper::kept_dir(std::string_view dir) const {
  if (dir.empty()) return -1;
  if (auto it = kept_dirs_.find(dir); it != kept_dirs_.end()) return it->second;
  int k = keep_at(dir);
  if (k < 0) k = kept_dir(core::parent_dir(dir));
  kept_dirs_.emplace(std::string(dir), k);
  return k;
}

int PathMapper::kept(std::string_view path) const {
  if (mapping_.keep.empty()) return -1;
  int k = keep_at(path);
  return k >= 0 ? k : kept_dir(core::parent_dir(path));
}

const ConcreteMove* PathMapper::match_pattern(std::string_view dir) const {
  if (patterns_.empty()) return nullptr;
  if (auto it = pattern_at_.find(dir); it != pattern_at_.end()) return it->second;
  const ConcreteMove* found = nullptr;
  for (int i : patterns_) {
    const mapping::Rule& r = mapping_.rules[i];
    const RE2& re = *r.regex;
    int n = re.NumberOfCapturingGroups() + 1;
    std::vector<re2::StringPiece> groups(static_cast<std::size_t>(n));
    if (!re.Match(re2::StringPiece(dir.data(), dir.size()), 0, dir.size(), RE2::ANCHOR_BOTH, groups.data(), n))
      continue;
    std::string to;
    if (!re.Rewrite(&to, r.to, groups.data(), n)) continue;  // checked at load time; defensive
    pattern_moves_.push_back(ConcreteMove{std::string(dir), mapping::normalize_repo_path(to), i});
    found = &pattern_moves_.back();
    break;
  }
  pattern_at_.emplace(std::string(dir), found);
  return found;
}

const ConcreteMove* PathMapper::move_at(std::string_view path, bool is_dir) const {
  if (auto it = explicit_.find(path); it != explicit_.end()) return it->second;
  return is_dir ? match_pattern(path) : nullptr;
}

const ConcreteMove* PathMapper::best_for_dir(std::string_view dir) const {
  if (dir.empty()) return nullptr;
  if (auto it = best_.find(dir); it != best_.end()) return it->second;
  const ConcreteMove* best = move_at(dir, true);
  if (!best) best = best_for_dir(core::parent_dir(dir));
  best_.emplace(std::string(dir), best);
  return best;
}

Mapped PathMapper::map(std::string_view path, bool path_is_dir) const {
  if (int k = kept(path); k >= 0) {
    Mapped out;
    out.path = std::string(path);
    out.keep = k;
    return out;
  }
  return map_by_rules(path, path_is_dir);
}

Mapped PathMapper::map_by_rules(std::string_view path, bool path_is_dir) const {
  const ConcreteMove* move = move_at(path, path_is_dir);
  if (!move) move = best_for_dir(core::parent_dir(path));
  Mapped out;
  out.move = move;
  if (!move) {
    out.path = std::string(path);
    return out;
  }
  out.path.reserve(move->to.size() + path.size() - move->from.size());
  out.path.append(move->to).append(path.substr(move->from.size()));
  if (auto problem = mapping::moved_path_problem(move->to, path.substr(move->from.size()))) {
    out.path = std::string(path);
    out.problem = *problem;
  }
  return out;
}

}  // namespace gitreorg::plan

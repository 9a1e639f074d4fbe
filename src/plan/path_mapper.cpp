// Longest-prefix resolution of mapping rules for a single path.
#include "gitreorg/plan/path_mapper.hpp"

#include <re2/re2.h>

#include "gitreorg/mapping/repo_path.hpp"

namespace gitreorg::plan {

PathMapper::PathMapper(const mapping::Mapping& mapping) : mapping_(mapping) {
  for (int i = 0; i < static_cast<int>(mapping.rules.size()); ++i) {
    const mapping::Rule& r = mapping.rules[i];
    if (r.kind == mapping::Rule::Kind::move)
      explicit_.emplace(r.from, i);
    else if (r.regex)
      patterns_.push_back(i);
  }
}

std::optional<ConcreteMove> PathMapper::match_pattern(std::string_view dir) const {
  for (int i : patterns_) {
    const mapping::Rule& r = mapping_.rules[i];
    const RE2& re = *r.regex;
    int n = re.NumberOfCapturingGroups() + 1;
    std::vector<re2::StringPiece> groups(static_cast<std::size_t>(n));
    if (!re.Match(re2::StringPiece(dir.data(), dir.size()), 0, dir.size(), RE2::ANCHOR_BOTH, groups.data(), n))
      continue;
    std::string to;
    if (!re.Rewrite(&to, r.to, groups.data(), n)) continue;  // checked at load time; defensive
    return ConcreteMove{std::string(dir), mapping::normalize_repo_path(to), i};
  }
  return std::nullopt;
}

std::optional<ConcreteMove> PathMapper::move_at(std::string_view path, bool is_dir) const {
  if (auto it = explicit_.find(std::string(path)); it != explicit_.end())
    return ConcreteMove{it->first, mapping_.rules[it->second].to, it->second};
  if (is_dir) return match_pattern(path);
  return std::nullopt;
}

std::optional<ConcreteMove> PathMapper::best_for_dir(std::string_view dir) const {
  if (dir.empty()) return std::nullopt;
  std::string key(dir);
  if (auto it = dir_cache_.find(key); it != dir_cache_.end()) return it->second;
  std::optional<ConcreteMove> best = move_at(dir, true);
  if (!best) best = best_for_dir(mapping::parent_dir(dir));
  dir_cache_.emplace(std::move(key), best);
  return best;
}

Mapped PathMapper::map(std::string_view path, bool path_is_dir) const {
  std::optional<ConcreteMove> move = move_at(path, path_is_dir);
  if (!move) move = best_for_dir(mapping::parent_dir(path));
  Mapped out;
  if (!move) {
    out.path = std::string(path);
    return out;
  }
  std::string mapped = move->to + std::string(path.substr(move->from.size()));
  if (auto problem = mapping::repo_path_problem(mapped)) {
    out.path = std::string(path);
    out.problem = *problem;
  } else {
    out.path = std::move(mapped);
  }
  out.move = std::move(move);
  return out;
}

}  // namespace gitreorg::plan

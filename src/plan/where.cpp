// Answers "where did X go" and "where did Y come from" with the same PathMapper as the planner, so
// `where` and `plan` agree on every file by construction.
#include "gitreorg/plan/where.hpp"

#include <fmt/format.h>
#include <fnmatch.h>

#include <algorithm>

#include "gitreorg/core/path.hpp"
#include "gitreorg/mapping/repo_path.hpp"
#include "gitreorg/plan/import_plan.hpp"
#include "gitreorg/plan/planner.hpp"

namespace gitreorg::plan {

namespace {
// git's wildcard characters (glob_special in git's ctype.c).
bool is_glob_char(char c) { return c == '*' || c == '?' || c == '[' || c == '\\'; }

std::string escape_glob(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (is_glob_char(c)) out += '\\';
    out += c;
  }
  return out;
}

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}
}  // namespace

WherePath resolve_where_path(std::string_view arg, std::string_view prefix, bool literal) {
  WherePath w;
  std::string_view rest = arg;
  bool top = false;
  // Pathspec magic, as git reads it: `:(word,...)PATH` or the short `:/PATH` (top). GIT_LITERAL_PATHSPECS
  // turns it off with the wildcards.
  if (!literal && rest.size() > 1 && rest[0] == ':') {
    if (rest[1] == '(') {
      auto close = rest.find(')');
      if (close == std::string_view::npos) {
        w.problem = "missing `)` after the pathspec magic";
        return w;
      }
      std::string_view words = rest.substr(2, close - 2);
      while (!words.empty()) {
        auto comma = words.find(',');
        std::string_view word = words.substr(0, comma);
        if (word == "top") top = true;
        else if (word == "literal") literal = true;
        else {
          w.problem = fmt::format("pathspec magic `{}` is not supported by where (only `top` and `literal`)", word);
          return w;
        }
        words = comma == std::string_view::npos ? std::string_view() : words.substr(comma + 1);
      }
      rest.remove_prefix(close + 1);
    } else {
      std::size_t i = 1;
      for (; i < rest.size() && rest[i] != ':'; ++i) {
        if (rest[i] == '/') top = true;
        else if (rest[i] == '!' || rest[i] == '^') {
          w.problem = "pathspec magic `exclude` is not supported by where";
          return w;
        } else break;
      }
      rest.remove_prefix(i < rest.size() && rest[i] == ':' ? i + 1 : i);
    }
  }
  w.glob = !literal && std::any_of(rest.begin(), rest.end(), is_glob_char);
  w.trailing_slash = !rest.empty() && rest.back() == '/';
  std::vector<std::string> path, pattern;
  if (!top)
    for (std::string_view seg : segments(prefix)) {
      path.emplace_back(seg);
      pattern.push_back(escape_glob(seg));
    }
  for (std::string_view seg : segments(rest)) {
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (path.empty()) {
        w.problem = "outside the repository";
        return w;
      }
      path.pop_back();
      pattern.pop_back();
      continue;
    }
    path.emplace_back(seg);
    pattern.emplace_back(seg);
  }
  auto join = [](const std::vector<std::string>& v) {
    std::string out;
    for (const std::string& s : v) out += (out.empty() ? "" : "/") + s;
    return out;
  };
  w.path = join(path);
  if (w.glob) w.pattern = join(pattern);
  if (w.path.empty()) w.problem = "the top of the repository: name a path in it";
  return w;
}

std::string path_from_prefix(std::string_view path, std::string_view prefix) {
  if (prefix.empty()) return std::string(path);
  std::vector<std::string_view> from = segments(prefix), to = segments(path);
  std::size_t common = 0;
  while (common < from.size() && common < to.size() && from[common] == to[common]) ++common;
  std::string out;
  for (std::size_t i = common; i < from.size(); ++i) out += out.empty() ? ".." : "/..";
  for (std::size_t i = common; i < to.size(); ++i) out += (out.empty() ? "" : "/") + std::string(to[i]);
  return out.empty() ? "." : out;
}

WhereIndex::WhereIndex(const mapping::Mapping& mapping, const core::Tree* tree) : mapping_(mapping), mapper_(mapping), tree_(tree) {
  for (const mapping::Rule& r : mapping.rules) {
    if (r.kind == mapping::Rule::Kind::move)
      moves_.push_back(ConcreteMove{r.from, r.to, static_cast<int>(&r - mapping.rules.data())});
    else
      has_patterns_ = true;
  }
  if (tree) {
    dirs_ = directories_of(*tree);
    if (has_patterns_)
      for (const std::string& d : dirs_)
        if (auto m = mapper_.move_at(d, true); m && mapping.rules[m->rule].kind == mapping::Rule::Kind::match) moves_.push_back(*m);
  }
  // Longest destination first: the most specific candidate is tried first when reversing.
  std::stable_sort(moves_.begin(), moves_.end(), [](const ConcreteMove& a, const ConcreteMove& b) { return a.to.size() > b.to.size(); });
}

bool WhereIndex::exists(const std::string& path) const {
  if (std::binary_search(dirs_.begin(), dirs_.end(), path)) return true;
  auto it = std::lower_bound(tree_->begin(), tree_->end(), path, [](const core::TreeEntry& e, const std::string& p) { return e.path < p; });
  return it != tree_->end() && it->path == path;
}

bool WhereIndex::in_tree(const std::string& path) const {
  if (!tree_) return false;
  for (std::string_view p = path; !p.empty(); p = core::parent_dir(p))
    if (exists(std::string(p))) return true;
  return false;
}

bool WhereIndex::tree_has_sources() const {
  return tree_ && std::any_of(moves_.begin(), moves_.end(), [&](const ConcreteMove& m) { return exists(m.from); });
}

std::vector<std::string> WhereIndex::expand(const WherePath& glob, bool new_layout) const {
  if (!tree_) return {};
  if (new_layout && !new_layout_) {
    std::vector<std::string> files, dirs;
    for (const core::TreeEntry& e : *tree_) {
      Mapped m = mapper_.map(e.path, false);
      files.push_back(m.problem.empty() ? m.path : e.path);
    }
    std::sort(files.begin(), files.end());
    for (const std::string& f : files)
      for (std::string_view d = core::parent_dir(f); !d.empty(); d = core::parent_dir(d)) dirs.emplace_back(d);
    std::sort(dirs.begin(), dirs.end());
    dirs.erase(std::unique(dirs.begin(), dirs.end()), dirs.end());
    new_layout_.emplace(std::move(files), std::move(dirs));
  }
  auto matches = [&](const std::string& p) { return p == glob.path || fnmatch(glob.pattern.c_str(), p.c_str(), 0) == 0; };
  std::vector<std::string> found;
  const std::vector<std::string>& dirs = new_layout ? new_layout_->second : dirs_;
  for (const std::string& d : dirs)
    if (matches(d)) found.push_back(d);
  if (!glob.trailing_slash) {
    if (new_layout) {
      for (const std::string& f : new_layout_->first)
        if (matches(f)) found.push_back(f);
    } else {
      for (const core::TreeEntry& e : *tree_)
        if (matches(e.path)) found.push_back(e.path);
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> top;
  for (const std::string& f : found) {
    bool inside = false;
    for (std::string_view d = core::parent_dir(f); !d.empty() && !inside; d = core::parent_dir(d))
      inside = std::binary_search(found.begin(), found.end(), d);
    if (!inside) top.push_back(f);
  }
  return top;
}

bool WhereIndex::is_dir(const std::string& path) const {
  if (!tree_) return true;  // unknown: let `match` rules try the path itself too
  return std::binary_search(dirs_.begin(), dirs_.end(), path);
}

namespace {
// The normalised query, or `invalid` when it cannot name a path of a tree.
WhereAnswer start(const std::string& path) {
  WhereAnswer a;
  a.query = mapping::normalize_repo_path(path);
  if (auto problem = mapping::tree_path_problem(a.query)) {
    a.kind = WhereAnswer::Kind::invalid;
    a.detail = *problem;
  }
  return a;
}
}  // namespace

WhereAnswer WhereIndex::forward(const std::string& old_path) const {
  WhereAnswer a = start(old_path);
  if (a.kind == WhereAnswer::Kind::invalid) return a;
  Mapped m = mapper_.map(a.query, is_dir(a.query));
  if (m.keep >= 0) {
    const mapping::Keep& k = mapping_.keep[static_cast<std::size_t>(m.keep)];
    a.kind = WhereAnswer::Kind::kept;
    a.answer = a.query;
    a.detail = fmt::format("`keep: {}` at line {}", k.path, k.pos.line);
    Mapped by_rules = mapper_.map_by_rules(a.query, is_dir(a.query));
    if (by_rules.move && by_rules.problem.empty() && by_rules.path != a.query) {
      a.rule = by_rules.move->rule;
      a.detail += fmt::format("; the rule at line {} would move it to `{}`", mapping_.rules[a.rule].pos.line, by_rules.path);
    }
    return a;
  }
  if (!m.problem.empty()) {
    a.kind = WhereAnswer::Kind::invalid;
    a.detail = fmt::format("the rule at line {} gives an invalid path: {}", mapping_.rules[m.move->rule].pos.line, m.problem);
    a.rule = m.move->rule;
    return a;
  }
  a.answer = m.path;
  a.kind = m.path == a.query ? WhereAnswer::Kind::unchanged : WhereAnswer::Kind::moved;
  if (m.move) a.rule = m.move->rule;
  return a;
}

WhereAnswer WhereIndex::reverse(const std::string& new_path) const {
  WhereAnswer a = start(new_path);
  if (a.kind == WhereAnswer::Kind::invalid) return a;
  // A candidate old path is accepted only if mapping it forwards gives the query back: the longest
  // prefix rule may send that old path elsewhere. Several hypothetical paths can map to one new path
  // (an unmoved file and a moved one that does not exist); with a tree, the one that exists wins.
  std::vector<std::pair<std::string, int>> candidates;
  for (const ConcreteMove& mv : moves_) {
    if (!core::is_path_prefix(mv.to, a.query)) continue;
    std::string old = mv.from + a.query.substr(mv.to.size());
    Mapped m = mapper_.map(old, is_dir(old));
    if (m.problem.empty() && m.path == a.query) candidates.emplace_back(old, m.move ? m.move->rule : -1);
  }
  Mapped self = mapper_.map(a.query, is_dir(a.query));
  if (self.problem.empty() && self.path == a.query) candidates.emplace_back(a.query, -1);
  // Without the old tree a `match` rule may have produced any path: "unchanged" cannot be claimed.
  bool only_self = candidates.size() == 1 && candidates.front().first == a.query;
  if (!candidates.empty() && !(only_self && has_patterns_ && !tree_)) {
    auto chosen = candidates.front();
    // Prefer an old file, then an old directory (a directory whose files all went elsewhere can
    // map onto the same path as a file), then a path that does not exist yet.
    if (tree_) {
      auto first_where = [&](auto pred) {
        for (const auto& c : candidates)
          if (pred(c.first)) return std::optional(c);
        return std::optional<std::pair<std::string, int>>();
      };
      if (auto f = first_where([&](const std::string& p) { return exists(p) && !is_dir(p); })) chosen = *f;
      else if (auto d = first_where([&](const std::string& p) { return is_dir(p); })) chosen = *d;
    }
    a.kind = chosen.first == a.query ? WhereAnswer::Kind::unchanged : WhereAnswer::Kind::moved;
    a.answer = chosen.first;
    a.rule = chosen.second;
    return a;
  }
  if (has_patterns_ && !tree_) {
    a.kind = WhereAnswer::Kind::unknown;
    a.detail = "`match` rules can only be reversed against the old tree: run in the repository, with --rev naming a commit before the reorganization";
    return a;
  }
  a.kind = WhereAnswer::Kind::no_source;
  a.detail = fmt::format("nothing moves here; `{}` itself moves to `{}`", a.query, self.path);
  return a;
}

WhereAnswer where_imported(const mapping::Import& import, const mapping::Mapping& rules, const core::Tree* tree,
                           const std::string& path) {
  WhereAnswer a = start(path);
  if (a.kind == WhereAnswer::Kind::invalid) return a;
  if (int d = drop_entry(import, a.query); d >= 0) {
    a.kind = WhereAnswer::Kind::dropped;
    a.rule = d;
    a.detail = fmt::format("`drop: {}` at line {}", import.drop[static_cast<std::size_t>(d)].path,
                           import.drop[static_cast<std::size_t>(d)].pos.line);
    return a;
  }
  a = WhereIndex(rules, tree).forward(a.query);
  if (a.kind == WhereAnswer::Kind::unchanged && a.rule < 0) {
    a.kind = WhereAnswer::Kind::unmapped;
    a.detail = fmt::format("no move of import `{}` takes it and no `drop:` names it", import.name);
  }
  return a;
}

WhereAnswer where_imported_reverse(const mapping::Import& import, const mapping::Mapping& rules, const core::Tree& tree,
                                   const std::string& new_path) {
  WhereIndex index(rules, &tree);
  WhereAnswer a = index.reverse(new_path);
  if (a.kind == WhereAnswer::Kind::moved && index.in_tree(a.answer) && drop_entry(import, a.answer) < 0) return a;
  WhereAnswer none;
  none.query = a.query;
  none.kind = WhereAnswer::Kind::unchanged;
  return none;
}

}  // namespace gitreorg::plan

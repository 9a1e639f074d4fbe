// Repairs for old link rot, by trailing path segments and by the history's renames (see link_repair.hpp).
#include "gitreorg/markdown/link_repair.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "gitreorg/core/path.hpp"

namespace gitreorg::markdown {

std::string LinkRepair::reason() const {
  if (moved_in.empty()) return fmt::format("`{}` is the only path it can mean", target);
  if (!written_in.empty())
    return fmt::format("written in `{}` (moved in {}), where it named `{}`{}", written_in, moved_in, moved_from,
                       moved_from == target ? "" : fmt::format(", since moved to `{}`", target));
  return fmt::format("`{}` moved to `{}` in {}", moved_from, target, moved_in);
}

// The renames by old path, so that a path and everything under it are a range of keys.
struct LinkRepairs::History {
  std::vector<PathMove> moves;                          // newest commit first
  std::vector<std::size_t> commit_start;                // per move: the index of its commit's first move
  std::map<std::string, std::vector<std::size_t>> by_from;  // old path -> its moves, newest first
  std::unordered_map<std::string, std::vector<std::size_t>> by_to;  // new path -> the moves to it, newest first

  explicit History(std::vector<PathMove> m) : moves(std::move(m)) {
    commit_start.resize(moves.size());
    for (std::size_t i = 0; i < moves.size(); ++i) {
      commit_start[i] = i > 0 && moves[i].commit == moves[i - 1].commit ? commit_start[i - 1] : i;
      by_from[moves[i].from].push_back(i);
      by_to[moves[i].to].push_back(i);
    }
  }

  // The former paths of the file `path`, newest first, each as the move that took it away from there:
  // the newest rename to `path`, then the newest older rename to that one's old path, and so on.
  std::vector<std::size_t> former(const std::string& path) const {
    std::vector<std::size_t> out;
    std::string at = path;
    std::size_t after = 0;  // only moves of commits older than the last one found
    while (true) {
      auto it = by_to.find(at);
      if (it == by_to.end()) return out;
      auto older = std::find_if(it->second.begin(), it->second.end(), [&](std::size_t i) { return i >= after; });
      if (older == it->second.end()) return out;
      std::size_t i = *older;
      out.push_back(i);
      at = moves[i].from;
      after = i + 1;
      while (after < moves.size() && commit_start[after] == commit_start[i]) ++after;  // past its commit
    }
  }

  // A move of `path` (a file, or a directory whose renamed files all go to one new directory): its
  // new path and the index of its commit's first move; `ambiguous` when a commit split a directory.
  struct Step {
    std::string to;
    std::size_t at = 0;
    bool ambiguous = false;
  };

  // Every move of `path` made by a commit newer than index `before` (moves.size(): any), newest first.
  std::vector<Step> steps(const std::string& path, std::size_t before) const {
    std::map<std::size_t, Step> by_commit;  // commit start -> its step
    if (auto it = by_from.find(path); it != by_from.end())
      for (std::size_t i : it->second)
        if (i < before) by_commit[commit_start[i]] = {moves[i].to, commit_start[i], false};
    std::string lo = path + "/", hi = path + "0";  // `0` follows `/`: the keys under `path/`
    for (auto it = by_from.lower_bound(lo); it != by_from.end() && it->first < hi; ++it) {
      std::string_view rest = std::string_view(it->first).substr(path.size());  // `/x/y.md`
      for (std::size_t i : it->second) {
        if (i >= before) continue;
        std::size_t c = commit_start[i];
        const std::string& to = moves[i].to;
        std::string dir = to.ends_with(rest) ? to.substr(0, to.size() - rest.size()) : std::string();
        auto [s, fresh] = by_commit.try_emplace(c, Step{dir, c, dir.empty()});
        if (!fresh && s->second.to != dir) s->second.ambiguous = true;
      }
    }
    std::vector<Step> out;
    for (auto& [c, s] : by_commit) out.push_back(std::move(s));
    return out;  // ascending index: newest first
  }

  // Where `path` ends when it follows every later move from the one `first` on; nullopt when a commit
  // on the way split it.
  std::optional<std::string> follow(const Step& first) const {
    if (first.ambiguous) return std::nullopt;
    Step at = first;
    while (true) {
      std::vector<Step> next = steps(at.to, at.at);
      if (next.empty()) return at.to;
      at = next.back();  // the oldest of the newer moves: the next one in time
      if (at.ambiguous) return std::nullopt;
    }
  }
};

LinkRepairs::LinkRepairs(const core::Tree& tree, MoveHistory history) : read_history_(std::move(history)) {
  for (const core::TreeEntry& e : tree) {
    by_name_[core::base_name(e.path)].push_back(e.path);
    paths_.insert(e.path);
    for (std::string_view d = core::parent_dir(e.path); !d.empty() && paths_.insert(d).second; d = core::parent_dir(d))
      by_name_[core::base_name(d)].push_back(d);
  }
}

LinkRepairs::~LinkRepairs() = default;

const LinkRepairs::History& LinkRepairs::history() const {
  std::call_once(history_once_, [&] { history_ = std::make_unique<const History>(read_history_()); });
  return *history_;
}

std::optional<LinkRepair> LinkRepairs::moved(std::string_view path) const {
  if (!read_history_ || path.empty()) return std::nullopt;
  const History& h = history();
  std::string p(path);
  std::optional<LinkRepair> found;
  for (const History::Step& s : h.steps(p, h.moves.size())) {
    std::optional<std::string> end = h.follow(s);
    if (!end || !paths_.count(*end)) continue;
    if (found && found->target != *end) return std::nullopt;  // its moves end at two places
    if (!found) found = LinkRepair{*end, "", p, h.moves[s.at].commit.substr(0, 12), ""};
  }
  return found;
}

std::optional<LinkRepair> LinkRepairs::repair(std::string_view file_path, std::string_view raw_path, Syntax syntax) const {
  if (auto fix = by_segments(file_path, raw_path, syntax)) return fix;
  if (!read_history_) return std::nullopt;
  std::string path = decode(raw_path, syntax);
  std::optional<std::string> target = resolve_path(path.starts_with("/") ? "" : core::parent_dir(file_path), path);
  if (!target || paths_.count(*target)) return std::nullopt;
  std::optional<LinkRepair> fix = moved(*target);
  // Read from where the file was before each commit that moved it.
  const History& h = history();
  for (std::size_t i : h.former(std::string(file_path))) {
    const PathMove& m = h.moves[i];
    std::optional<std::string> named = resolve_path(path.starts_with("/") ? "" : core::parent_dir(m.from), path);
    if (!named || named->empty() || *named == m.from) continue;
    std::optional<LinkRepair> there = paths_.count(*named) ? LinkRepair{*named, "", *named, "", ""} : moved(*named);
    if (!there) continue;
    if (fix && fix->target != there->target) return std::nullopt;  // two readings, two targets
    if (!fix) fix = LinkRepair{there->target, "", *named, m.commit.substr(0, 12), m.from};
  }
  if (!fix || fix->target == file_path) return std::nullopt;
  std::string_view dir = core::parent_dir(file_path);
  fix->destination = retarget(raw_path, syntax, dir, dir, fix->target);
  return fix;
}

std::optional<LinkRepair> LinkRepairs::by_segments(std::string_view file_path, std::string_view raw_path, Syntax syntax) const {
  std::string path = decode(raw_path, syntax);
  std::string_view tail = path;
  while (true) {
    if (tail.starts_with("/")) tail.remove_prefix(1);
    else if (tail.starts_with("./")) tail.remove_prefix(2);
    else if (tail.starts_with("../")) tail.remove_prefix(3);
    else break;
  }
  while (tail.ends_with("/")) tail.remove_suffix(1);
  if (tail.empty() || tail == "." || tail == ".." || tail.find("/./") != std::string_view::npos ||
      tail.find("/../") != std::string_view::npos || tail.ends_with("/..") || tail.find("//") != std::string_view::npos)
    return std::nullopt;
  auto it = by_name_.find(core::base_name(tail));
  if (it == by_name_.end()) return std::nullopt;
  bool single = tail.find('/') == std::string_view::npos;
  std::string_view top = file_path.substr(0, file_path.find('/'));
  const std::string_view* found = nullptr;
  for (const std::string_view& p : it->second) {
    if (p != tail && !(p.ends_with(tail) && p[p.size() - tail.size() - 1] == '/')) continue;
    if (single && p != tail && !core::is_path_prefix(top, p)) continue;
    if (found) return std::nullopt;  // two places fit: a person has to choose
    found = &p;
  }
  if (!found || *found == file_path) return std::nullopt;
  std::string_view dir = core::parent_dir(file_path);
  return LinkRepair{std::string(*found), retarget(raw_path, syntax, dir, dir, *found)};
}

}  // namespace gitreorg::markdown

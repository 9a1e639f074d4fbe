// The planner. Each file's destination comes from PathMapper (longest prefix wins); the plan is then
// checked as a whole: sources that are missing, rules that move nothing, two files on one path, a
// file where a directory must be, paths that differ only in case.
#include "gitreorg/plan/planner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "gitreorg/core/path.hpp"

namespace gitreorg::plan {
namespace {

constexpr std::size_t kMaxReportsPerKind = 10;  // beyond this, one summary line per kind

// ASCII case folding, as case-insensitive file systems (macOS, Windows) fold paths.
inline char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

// Hash and equality of paths ignoring ASCII case, without building lowercased copies.
struct FoldedHash {
  std::size_t operator()(std::string_view s) const {
    std::size_t h = 1469598103934665603ull;  // FNV-1a
    for (char c : s) h = (h ^ static_cast<unsigned char>(fold(c))) * 1099511628211ull;
    return h;
  }
};
struct FoldedEqual {
  bool operator()(std::string_view a, std::string_view b) const {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return fold(x) == fold(y); });
  }
};

// Reports at most kMaxReportsPerKind diagnostics per kind, then how many more there were.
class CappedReporter {
 public:
  CappedReporter(diag::Sink& sink, const std::string& file) : sink_(sink), file_(file) {}
  ~CappedReporter() {
    for (auto& [kind, n] : counts_)
      if (n > kMaxReportsPerKind)
        sink_.report(severity_[kind], file_, {}, fmt::format("... and {} more like the above ({})", n - kMaxReportsPerKind, kind));
  }
  // `names`: the tree paths `msg` names (Diagnostic::names).
  void report(const std::string& kind, diag::Severity sev, diag::Position pos, std::string msg,
              std::vector<std::string> names = {}) {
    severity_[kind] = sev;
    if (++counts_[kind] <= kMaxReportsPerKind) sink_.report(sev, file_, pos, std::move(msg)).names = std::move(names);
  }

 private:
  diag::Sink& sink_;
  const std::string& file_;
  std::map<std::string, std::size_t> counts_;
  std::map<std::string, diag::Severity> severity_;
};

// `name` with a leading number (`3.`, `01-`, `2_`) removed.
std::string strip_number(std::string_view name) {
  return is_numbered_segment(name) ? std::string(name.substr(name.find_first_not_of("0123456789") + 1)) : std::string(name);
}

// The topmost directories no rule covers, at numbered paths (see UncoveredDir), with the rule that
// would cover each: `from: DIR` to where its siblings' rules send their directories, its number dropped.
std::vector<UncoveredDir> find_uncovered(const mapping::Mapping& mapping, const Plan& plan, const std::vector<std::string>& dirs) {
  std::unordered_set<std::string_view> covered;  // directories holding a file some rule or `keep:` takes
  for (const PlannedFile& f : plan.files)
    if (f.move >= 0 || f.keep >= 0)
      for (std::string_view d = core::parent_dir(f.old_path); !d.empty() && covered.insert(d).second;) d = core::parent_dir(d);
  std::unordered_map<std::string_view, std::size_t> files;  // per uncovered topmost directory
  std::vector<UncoveredDir> out;
  for (const std::string& d : dirs) {
    std::string_view parent = core::parent_dir(d);
    if (covered.count(d) || (!parent.empty() && !covered.count(parent))) continue;  // covered, or not topmost
    bool numbered = false;
    for (std::string_view rest = d; !rest.empty() && !numbered;) {
      std::size_t slash = rest.find('/');
      numbered = is_numbered_segment(rest.substr(0, slash));
      rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    }
    if (!numbered) continue;
    UncoveredDir u;
    u.dir = d;
    // The siblings' destinations: the parent most of them go to (the first seen on a tie).
    std::vector<std::pair<std::string_view, int>> targets;  // destination parent, first rule
    std::unordered_map<std::string_view, std::size_t> votes;
    for (const ConcreteMove& mv : plan.moves) {
      if (core::parent_dir(mv.from) != parent || mv.from == d) continue;
      std::string_view to_parent = core::parent_dir(mv.to);
      if (votes[to_parent]++ == 0) targets.emplace_back(to_parent, mv.rule);
    }
    std::string_view to_parent;
    std::size_t best = 0;
    for (const auto& [t, rule] : targets)
      if (votes[t] > best) {
        best = votes[t];
        to_parent = t;
        u.like_rule = rule;
      }
    std::string name = strip_number(core::base_name(d));
    if (u.like_rule >= 0) {
      u.suggested_to = to_parent.empty() ? name : fmt::format("{}/{}", to_parent, name);
    } else {  // no sibling rule to follow: the same path, every number dropped
      for (std::string_view rest = d; !rest.empty();) {
        std::size_t slash = rest.find('/');
        u.suggested_to += (u.suggested_to.empty() ? "" : "/") + strip_number(rest.substr(0, slash));
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
      }
    }
    for (const std::string& root : mapping.policy.no_numeric_prefix)
      if (root == "." || core::is_path_prefix(root, d)) u.policy = true;
    out.push_back(std::move(u));
  }
  for (UncoveredDir& u : out) files.emplace(u.dir, 0);
  for (const PlannedFile& f : plan.files)
    for (std::string_view d = core::parent_dir(f.old_path); !d.empty(); d = core::parent_dir(d))
      if (auto it = files.find(d); it != files.end()) {
        ++it->second;
        break;
      }
  for (UncoveredDir& u : out) u.files = files[u.dir];
  return out;
}

}  // namespace

bool is_numbered_segment(std::string_view segment) {
  std::size_t digits = segment.find_first_not_of("0123456789");
  return digits != 0 && digits != std::string_view::npos && (segment[digits] == '.' || segment[digits] == '_' || segment[digits] == '-');
}

namespace {

// A `from:` that names no file or directory of the tree: what to say, or nullopt.
std::optional<std::string> missing_from(const mapping::Rule& r, const std::function<bool(const std::string&)>& is_path) {
  if (is_path(r.from)) return std::nullopt;
  std::string msg = fmt::format("`from: {}` is not in the tree", r.from);
  if (is_path(r.to)) msg += fmt::format(" (`{}` exists: already moved?)", r.to);
  return msg;
}

// Whether `path` is a file of `tree` (sorted by path).
bool tree_has(const core::Tree& tree, const std::string& path) {
  auto it = std::lower_bound(tree.begin(), tree.end(), path, [](const core::TreeEntry& e, const std::string& v) { return e.path < v; });
  return it != tree.end() && it->path == path;
}

void as_missing_error(diag::Diagnostic& d) {
  d.severity = diag::Severity::error;
  d.message += "; use --allow-missing to re-apply a mapping";
}

}  // namespace

void report_missing_sources(const mapping::Mapping& mapping, const core::Tree& tree, const PlanOptions& options,
                            diag::Sink& sink) {
  std::vector<std::string> dirs = directories_of(tree);
  std::unordered_set<std::string> dir_set(dirs.begin(), dirs.end());
  auto is_path = [&](const std::string& p) { return dir_set.count(p) > 0 || tree_has(tree, p); };
  for (const mapping::Rule& r : mapping.rules) {
    if (r.kind != mapping::Rule::Kind::move) continue;
    std::optional<std::string> msg = missing_from(r, is_path);
    if (!msg) continue;
    diag::Diagnostic d{diag::Severity::warning, mapping.path, r.from_pos, std::move(*msg)};
    if (!options.allow_missing) as_missing_error(d);
    sink.report(d.severity, d.path, d.pos, d.message);
  }
}

std::vector<std::string> directories_of(const core::Tree& tree) {
  std::unordered_set<std::string> dirs;
  for (const core::TreeEntry& e : tree) {
    std::string_view p = core::parent_dir(e.path);
    while (!p.empty() && dirs.emplace(p).second) p = core::parent_dir(p);
  }
  std::vector<std::string> out(dirs.begin(), dirs.end());
  std::sort(out.begin(), out.end());
  return out;
}

Plan plan_moves(const mapping::Mapping& mapping, const core::Tree& tree, const PlanOptions& options, diag::Sink& sink) {
  return plan_moves(PathMapper(mapping), tree, options, sink);
}

Plan plan_moves(const PathMapper& mapper, const core::Tree& tree, const PlanOptions& options, diag::Sink& sink) {
  const mapping::Mapping& mapping = mapper.mapping();
  Plan plan;
  CappedReporter report(sink, mapping.path);
  const auto& rules = mapping.rules;
  plan.rules.resize(rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) plan.rules[i].rule = static_cast<int>(i);

  // Concrete moves in the order first seen.
  std::unordered_map<const ConcreteMove*, int> move_of;  // PathMapper's moves are stable: key by address
  auto intern_move = [&](const ConcreteMove& m) {
    auto [it, inserted] = move_of.emplace(&m, static_cast<int>(plan.moves.size()));
    if (inserted) {
      plan.moves.push_back(m);
      plan.move_files.push_back(0);
      plan.rules[m.rule].moves.push_back(it->second);
    }
    return it->second;
  };

  // Expand every rule on the tree's directories (and files, for explicit `from`), so a rule whose
  // files are all taken by more specific rules is still listed.
  std::vector<std::string> dirs = directories_of(tree);
  std::unordered_set<std::string> dir_set(dirs.begin(), dirs.end());
  for (const std::string& d : dirs)
    if (auto m = mapper.move_at(d, true); m && mapper.kept(d) < 0) intern_move(*m);

  // `keep:` entries, each with the files it holds and the rule it holds them from.
  plan.kept.resize(mapping.keep.size());
  for (std::size_t i = 0; i < mapping.keep.size(); ++i) plan.kept[i].entry = static_cast<int>(i);

  std::set<int> reported_problem;
  plan.files.reserve(tree.size());
  for (const core::TreeEntry& e : tree) {
    Mapped m = mapper.map(e.path, false);
    PlannedFile f{e.path, m.path, e.mode, e.oid, -1, m.keep};
    if (m.keep >= 0) {
      KeptSummary& k = plan.kept[static_cast<std::size_t>(m.keep)];
      ++k.files;
      if (Mapped by_rules = mapper.map_by_rules(e.path, false); by_rules.move && by_rules.path != e.path) {
        if (k.rule < 0) k.rule = by_rules.move->rule;
        ++plan.rules[by_rules.move->rule].kept;
        ++plan.kept_files;
      }
    }
    if (m.move) {
      f.move = intern_move(*m.move);
      if (!m.problem.empty() && reported_problem.insert(m.move->rule).second) {
        const mapping::Rule& r = rules[m.move->rule];
        report.report("invalid destination", diag::Severity::error, r.to_pos,
                      fmt::format("moving `{}` to `{}` gives an invalid path for `{}`: {}", m.move->from, m.move->to, e.path, m.problem),
                      {e.path});
      }
      if (f.moved()) {
        ++plan.move_files[f.move];
        ++plan.rules[m.move->rule].files;
        ++plan.moved_files;
      }
    }
    plan.files.push_back(std::move(f));
  }

  // Sources that are not in the tree; rules that end up moving nothing. With --allow-missing and
  // every source gone, the mapping was applied already: one note instead of a warning per rule.
  auto is_path = [&](const std::string& p) { return dir_set.count(p) > 0 || tree_has(tree, p); };
  std::vector<diag::Diagnostic> missing;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const mapping::Rule& r = rules[i];
    if (r.kind == mapping::Rule::Kind::move) {
      if (std::optional<std::string> msg = missing_from(r, is_path)) {
        missing.push_back({diag::Severity::warning, mapping.path, r.from_pos, std::move(*msg)});
        continue;
      }
    } else if (plan.rules[i].moves.empty()) {
      missing.push_back({diag::Severity::warning, mapping.path, r.from_pos,
                         fmt::format("`match: {}` matches no directory of the tree", r.from)});
      continue;
    }
    if (r.kind == mapping::Rule::Kind::move && r.from == r.to) {
      sink.warning(mapping.path, r.to_pos, fmt::format("`{}` moves onto itself", r.from));
    } else if (plan.rules[i].files == 0 && plan.rules[i].kept > 0) {
      sink.warning(mapping.path, r.pos, "this move moves no file: `keep:` holds all of its files");
    } else if (plan.rules[i].files == 0) {
      sink.warning(mapping.path, r.pos, "this move moves no file: more specific rules take all of its files");
    }
  }
  for (const KeptSummary& k : plan.kept) {
    const mapping::Keep& entry = mapping.keep[static_cast<std::size_t>(k.entry)];
    if (k.files == 0)
      sink.warning(mapping.path, entry.pos, fmt::format("`keep: {}` names nothing in the tree", entry.path));
    else if (k.rule < 0)
      sink.note(mapping.path, entry.pos, fmt::format("`keep: {}`: no rule moves it; it stays anyway", entry.path));
  }

  // Numbered directories no rule covers: most likely new since the mapping was written.
  plan.uncovered = find_uncovered(mapping, plan, dirs);
  for (const UncoveredDir& u : plan.uncovered) {
    bool error = u.policy && !options.allow_new;
    diag::Position pos = u.like_rule >= 0 ? rules[u.like_rule].pos : u.policy ? mapping.policy.no_numeric_prefix_pos : diag::Position{};
    report.report("not covered by any rule", error ? diag::Severity::error : diag::Severity::warning, pos,
                  fmt::format("`{}` is not covered by any rule (new since the mapping was written?): its {} file{} stay{}; "
                              "the rule that would cover it: `- from: {}` `to: {}`{}{}",
                              u.dir, u.files, u.files == 1 ? "" : "s", u.files == 1 ? "s" : "", u.dir, u.suggested_to,
                              u.like_rule >= 0 ? fmt::format(" (like the rule at line {})", rules[u.like_rule].pos.line) : "",
                              error ? "; policy no_numeric_prefix forbids it to stay (--allow-new: a warning)" : ""),
                  {u.dir, u.suggested_to});
  }
  if (options.allow_missing && !rules.empty() && missing.size() == rules.size()) {
    sink.note(mapping.path, {}, fmt::format("none of the {} sources is in the tree: the mapping has been applied already", rules.size()));
  } else {
    for (diag::Diagnostic& d : missing) {
      if (!options.allow_missing) as_missing_error(d);
      sink.report(d.severity, d.path, d.pos, d.message);
    }
  }

  // Two files on one path (whether both moved or one stays), and case-only clashes.
  std::unordered_map<std::string_view, std::size_t> by_new;
  std::unordered_map<std::string_view, std::size_t, FoldedHash, FoldedEqual> by_folded;
  by_new.reserve(plan.files.size());
  by_folded.reserve(plan.files.size());
  auto rule_pos = [&](const PlannedFile& f) {
    return f.move >= 0 ? rules[plan.moves[f.move].rule].to_pos : diag::Position{};
  };
  auto describe = [&](const PlannedFile& f) {
    if (!f.moved()) return fmt::format("`{}` (stays)", f.old_path);
    return fmt::format("`{}` (rule at line {})", f.old_path, rules[plan.moves[f.move].rule].pos.line);
  };
  for (std::size_t i = 0; i < plan.files.size(); ++i) {
    const PlannedFile& f = plan.files[i];
    auto [it, inserted] = by_new.emplace(f.new_path, i);
    if (!inserted) {
      const PlannedFile& g = plan.files[it->second];
      const PlannedFile& mover = f.moved() ? f : g;
      bool one_stays = !f.moved() || !g.moved();
      report.report(one_stays ? "collision with a file that stays" : "two sources on one path", diag::Severity::error,
                    rule_pos(mover),
                    one_stays ? fmt::format("`{}` would land on `{}`, a file that stays; {} and {}", mover.old_path, f.new_path,
                                            describe(g), describe(f))
                              : fmt::format("two files would land on `{}`: {} and {}", f.new_path, describe(g), describe(f)),
                    {mover.old_path, f.new_path, g.old_path, f.old_path});
      continue;
    }
    auto [lit, linserted] = by_folded.emplace(f.new_path, i);
    if (!linserted && plan.files[lit->second].new_path != f.new_path) {
      report.report("case-only clash", diag::Severity::warning, rule_pos(f.moved() ? f : plan.files[lit->second]),
                    fmt::format("`{}` and `{}` differ only in case: they collide on macOS and Windows checkouts",
                                plan.files[lit->second].new_path, f.new_path),
                    {plan.files[lit->second].new_path, f.new_path});
    }
  }

  // A file where another file needs a directory.
  std::unordered_set<std::string_view> new_dirs;
  new_dirs.reserve(plan.files.size() / 4);
  for (const PlannedFile& f : plan.files) {
    std::string_view p = core::parent_dir(f.new_path);
    while (!p.empty() && new_dirs.insert(p).second) p = core::parent_dir(p);
  }
  for (const PlannedFile& f : plan.files) {
    if (!new_dirs.count(f.new_path)) continue;
    const PlannedFile* other = nullptr;
    for (const PlannedFile& g : plan.files)
      if (core::is_path_prefix(f.new_path, g.new_path) && g.new_path != f.new_path) { other = &g; break; }
    report.report("file and directory on one path", diag::Severity::error, rule_pos(f.moved() ? f : *other),
                  fmt::format("`{}` would be both a file ({}) and a directory (holding `{}` from `{}`)", f.new_path,
                              describe(f), other->new_path, other->old_path),
                  {f.new_path, f.old_path, other->new_path, other->old_path});
  }
  return plan;
}

}  // namespace gitreorg::plan

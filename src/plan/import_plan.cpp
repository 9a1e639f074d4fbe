// Planning an import: the host's planner runs on the imported tree (so `from`/`match` mean what they
// mean for the host), then the rules only imports have: nothing is left unmapped, nothing collides.
#include "gitreorg/plan/import_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "gitreorg/core/path.hpp"
#include "gitreorg/plan/policy.hpp"

namespace gitreorg::plan {
namespace {

constexpr std::size_t kMaxListed = 10;

// The planner's diagnostics, each naming the import. The planner's advice about re-applying a
// mapping does not apply: the imported tree is read from the sibling, which apply never changes.
void relay(const diag::Sink& from, const std::string& name, diag::Sink& to) {
  static const std::string kAllowMissing = "; use --allow-missing to re-apply a mapping";
  for (diag::Diagnostic d : from.all()) {
    if (auto at = d.message.find(kAllowMissing); at != std::string::npos) d.message.erase(at, kAllowMissing.size());
    to.report(d.severity, d.path, d.pos, fmt::format("import `{}`: {}", name, d.message)).names = d.names;
  }
}

// The first kMaxListed of `items`, each in backticks unless it is a phrase that holds its own.
std::string listed(const std::vector<std::string>& items, bool quoted = true) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < kMaxListed; ++i)
    out += std::string(i ? (quoted ? ", " : "; ") : "") + (quoted ? "`" + items[i] + "`" : items[i]);
  if (items.size() > kMaxListed) out += fmt::format(" and {} more", items.size() - kMaxListed);
  return out;
}

// The directory (or, at the top, the file) holding most of `paths`, and how many it holds: a `from:`
// that would map them.
std::pair<std::string, std::size_t> best_from(const std::vector<std::string>& paths) {
  std::map<std::string, std::size_t> count;
  for (const std::string& p : paths) {
    auto slash = p.find('/');
    ++count[slash == std::string::npos ? p : p.substr(0, slash)];
  }
  auto best = std::max_element(count.begin(), count.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  return *best;
}

}  // namespace

int drop_entry(const mapping::Import& import, std::string_view path) {
  for (std::size_t i = 0; i < import.drop.size(); ++i)
    if (core::is_path_prefix(import.drop[i].path, path)) return static_cast<int>(i);
  return -1;
}

void plan_import(const mapping::Mapping& mapping, ImportPlan& ip, diag::Sink& sink) {
  const mapping::Import& imp = mapping.imports.at(ip.import);
  // Dropped files first: the planner sees only what is kept.
  core::Tree kept;
  kept.reserve(ip.tree.size());
  std::vector<std::size_t> drop_hits(imp.drop.size(), 0);
  for (const core::TreeEntry& e : ip.tree) {
    int d = drop_entry(imp, e.path);
    if (d < 0) {
      kept.push_back(e);
      continue;
    }
    ++drop_hits[static_cast<std::size_t>(d)];
    ip.dropped.push_back(e.path);
  }
  for (std::size_t i = 0; i < imp.drop.size(); ++i)
    if (drop_hits[i] == 0)
      sink.error(mapping.path, imp.drop[i].pos,
                 fmt::format("import `{}`: `drop: {}` is not in the imported tree", imp.name, imp.drop[i].path));

  diag::Sink planned;
  ip.plan = plan_moves(ip.rules, kept, PlanOptions{}, planned);
  ip.plan.commit = ip.commit;
  check_policy(ip.rules, ip.plan, planned);
  relay(planned, imp.name, sink);

  // An imported file has no place of its own in the host: each is moved or dropped, explicitly.
  std::vector<std::string> unmapped;
  for (const PlannedFile& f : ip.plan.files)
    if (f.move < 0) unmapped.push_back(f.old_path);
  if (!unmapped.empty()) {
    auto [from, n] = best_from(unmapped);
    sink.error(mapping.path, imp.moves_pos.line ? imp.moves_pos : imp.pos,
               fmt::format("import `{}`: {} file{} of the imported tree {} neither moved nor dropped: {}; add a move "
                           "(`- from: {}` with its `to:` would take {} of them) or list them under `drop:`",
                           imp.name, unmapped.size(), unmapped.size() == 1 ? "" : "s", unmapped.size() == 1 ? "is" : "are",
                           listed(unmapped), from, n))
        .names = unmapped;
  }
}

void check_import_history(const mapping::Mapping& mapping, const ImportPlan& ip, const std::vector<std::string>& unmapped,
                          const std::vector<std::string>& clashes, diag::Sink& sink) {
  const mapping::Import& imp = mapping.imports.at(ip.import);
  auto at = imp.moves_pos.line ? imp.moves_pos : imp.pos;
  if (!unmapped.empty()) {
    auto [from, n] = best_from(unmapped);
    sink.error(mapping.path, at,
               fmt::format("import `{}`: {} path{} of older commits {} neither moved nor dropped: {}; its history cannot "
                           "be rewritten: add a move (`- from: {}` with its `to:` would take {} of them) or list them "
                           "under `drop:`",
                           imp.name, unmapped.size(), unmapped.size() == 1 ? "" : "s", unmapped.size() == 1 ? "is" : "are",
                           listed(unmapped), from, n))
        .names = unmapped;
  }
  if (!clashes.empty())
    sink.error(mapping.path, at,
               fmt::format("import `{}`: two paths of one older commit would land on one path: {}", imp.name, listed(clashes, false)));
}

void check_import_collisions(const mapping::Mapping& mapping, const Plan& host, const std::vector<ImportPlan>& imports,
                             diag::Sink& sink) {
  // Every path taken so far (files, and the directories they imply), with who took it.
  std::unordered_map<std::string, std::string> files, dirs;
  auto take = [&](const std::string& path, const std::string& who) {
    files.emplace(path, who);
    for (std::string_view p = core::parent_dir(path); !p.empty(); p = core::parent_dir(p))
      if (!dirs.emplace(std::string(p), who).second) break;
  };
  for (const PlannedFile& f : host.files) take(f.new_path, fmt::format("`{}` of this repository", f.old_path));
  for (const ImportPlan& ip : imports) {
    if (!ip.merged_by.empty()) continue;
    const mapping::Import& imp = mapping.imports.at(ip.import);
    std::size_t reported = 0;
    auto report = [&](const PlannedFile& f, std::string msg, std::vector<std::string> names) {
      if (++reported > kMaxListed) return;
      diag::Position pos = f.move >= 0 ? ip.rules.rules[ip.plan.moves[f.move].rule].to_pos : imp.pos;
      sink.error(mapping.path, pos, fmt::format("import `{}`: {}", imp.name, msg)).names = std::move(names);
    };
    for (const PlannedFile& f : ip.plan.files) {
      if (auto it = files.find(f.new_path); it != files.end()) {
        report(f, fmt::format("`{}` would land on `{}`, where {} is", f.old_path, f.new_path, it->second),
               {f.old_path, f.new_path});
      } else if (auto d = dirs.find(f.new_path); d != dirs.end()) {
        report(f, fmt::format("`{}` would land on `{}`, a directory (holding {})", f.old_path, f.new_path, d->second),
               {f.old_path, f.new_path});
      } else {
        for (std::string_view p = core::parent_dir(f.new_path); !p.empty(); p = core::parent_dir(p))
          if (auto g = files.find(std::string(p)); g != files.end()) {
            report(f, fmt::format("`{}` would land on `{}`, below `{}`, a file ({})", f.old_path, f.new_path, p, g->second),
                   {f.old_path, f.new_path, std::string(p)});
            break;
          }
      }
    }
    if (reported > kMaxListed)
      sink.error(mapping.path, imp.pos, fmt::format("import `{}`: ... and {} more collisions", imp.name, reported - kMaxListed));
    for (const PlannedFile& f : ip.plan.files) take(f.new_path, fmt::format("`{}` of import `{}`", f.old_path, imp.name));
  }
}

}  // namespace gitreorg::plan

// Inverting a plan: swap every concrete move, then let the planner itself say where that falls short
// and pin those files with rules of their own, so the inverse is exact by construction.
#include "gitreorg/plan/invert.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <stdexcept>
#include <unordered_map>

namespace gitreorg::plan {
namespace {

// Where the inverse rules send each file of the new tree (new path -> planned path).
std::unordered_map<std::string, std::string> plan_inverse(const Inverse& inv, const core::Tree& new_tree) {
  diag::Sink ignored;  // an identity rule warns "moves onto itself": that is what pins a file
  Plan p = plan_moves(inverse_mapping(inv), new_tree, {}, ignored);
  std::unordered_map<std::string, std::string> out;
  for (const PlannedFile& f : p.files) out.emplace(f.old_path, f.new_path);
  return out;
}

// `pins` (file rules) as few rules as can be: every file of a directory of the new tree pinned the
// same way (NEW_DIR/x -> OLD_DIR/x for each of its files) is one rule for the directory, the
// shallowest such. Sorted by `from`.
std::vector<InverseRule> group_by_directory(std::vector<InverseRule> pins, const core::Tree& new_tree) {
  std::unordered_map<std::string, std::size_t> files_under;  // directory of the new tree -> its files
  for (const core::TreeEntry& e : new_tree)
    for (std::size_t slash = e.path.find('/'); slash != std::string::npos; slash = e.path.find('/', slash + 1))
      ++files_under[e.path.substr(0, slash)];
  // (new directory, old directory) -> pinned files under it that it would carry right.
  std::map<std::pair<std::string, std::string>, std::size_t> carried;
  auto candidates = [](const InverseRule& p, auto&& each) {
    for (std::size_t slash = p.from.find('/'); slash != std::string::npos; slash = p.from.find('/', slash + 1)) {
      std::string_view suffix = std::string_view(p.from).substr(slash);
      if (!p.to.ends_with(suffix)) continue;
      each(p.from.substr(0, slash), p.to.substr(0, p.to.size() - suffix.size()));
    }
  };
  for (const InverseRule& p : pins) candidates(p, [&](std::string d, std::string o) { ++carried[{std::move(d), std::move(o)}]; });
  std::map<std::string, InverseRule> out;  // by `from`
  for (InverseRule& p : pins) {
    std::optional<std::pair<std::string, std::string>> best;  // the shallowest directory that is all pinned alike
    candidates(p, [&](std::string d, std::string o) {
      if (!best && carried[{d, o}] == files_under[d]) best.emplace(std::move(d), std::move(o));
    });
    if (best) {
      std::string why = best->first == best->second ? "did not move: stays" : p.why;
      out.try_emplace(best->first, InverseRule{best->first, best->second, std::move(why)});
    } else {
      std::string from = p.from;
      out.try_emplace(from, std::move(p));
    }
  }
  std::vector<InverseRule> rules;
  for (auto& [from, r] : out) rules.push_back(std::move(r));
  return rules;
}

}  // namespace

mapping::Mapping inverse_mapping(const Inverse& inverse) {
  mapping::Mapping m;
  m.path = "(inverse)";
  for (const InverseRule& r : inverse.rules) {
    mapping::Rule rule;
    rule.kind = mapping::Rule::Kind::move;
    rule.from = r.from;
    rule.to = r.to;
    m.rules.push_back(std::move(rule));
  }
  return m;
}

Inverse invert_plan(const mapping::Mapping& mapping, const Plan& plan) {
  Inverse inv;
  std::set<std::string> froms;
  for (const ConcreteMove& c : plan.moves) {
    if (c.from == c.to || !froms.insert(c.to).second) continue;  // two moves into one directory: per-file rules below
    const mapping::Rule& rule = mapping.rules[static_cast<std::size_t>(c.rule)];
    std::string why = rule.kind == mapping::Rule::Kind::move
                          ? fmt::format("line {}: from {}", rule.pos.line, rule.from)
                          : fmt::format("line {}: match {} on {}", rule.pos.line, rule.from, c.from);
    inv.rules.push_back({c.to, c.from, std::move(why)});
  }
  core::Tree new_tree;
  for (const PlannedFile& f : plan.files) {
    new_tree.push_back({f.new_path, f.mode, f.oid});
    inv.files += f.moved();
  }
  std::sort(new_tree.begin(), new_tree.end(), [](const core::TreeEntry& a, const core::TreeEntry& b) { return a.path < b.path; });
  std::unordered_map<std::string, std::string> back = plan_inverse(inv, new_tree);
  std::vector<InverseRule> pins;
  for (const PlannedFile& f : plan.files)
    if (back.at(f.new_path) != f.old_path)
      pins.push_back({f.new_path, f.old_path,
                      f.moved() ? "files the directory rules above do not bring back" : "did not move: stays"});
  pins = group_by_directory(std::move(pins), new_tree);
  for (InverseRule& p : pins) inv.rules.push_back(std::move(p));
  if (!pins.empty()) {
    back = plan_inverse(inv, new_tree);
    for (const PlannedFile& f : plan.files)
      if (back.at(f.new_path) != f.old_path)
        throw std::logic_error(fmt::format("the inverse sends `{}` to `{}`, not `{}`", f.new_path, back.at(f.new_path), f.old_path));
  }
  return inv;
}

}  // namespace gitreorg::plan

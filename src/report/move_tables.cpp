// Tables of moves for other tools. Each reads the plan and the move model; nothing is computed here
// that the planner or the inverse did not decide.
#include "gitreorg/report/move_tables.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "gitreorg/core/path.hpp"
#include "gitreorg/plan/move_model.hpp"
#include "gitreorg/plan/path_mapper.hpp"

namespace gitreorg::report {
namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// A repository path as a URL path: unreserved bytes and `/` as they are, the rest percent-encoded
// (a space would split a `_redirects` line).
std::string url_path(std::string_view path) {
  std::string out = "/";
  for (unsigned char c : path) {
    if (std::isalnum(c) || std::string_view("-._~/").find(static_cast<char>(c)) != std::string_view::npos)
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

// YAML single-quoted scalar.
std::string yaml_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::string render_plan_csv(const plan::RepositoryPlan& rp) {
  std::string out = "old_path,new_path\r\n";
  for (const plan::PlannedFile& f : rp.plan.files)
    if (f.moved()) out += csv_field(f.old_path) + "," + csv_field(f.new_path) + "\r\n";
  return out;
}

std::string render_redirects(const plan::RepositoryPlan& rp) {
  const plan::MoveModel& moves = rp.move_model();
  // Directories that a rule moves (not a directory whose files merely share a destination), and that
  // the line of the directory above would not send to the same place; deepest first.
  const plan::PathMapper* mapper = moves.mapper();
  std::vector<std::pair<std::string, std::string>> dirs;
  auto splat = [&](std::string_view path) -> std::optional<std::string> {
    for (auto it = dirs.rbegin(); it != dirs.rend(); ++it)  // shallowest first while collecting: the last is the deepest
      if (core::is_path_prefix(it->first, path)) return it->second + std::string(path.substr(it->first.size()));
    return std::nullopt;
  };
  for (const std::string& d : plan::directories_of(rp.tree)) {  // parents before children
    if (moves.dissolved(d)) continue;
    auto to = moves.new_path(d);
    if (!to || *to == d || to->empty() || (mapper && !mapper->map(d, true).move)) continue;
    if (splat(d) == *to) continue;
    dirs.emplace_back(d, *to);
  }
  std::stable_sort(dirs.begin(), dirs.end(), [](const auto& a, const auto& b) {
    return std::count(a.first.begin(), a.first.end(), '/') > std::count(b.first.begin(), b.first.end(), '/');
  });
  std::string files, dir_lines;
  for (const plan::PlannedFile& f : rp.plan.files) {
    if (!f.moved()) continue;
    // The deepest directory line that matches the file, and what its splat gives.
    std::string given;
    for (const auto& [from, to] : dirs)
      if (core::is_path_prefix(from, f.old_path)) {
        given = to + f.old_path.substr(from.size());
        break;
      }
    if (given != f.new_path) files += fmt::format("{} {} 301\n", url_path(f.old_path), url_path(f.new_path));
  }
  for (const auto& [from, to] : dirs)
    dir_lines += fmt::format("{0} {1} 301\n{0}/* {1}/:splat 301\n", url_path(from), url_path(to));
  return fmt::format("# Redirects for the reorganization by {} of {} (git reorg plan --format redirects)\n{}{}",
                     rp.mapping_display_name(), rp.commit.substr(0, 12), files, dir_lines);
}

std::string render_inverse_mapping(const plan::RepositoryPlan& rp, const plan::Inverse& inverse) {
  const mapping::Mapping& m = rp.mapping;
  std::string out = fmt::format(
      "# The inverse of {} (git reorg invert) on {}: moves the new layout back to the old one.\n"
      "# `from` rules are swapped; `match` rules are inverted as the concrete moves they made on that tree.\n"
      "# {} files move back.{}\n"
      "version: 1\n",
      rp.mapping_display_name(), rp.commit.substr(0, 12), inverse.files,
      m.imports.empty() ? "" : "\n# Imports are not inverted: the imported files stay where the import put them.");
  if (m.repository && !m.repository->urls.empty()) {
    const mapping::Repository& r = *m.repository;
    std::vector<std::string> urls = r.urls;
    if (!r.new_url.empty() && std::find(urls.begin(), urls.end(), r.new_url) == urls.end()) urls.insert(urls.begin(), r.new_url);
    out += "repository:\n  urls:\n";
    for (const std::string& u : urls) out += "    - " + yaml_quote(u) + "\n";
    out += "  branches: [";
    for (std::size_t i = 0; i < r.branches.size(); ++i) out += (i ? ", " : "") + yaml_quote(r.branches[i]);
    out += "]\n";
    if (!r.name.empty()) out += "  name: " + yaml_quote(r.name) + "\n";
  }
  out += inverse.rules.empty() ? "moves: []\n" : "moves:\n";
  for (const plan::InverseRule& rule : inverse.rules)
    out += fmt::format("  - from: {}\n    to: {}\n    reason: {}\n", yaml_quote(rule.from), yaml_quote(rule.to), yaml_quote(rule.why));
  return out;
}

}  // namespace gitreorg::report

// "Moved to" READMEs for an archived import, built from its plan alone.
#include "gitreorg/plan/import_stubs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "gitreorg/core/path.hpp"
#include "gitreorg/markdown/link_path.hpp"

namespace gitreorg::plan {
namespace {

std::string top_segment(std::string_view path) {
  std::size_t slash = path.find('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(0, slash));
}

bool kept_for_legal_reasons(std::string_view name) {
  for (std::string_view prefix : {"LICENSE", "LICENCE", "COPYING", "NOTICE"})
    if (name.size() >= prefix.size() && core::iequals(name.substr(0, prefix.size()), prefix)) return true;
  return false;
}

// A link to a host path: `tree/` for a directory, `blob/` for a file.
std::string host_link(const std::string& host_url, const std::string& branch, const std::string& path, bool directory) {
  return fmt::format("{}/{}/{}/{}", host_url, directory ? "tree" : "blob", branch,
                     markdown::encode_like(path, "", markdown::Syntax::url));
}

std::string code(std::string_view s) { return fmt::format("`{}`", s); }

}  // namespace

std::vector<StubFile> import_stubs(const mapping::Import& imp, const ImportPlan& ip, const std::string& host_url,
                                   const std::string& branch) {
  // Each concrete move (a `from`, or one directory a `match` found), with whether it moved a directory.
  struct Row {
    std::string from, to;
    bool directory;
  };
  std::vector<Row> rows;
  for (const ConcreteMove& m : ip.plan.moves) {
    bool file = std::any_of(ip.tree.begin(), ip.tree.end(), [&](const core::TreeEntry& e) { return e.path == m.from; });
    rows.push_back({m.from, m.to, !file});
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.from < b.from; });
  std::string host_name(core::base_name(host_url));
  auto table = [&](const std::vector<const Row*>& of) {
    std::string out = "| Was here | Now |\n|---|---|\n";
    for (const Row* r : of)
      out += fmt::format("| {} | [{}]({}) |\n", code(r->from + (r->directory ? "/" : "")), r->to,
                         host_link(host_url, branch, r->to, r->directory));
    return out;
  };

  std::vector<StubFile> out;
  std::vector<const Row*> all;
  for (const Row& r : rows) all.push_back(&r);
  std::string root = fmt::format(
      "# {} has moved\n\n"
      "This repository is now part of [{}]({}), with its history: each of its commits there names the\n"
      "original commit of this repository in a `Reorg-Original-Commit:` trailer. This repository is\n"
      "archived; open issues and pull requests in {} instead.\n\n{}",
      imp.name, host_name, host_url, host_name, table(all));
  if (!ip.dropped.empty()) {
    root += "\nNot imported (the host has its own, or they were left behind on purpose):\n\n";
    for (const std::string& d : ip.dropped) root += fmt::format("- {}\n", code(d));
  }
  out.push_back({"README.md", std::move(root)});

  std::map<std::string, std::vector<const Row*>> by_top;
  // Not in `.github/` and the like: GitHub would show `.github/README.md` as the repository's front page.
  for (const Row& r : rows)
    if ((r.from.find('/') != std::string::npos || r.directory) && r.from.front() != '.') by_top[top_segment(r.from)].push_back(&r);
  for (const auto& [dir, of] : by_top)
    out.push_back({dir + "/README.md", fmt::format("# {} has moved\n\nThe content of {} is now in [{}]({}):\n\n{}\n"
                                                   "See [the repository's README](../README.md) for everything else.\n",
                                                   dir, code(dir + "/"), host_name, host_url, table(of))});
  return out;
}

core::Tree stub_tree(const ImportPlan& ip, const std::vector<StubFile>& stubs, const std::vector<std::string>& stub_blobs) {
  core::Tree out;
  for (std::size_t i = 0; i < stubs.size(); ++i) out.push_back({stubs[i].path, core::kModeFile, stub_blobs.at(i)});
  for (const core::TreeEntry& e : ip.tree)
    if (e.path.find('/') == std::string::npos && kept_for_legal_reasons(e.path)) out.push_back(e);
  std::sort(out.begin(), out.end(), [](const core::TreeEntry& a, const core::TreeEntry& b) { return a.path < b.path; });
  return out;
}

}  // namespace gitreorg::plan

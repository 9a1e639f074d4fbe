// Link checking: scan every Markdown file once (links, headings, anchors), then resolve every link.
#include "gitreorg/links/check_links.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "gitreorg/core/edit.hpp"
#include "gitreorg/core/path.hpp"
#include "gitreorg/core/progress.hpp"
#include "gitreorg/core/tree_index.hpp"
#include "gitreorg/markdown/markdown_scan.hpp"
#include "gitreorg/markdown/resolve_link.hpp"
#include "gitreorg/markdown/scan_cache.hpp"
#include "gitreorg/markdown/slug.hpp"

namespace gitreorg::links {
namespace {

// Not its text: every document of both trees is held until the last link is checked, and the scan
// has what the check needs (a broken link's file is read again to be quoted).
struct Document {
  std::string oid;
  std::shared_ptr<const markdown::MarkdownScan> scan;
  std::set<std::string> anchors;
};

// `L10` or `L10-L20`: the first line number, or nullopt when `fragment` is no line anchor.
std::optional<long> line_anchor(std::string_view fragment) {
  if (fragment.size() < 2 || fragment[0] != 'L') return std::nullopt;
  std::size_t i = 1;
  long first = 0;
  while (i < fragment.size() && std::isdigit(static_cast<unsigned char>(fragment[i]))) first = first * 10 + (fragment[i++] - '0');
  if (i == 1) return std::nullopt;
  if (i == fragment.size()) return first;
  if (fragment.substr(i, 2) != "-L" || i + 2 >= fragment.size()) return std::nullopt;
  for (i += 2; i < fragment.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(fragment[i]))) return std::nullopt;
  return first;
}

std::size_t line_count(std::string_view text) {
  std::size_t n = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  return n + (!text.empty() && text.back() != '\n' ? 1 : 0);
}

}  // namespace

CheckSummary check_links(const core::Tree& tree, const core::BlobReader& read_blob,
                         const CheckOptions& options, diag::Sink& sink) {
  CheckSummary summary;
  core::TreeIndex paths(tree);
  // 1. Every Markdown file: its links, and the anchors others may link to.
  std::map<std::string, Document> docs;
  auto is_document = [](const core::TreeEntry& e) {
    return markdown::is_markdown_path(e.path) && (e.mode == core::kModeFile || e.mode == core::kModeExecutable);
  };
  std::optional<core::Progress> shown;
  if (!options.progress.empty()) shown.emplace(options.progress, std::count_if(tree.begin(), tree.end(), is_document));
  for (const core::TreeEntry& e : tree) {
    if (!is_document(e)) continue;
    if (shown) shown->add();
    Document d;
    d.oid = e.oid;
    if (options.scans) d.scan = options.scans->find(e.oid);  // parsed by the rewrite: no need to read it
    if (!d.scan) {
      std::string text = read_blob(e.oid);
      d.scan = options.scans ? options.scans->scan(e.oid, text) : std::make_shared<const markdown::MarkdownScan>(markdown::scan_markdown(text));
    }
    if (!d.scan->skipped.empty()) sink.warning(e.path, {}, "links not checked: " + d.scan->skipped);
    markdown::Slugger slugger;
    for (const markdown::Heading& h : d.scan->headings) d.anchors.insert(slugger.slug(h.text));
    for (const std::string& a : d.scan->html_anchors) d.anchors.insert(a);
    docs.emplace(e.path, std::move(d));
  }
  // The README GitHub shows below each directory's listing, a Markdown one first; for the root, the one
  // in `.github/`, else the root's, else the one in `docs/`.
  std::map<std::string, std::string> readmes;
  for (const core::TreeEntry& e : tree) {
    if (!core::is_readme(e.path)) continue;
    auto [it, added] = readmes.emplace(core::parent_dir(e.path), e.path);
    if (!added && !docs.count(it->second) && docs.count(e.path)) it->second = e.path;
  }
  auto readme_of = [&](const std::string& dir) -> std::string {
    for (const std::string& d : dir.empty() ? std::vector<std::string>{".github", "", "docs"} : std::vector<std::string>{dir})
      if (auto it = readmes.find(d); it != readmes.end()) return it->second;
    return "";
  };
  std::map<std::string, std::size_t> lines_of;  // non-Markdown files named by `#L` anchors
  auto has_anchor = [&](const std::string& target, const std::string& fragment) {
    if (auto it = docs.find(target); it != docs.end()) {
      std::string f = fragment.rfind("user-content-", 0) == 0 ? fragment.substr(13) : fragment;
      return it->second.anchors.count(f) || it->second.anchors.count(core::to_lower(f));
    }
    auto n = line_anchor(fragment);
    if (!n) return true;  // anchors in other file types (notebooks, HTML) are not checked
    const core::TreeEntry* entry = paths.entry(target);
    if (!entry) return true;
    auto [it, inserted] = lines_of.emplace(target, 0);
    if (inserted) it->second = line_count(read_blob(entry->oid));
    return *n >= 1 && static_cast<std::size_t>(*n) <= it->second;
  };

  // 2. Every link of every file.
  for (auto& [path, doc] : docs) {
    ++summary.files;
    bool reported = false;
    for (const markdown::MarkdownLink& link : doc.scan->links) {
      std::string_view raw = link.raw;
      markdown::Syntax syntax = link.located ? link.syntax : markdown::Syntax::url;
      markdown::ResolvedLink r = markdown::resolve_link(path, raw, syntax, paths);
      using S = markdown::ResolvedLink::Status;
      if (r.status == S::external) continue;
      ++summary.links;
      diag::Position pos{link.line, link.located ? link.column : 0};
      std::string problem, named;  // the message, and the path of the tree it names
      if (r.status == S::outside) {
        sink.warning(path, pos, fmt::format("link `{}` leaves the repository", raw));
        reported = true;
        continue;
      }
      if (r.status == S::broken) {
        problem = fmt::format("broken link `{}`: `{}` does not exist", raw, named = r.target);
      } else if (options.anchors && r.has_fragment && !r.fragment.empty()) {
        std::string target = r.status == S::anchor ? path : r.target;
        if (r.status == S::anchor || r.kind == core::PathKind::file) {
          if (!has_anchor(target, r.fragment))
            problem = fmt::format("broken link `{}`: no anchor `#{}` in `{}`", raw, r.fragment, named = target);
        } else if (r.kind == core::PathKind::directory) {
          // A directory's page shows its README (`#readme` is where it starts).
          std::string readme = readme_of(target);
          if (readme.empty())
            problem = fmt::format("broken link `{}`: no anchor `#{}`: `{}` has no README", raw, r.fragment,
                                  named = target.empty() ? "/" : target);
          else if (r.fragment != "readme" && !has_anchor(readme, r.fragment))
            problem = fmt::format("broken link `{}`: no anchor `#{}` in `{}`", raw, r.fragment, named = readme);
        }
      }
      if (problem.empty()) continue;
      ++summary.broken;
      reported = true;
      BrokenLink& b = summary.broken_links.emplace_back(BrokenLink{path, pos, std::string(raw), problem, std::nullopt, {named}});
      if (options.repairs && r.status == S::broken) b.repair = options.repairs->repair(path, r.raw_path, syntax);
      sink.error(path, pos, std::move(problem)).names = b.names;
    }
    if (reported) sink.add_source(path, read_blob(doc.oid));
  }
  return summary;
}

}  // namespace gitreorg::links

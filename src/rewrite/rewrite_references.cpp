// The rewrite driver: one pass over the plan's files, each blob read once, each kind of reference
// handed to its rewriter, the edits of one file merged and applied.
#include "gitreorg/rewrite/rewrite_references.hpp"

#include <algorithm>
#include <optional>

#include "gitreorg/links/markdown_scan.hpp"
#include "gitreorg/rewrite/github_urls.hpp"
#include "gitreorg/rewrite/markdown_links.hpp"
#include "gitreorg/rewrite/move_map.hpp"
#include "gitreorg/rewrite/symlinks.hpp"

namespace gitreorg::rewrite {
namespace {

// Git's own heuristic: a NUL byte in the first 8000 bytes means binary.
bool is_text(std::string_view content) { return content.substr(0, 8000).find('\0') == std::string_view::npos; }

}  // namespace

ReferenceRewrite rewrite_references(const mapping::Mapping& mapping, const plan::Tree& tree, const plan::Plan& plan,
                                    const BlobReader& read_blob) {
  ReferenceRewrite out;
  plan::PathMapper mapper(mapping);
  MoveMap moves(tree, plan.files, &mapper);
  bool new_url = mapping.repository && !mapping.repository->new_url.empty();
  if (!moves.any_moves() && !new_url) return out;
  std::optional<GithubUrls> urls;
  if (mapping.repository) urls.emplace(*mapping.repository, moves);
  std::size_t pinned = 0;

  for (const plan::PlannedFile& f : plan.files) {
    bool markdown = links::is_markdown_path(f.old_path);
    bool regular = f.mode == plan::kModeFile || f.mode == plan::kModeExecutable;
    if (f.mode == plan::kModeSymlink) {
      std::string target = read_blob(f.oid);
      if (auto e = rewrite_symlink(f.old_path, f.new_path, target, moves, out.diagnostics)) {
        ++out.counts[e->kind];
        FileRewrite fr{f.old_path, f.new_path, f.mode, apply_edits(target, {*e}), {*e}};
        out.files.push_back(std::move(fr));
      }
      continue;
    }
    if (!regular || (!markdown && !urls)) continue;
    std::string content = read_blob(f.oid);
    if (!is_text(content)) continue;
    std::vector<Edit> edits;
    if (markdown) edits = rewrite_markdown_links(f.old_path, f.new_path, content, moves, out.diagnostics);
    if (urls) {
      // Markdown links leave absolute URLs alone, so the two never edit the same bytes.
      for (Edit& e : urls->rewrite_text(f.old_path, content, pinned, out.diagnostics)) edits.push_back(std::move(e));
    }
    if (edits.empty()) continue;
    std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.offset < b.offset; });
    for (const Edit& e : edits) ++out.counts[e.kind];
    std::string updated = apply_edits(content, edits);
    out.files.push_back(FileRewrite{f.old_path, f.new_path, f.mode, std::move(updated), std::move(edits)});
  }
  if (pinned) out.counts["pinned-url"] = pinned;
  return out;
}

ReferenceRewrite rewrite_references(const plan::RepositoryPlan& rp, const BlobReader& read_blob) {
  return rewrite_references(rp.mapping, rp.tree, rp.plan, read_blob);
}

}  // namespace gitreorg::rewrite

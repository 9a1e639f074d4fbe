// The table of reference kinds, in the order they run on a file (as ninja lists its subtools in
// kTools). Adding a kind is one file with its `applies` and `rewrite` functions and one row here;
// docs/references.md documents every name below (a test checks it).
#include <algorithm>
#include <array>

#include "gitreorg/rewrite/dependabot.hpp"
#include "gitreorg/rewrite/github_urls.hpp"
#include "gitreorg/rewrite/gitmodules.hpp"
#include "gitreorg/rewrite/markdown_links.hpp"
#include "gitreorg/rewrite/path_mentions.hpp"
#include "gitreorg/rewrite/pattern_files.hpp"
#include "gitreorg/rewrite/reference_kind.hpp"
#include "gitreorg/rewrite/symlinks.hpp"
#include "gitreorg/rewrite/workflows.hpp"

namespace gitreorg::rewrite {
namespace {

constexpr std::string_view kSymlinkEdits[] = {"symlink"};
constexpr std::string_view kMarkdownEdits[] = {"markdown-link", "html-link", "link-text", "broken-link-fix"};
constexpr std::string_view kUrlEdits[] = {"github-url", "broken-url-fix", "commit-url"};
constexpr std::string_view kUrlCounts[] = {"pinned-url"};
constexpr std::string_view kWorkflowEdits[] = {"workflow-filter", "workflow-path", "hash-files"};
constexpr std::string_view kWorkflowCounts[] = {"filter-changed", "workflow-text", "commented-filter"};
constexpr std::string_view kGitmodulesEdits[] = {"gitmodules"};
constexpr std::string_view kDependabotEdits[] = {"dependabot"};
constexpr std::string_view kPatternEdits[] = {"codeowners", "gitignore", "gitattributes"};
constexpr std::string_view kPatternCounts[] = {"pattern-changed"};
constexpr std::string_view kMentionEdits[] = {"path-mention"};

// A path mention is the least specific reading of some bytes: it gives way to a link, a URL or a
// filter that claims them too.
constexpr int kSpecific = 1;
constexpr int kMention = 0;

const ReferenceKind kKinds[] = {
    // name           edit kinds        counted          priority   exclusive  literal
    {"symlink",       kSymlinkEdits,    {},              kSpecific, true,      false,   symlink_applies,       symlink_rewrite},
    {"markdown-link", kMarkdownEdits,   {},              kSpecific, false,     true,    markdown_link_applies, markdown_link_rewrite},
    {"github-url",    kUrlEdits,        kUrlCounts,      kSpecific, false,     true,    github_url_applies,    github_url_rewrite},
    {"workflow",      kWorkflowEdits,   kWorkflowCounts, kSpecific, true,      false,   workflow_applies,      workflow_rewrite},
    {"gitmodules",    kGitmodulesEdits, {},              kSpecific, true,      false,   gitmodules_applies,    gitmodules_rewrite},
    {"dependabot",    kDependabotEdits, {},              kSpecific, true,      false,   dependabot_applies,    dependabot_rewrite},
    {"pattern-file",  kPatternEdits,    kPatternCounts,  kSpecific, true,      false,   pattern_file_applies,  pattern_file_rewrite},
    {"path-mention",  kMentionEdits,    {},              kMention,  true,      true,    path_mention_applies,  path_mention_rewrite},
};

int priority_of(std::string_view edit_kind) {
  const ReferenceKind* k = kind_of_edit(edit_kind);
  return k ? k->priority : kSpecific;
}

}  // namespace

std::span<const ReferenceKind> reference_kinds() { return kKinds; }

const ReferenceKind* kind_of_edit(std::string_view edit_kind) {
  for (const ReferenceKind& k : kKinds)
    if (std::find(k.edit_kinds.begin(), k.edit_kinds.end(), edit_kind) != k.edit_kinds.end()) return &k;
  return nullptr;
}

std::vector<core::Edit> merge_edits(std::vector<core::Edit> edits) {
  std::stable_sort(edits.begin(), edits.end(), [](const core::Edit& a, const core::Edit& b) { return a.offset < b.offset; });
  std::vector<core::Edit> out;
  for (core::Edit& e : edits) {
    if (!out.empty() && e.offset < out.back().offset + out.back().length) {
      if (priority_of(e.kind) > priority_of(out.back().kind)) out.back() = std::move(e);
      continue;
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace gitreorg::rewrite

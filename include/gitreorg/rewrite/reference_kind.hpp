// The shape every kind of reference shares: the file handed to it, the context built once per rewrite,
// what it returns, and its row in the table of kinds (src/rewrite/kinds.cpp) that the driver loops over.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/markdown/link_repair.hpp"
#include "gitreorg/markdown/markdown_scan.hpp"
#include "gitreorg/markdown/scan_cache.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/core/tree.hpp"
#include "gitreorg/core/edit.hpp"

namespace gitreorg::plan {
class MoveModel;
}

namespace gitreorg::rewrite {

class GithubUrls;
struct IgnoredPath;
class MovedTree;
class PathMentions;

// Something a person should look at: a word that looks like an old path but was not rewritten.
struct ReviewItem {
  std::string path;  // the file (old path)
  int line = 0;      // 1-based
  std::string text;  // the word as written
  std::string reason;
};

// Parses of one file that several kinds read, made on first use: the Markdown scan gives one kind
// its links and another its code. With a cache, the link check reuses it (blob `oid`).
class FileScans {
 public:
  FileScans() = default;
  FileScans(markdown::ScanCache* cache, std::string_view oid) : cache_(cache), oid_(oid) {}

  const markdown::MarkdownScan& markdown(std::string_view text) {
    if (!markdown_)
      markdown_ = cache_ ? cache_->scan(std::string(oid_), text) : std::make_shared<const markdown::MarkdownScan>(markdown::scan_markdown(text));
    return *markdown_;
  }

 private:
  markdown::ScanCache* cache_ = nullptr;
  std::string_view oid_;
  std::shared_ptr<const markdown::MarkdownScan> markdown_;
};

// One file of the plan, as a kind sees it.
struct FileInput {
  std::string_view old_path;
  std::string_view new_path;
  std::uint32_t mode = core::kModeFile;
  std::string_view oid;
  // The blob's bytes; nullptr while the driver asks `applies` by name, before the blob is read.
  const std::string* text = nullptr;
  FileScans* scans = nullptr;  // with `text`

  // A file (executable or not): not a symlink, not a submodule.
  bool regular() const { return mode == core::kModeFile || mode == core::kModeExecutable; }
};

// What every kind may read, built once per rewrite (the path mentions once per worker thread: they
// cache what they learn).
struct RewriteContext {
  const mapping::Mapping& mapping;
  std::string_view mapping_blob;  // the mapping's blob id: the mapping names old paths on purpose
  const core::Tree& old_tree;
  const plan::MoveModel& moves;
  const MovedTree& moved_tree;  // seen from the root
  const PathMentions& mentions;
  const GithubUrls* urls;  // nullptr without a `repository:` section
  bool moving;             // something moves (else only URLs and symlinks can change)
  const markdown::LinkRepairs* repairs = nullptr;  // with --fix-broken: old link rot is fixed on the way
  std::span<const GithubUrls* const> sibling_urls = {};  // the imported repositories' URLs (rewrite_references)
  const std::vector<IgnoredPath>* ignored = nullptr;  // the work tree's ignored files, where apply carries them
  // Paths in the imported repositories' clones, read only after `<clone>/` (the worker's own).
  std::span<const PathMentions* const> sibling_mentions = {};
};

// What one kind did to one file.
struct KindResult {
  std::vector<core::Edit> edits;  // Edit::kind is one of the row's edit kinds (or "path-mention")
  std::vector<ReviewItem> review;
  std::map<std::string, std::size_t> counts;  // what was left alone or warned (one of the row's `counted`)
  bool path_filters = false;                  // a workflow with `paths` filters (path_filter_workflows)
  bool read_as_text = false;                  // a workflow read as text (not valid YAML, or disabled)
};

// One row of the table.
struct ReferenceKind {
  std::string_view name;
  std::span<const std::string_view> edit_kinds;  // the Edit::kind values it owns
  std::span<const std::string_view> counted;     // the count kinds it adds besides its edits
  // When two edits overlap, the one of higher priority stays (on a tie, the first in the file).
  int priority;
  // Of the exclusive kinds that apply to a file, only the first in the table runs; the others run
  // whenever they apply.
  bool exclusive;
  // Everything it edits or reports in a file names a needle of the pre-filter (prefilter.hpp), so a
  // file without one is not handed to it. False for kinds that read a file by its place (symlinks,
  // workflows, pattern files...): a file one of them wants is always read.
  bool literal;
  bool (*applies)(const FileInput& file, const RewriteContext& ctx);
  KindResult (*rewrite)(const FileInput& file, const RewriteContext& ctx, diag::Sink& sink);
};

// The table, in the order the kinds run.
std::span<const ReferenceKind> reference_kinds();

// The row that owns the edit kind `edit_kind`; nullptr when no row does.
const ReferenceKind* kind_of_edit(std::string_view edit_kind);

// Sorted by offset; where edits overlap, the one whose kind has the higher priority stays.
std::vector<core::Edit> merge_edits(std::vector<core::Edit> edits);

}  // namespace gitreorg::rewrite

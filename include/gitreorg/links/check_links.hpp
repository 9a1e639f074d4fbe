// The link checker: every relative link of every Markdown file in a tree, with anchors.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "gitreorg/core/blob_reader.hpp"
#include "gitreorg/core/tree.hpp"
#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/markdown/link_repair.hpp"
#include "gitreorg/markdown/scan_cache.hpp"

namespace gitreorg::links {

struct CheckOptions {
  bool anchors = true;  // check `#fragment`s against headings, explicit anchors and `#L10` lines
  const markdown::LinkRepairs* repairs = nullptr;  // when set, a repair for each path that is not in the tree
  markdown::ScanCache* scans = nullptr;  // when set, the scans are shared through it (by blob id)
  // The Markdown files read, counted on a core::Progress of this name ("" none: the migration check
  // runs two checks at once, which one progress line could not show).
  std::string progress;
};

// One broken link, as reported in the sink: the file, where, and the destination as written.
struct BrokenLink {
  std::string path;
  diag::Position pos;
  std::string destination;
  std::string message;
  std::optional<markdown::LinkRepair> repair;  // with CheckOptions::repairs: the one plausible target
  std::vector<std::string> names;              // the message's diag::Diagnostic::names
};

struct CheckSummary {
  std::size_t files = 0;   // Markdown files checked
  std::size_t links = 0;   // relative links checked
  std::size_t broken = 0;  // reported as errors
  std::vector<BrokenLink> broken_links;  // the same errors, in the order reported
};

// Checks with the same finder the rewriter uses (markdown::scan_markdown). A link is broken when its
// path is not in `tree`, or its anchor names no heading slug, `<a name>`/`id` anchor of the target
// Markdown file, or no line of a non-Markdown target (`#L10`, `#L10-L20`). Broken links are errors
// in `sink`; links leaving the repository are warnings.
CheckSummary check_links(const core::Tree& tree, const core::BlobReader& read_blob,
                         const CheckOptions& options, diag::Sink& sink);

}  // namespace gitreorg::links

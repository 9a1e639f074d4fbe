// Markdown scans shared by the stages that read the same blob: the reference rewrite and the link
// checks of the old and the new tree parse each distinct Markdown blob once (md4c is the costly part
// of both), the unchanged files of the new tree being the old tree's blobs.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "gitreorg/markdown/markdown_scan.hpp"

namespace gitreorg::markdown {

// Thread-safe: the rewrite's workers and the two link checks ask it at once.
class ScanCache {
 public:
  // The scan of `text`, the bytes of blob `oid` (scan_markdown's result, made on first use).
  std::shared_ptr<const MarkdownScan> scan(const std::string& oid, std::string_view text);
  // The scan of blob `oid` if one was made, else nullptr (the caller need not read the blob).
  std::shared_ptr<const MarkdownScan> find(const std::string& oid);
  // From now on scans keep only what the link checks read (links, headings, anchors): the code,
  // comment and prose ranges and the tables of the scans made so far and of those made after are
  // dropped (code_read false), as the rewrite that read them is done. Call it when no scan is in use.
  void keep_links_only();

 private:
  std::mutex mutex_;
  bool links_only_ = false;
  std::unordered_map<std::string, std::shared_ptr<MarkdownScan>> scans_;
};

}  // namespace gitreorg::markdown

// The scan cache: parsed outside the lock, so threads parse different blobs at once; a blob two
// threads parse together is kept once (the scans are equal: scan_markdown is a function of the bytes).
#include "gitreorg/markdown/scan_cache.hpp"

namespace gitreorg::markdown {
namespace {

void drop_rewrite_parts(MarkdownScan& scan) {
  for (auto* ranges : {&scan.code, &scan.comments, &scan.prose, &scan.heading_prose}) std::vector<std::pair<std::size_t, std::size_t>>().swap(*ranges);
  std::vector<MarkdownTable>().swap(scan.tables);
  scan.code_read = false;
}

}  // namespace

std::shared_ptr<const MarkdownScan> ScanCache::scan(const std::string& oid, std::string_view text) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = scans_.find(oid); it != scans_.end()) return it->second;
  }
  auto made = std::make_shared<MarkdownScan>(scan_markdown(text));
  std::lock_guard<std::mutex> lock(mutex_);
  if (links_only_) drop_rewrite_parts(*made);
  return scans_.emplace(oid, std::move(made)).first->second;
}

void ScanCache::keep_links_only() {
  std::lock_guard<std::mutex> lock(mutex_);
  links_only_ = true;
  for (auto& [oid, scan] : scans_) drop_rewrite_parts(*scan);
}

std::shared_ptr<const MarkdownScan> ScanCache::find(const std::string& oid) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = scans_.find(oid);
  return it == scans_.end() ? nullptr : it->second;
}

}  // namespace gitreorg::markdown

// The scan cache: parsed outside the lock, so threads parse different blobs at once; a blob two
// threads parse together is kept once (the scans are equal: scan_markdown is a function of the bytes).
#include "gitreorg/markdown/scan_cache.hpp"

namespace gitreorg::markdown {

std::shared_ptr<const MarkdownScan> ScanCache::scan(const std::string& oid, std::string_view text) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = scans_.find(oid); it != scans_.end()) return it->second;
  }
  auto made = std::make_shared<const MarkdownScan>(scan_markdown(text));
  std::lock_guard<std::mutex> lock(mutex_);
  return scans_.emplace(oid, std::move(made)).first->second;
}

std::shared_ptr<const MarkdownScan> ScanCache::find(const std::string& oid) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = scans_.find(oid);
  return it == scans_.end() ? nullptr : it->second;
}

}  // namespace gitreorg::markdown

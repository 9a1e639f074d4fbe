// Text or not: the checks are cheap and run on every blob a kind wants, before any kind reads it.
#include "gitreorg/rewrite/text_blob.hpp"

namespace gitreorg::rewrite {

SkipReason skip_reason(std::string_view content) {
  if (content.substr(0, 8000).find('\0') != std::string_view::npos) return SkipReason::binary;
  if (content.starts_with("version https://git-lfs.github.com/spec/v1")) return SkipReason::lfs_pointer;
  if (content.size() > kMaxScanBytes) return SkipReason::too_large;
  return SkipReason::none;
}

std::string_view skip_kind(SkipReason reason) {
  switch (reason) {
    case SkipReason::binary: return "skipped-binary";
    case SkipReason::lfs_pointer: return "skipped-lfs";
    case SkipReason::too_large: return "skipped-large";
    case SkipReason::none: break;
  }
  return "";
}

}  // namespace gitreorg::rewrite

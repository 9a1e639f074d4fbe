// Which blobs are read as text: binary files, Git LFS pointers and very large files are skipped by
// every kind of reference, and counted.
#pragma once

#include <cstddef>
#include <string_view>

namespace gitreorg::rewrite {

// Files larger than this are not scanned for references (counted as "skipped-large").
inline constexpr std::size_t kMaxScanBytes = 8u << 20;

// Why a blob is not read as text (git's heuristic for binary: a NUL in the first 8000 bytes).
enum class SkipReason { none, binary, lfs_pointer, too_large };
SkipReason skip_reason(std::string_view content);
// "skipped-binary", "skipped-lfs", "skipped-large" ("" for none): the count kinds.
std::string_view skip_kind(SkipReason reason);

}  // namespace gitreorg::rewrite

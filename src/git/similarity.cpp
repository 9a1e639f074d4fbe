// git's similarity estimate for a rename pair (diffcore-rename.c estimate_similarity over
// diffcore-delta.c's span hashes), on two buffers. libgit2's metric (git_hashsig) scores the same
// pairs differently (62% where git says 48%), and git's is the one `git log --follow`, a squash merge
// and GitHub's diff use; git has no library call for it, so it is reproduced here.
#include "gitreorg/git/similarity.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

namespace gitreorg::git {
namespace {

constexpr std::uint32_t kHashBase = 107927;  // diffcore-delta.c HASHBASE
constexpr std::uint64_t kMaxScore = 60000;   // diffcore.h MAX_SCORE
constexpr std::uint64_t kMinScore = 30000;   // the default -M threshold, 50%
constexpr std::size_t kFirstFewBytes = 8000; // xdiff-interface.c: a NUL among them makes a file binary

// Bytes per span hash: spans end after a LF or 64 bytes.
std::unordered_map<std::uint32_t, std::uint64_t> span_hashes(std::string_view buf) {
  bool text = buf.substr(0, kFirstFewBytes).find('\0') == std::string_view::npos;
  std::unordered_map<std::uint32_t, std::uint64_t> out;
  std::uint32_t accum1 = 0, accum2 = 0, n = 0;
  for (std::size_t i = 0; i < buf.size(); ++i) {
    std::uint32_t c = static_cast<unsigned char>(buf[i]);
    std::uint32_t old1 = accum1;
    if (text && c == '\r' && i + 1 < buf.size() && buf[i + 1] == '\n') continue;
    accum1 = (accum1 << 7) ^ (accum2 >> 25);
    accum2 = (accum2 << 7) ^ (old1 >> 25);
    accum1 += c;
    if (++n < 64 && c != '\n') continue;
    out[(accum1 + accum2 * 0x61) % kHashBase] += n;
    n = accum1 = accum2 = 0;
  }
  if (n > 0) out[(accum1 + accum2 * 0x61) % kHashBase] += n;
  return out;
}

}  // namespace

int similarity(std::string_view before, std::string_view after) {
  if (before == after) return 100;  // an exact rename
  std::uint64_t max_size = std::max(before.size(), after.size()), min_size = std::min(before.size(), after.size());
  if (max_size * (kMaxScore - kMinScore) < (max_size - min_size) * kMaxScore) return 0;
  if (after.empty()) return 0;
  auto src = span_hashes(before), dst = span_hashes(after);
  std::uint64_t copied = 0;
  for (const auto& [hash, count] : src)
    if (auto d = dst.find(hash); d != dst.end()) copied += std::min(count, d->second);
  std::uint64_t score = copied * kMaxScore / max_size;
  return static_cast<int>(score * 100 / kMaxScore);
}

}  // namespace gitreorg::git

// libgit2's similarity metric on two buffers: the score git_diff_find_similar uses to pair a
// deleted file with an added one (git_diff_find_options' default metric, reproduced call for call
// because libgit2 does not expose it for buffers that are not in a repository).
#include "gitreorg/git/similarity.hpp"

#include <git2/sys/hashsig.h>

#include "git/handle.hpp"

namespace gitreorg::git {
namespace {

using HashsigPtr = Handle<git_hashsig, git_hashsig_free>;

// git_diff_find_similar's default: GIT_HASHSIG_SMART_WHITESPACE unless told otherwise, and
// GIT_HASHSIG_ALLOW_SMALL_FILES always.
constexpr auto kHashsigOptions = static_cast<git_hashsig_option_t>(GIT_HASHSIG_SMART_WHITESPACE | GIT_HASHSIG_ALLOW_SMALL_FILES);

HashsigPtr signature(std::string_view content) {
  git_hashsig* sig = nullptr;
  check(git_hashsig_create(&sig, content.data(), content.size(), kHashsigOptions), "cannot compute a similarity signature");
  return HashsigPtr(sig);
}

}  // namespace

int similarity(std::string_view before, std::string_view after) {
  if (before == after) return 100;  // libgit2: equal object ids
  // libgit2's similarity_measure: sizes nowhere near each other are not compared.
  if (before.size() > 127 && after.size() > 127 && (before.size() > after.size() * 8 || after.size() > before.size() * 8))
    return 0;
  HashsigPtr a = signature(before), b = signature(after);
  int score = git_hashsig_compare(a.get(), b.get());
  check(score, "cannot compare similarity signatures");
  return score > 100 ? 100 : score;
}

}  // namespace gitreorg::git

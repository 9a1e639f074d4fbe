// Fuzz target: GitHub workflow files on arbitrary bytes (yaml-cpp, filters, working directories,
// hashFiles, run scripts), rewritten for the small move. Invariant: the edits lie inside the text,
// do not overlap and apply.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "gitreorg/rewrite/glob.hpp"
#include "gitreorg/rewrite/path_mentions.hpp"
#include "gitreorg/rewrite/workflows.hpp"

using namespace gitreorg;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 16384) return 0;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  static const rewrite::MovedTree tree(*fuzz::small_move().map, fuzz::small_tree());
  static const rewrite::PathMentions mentions(*fuzz::small_move().map, fuzz::small_tree(), "adt");
  diag::Sink sink;
  std::vector<rewrite::ReviewItem> review;
  auto result = rewrite::rewrite_workflow(".github/workflows/ci.yml", text, tree, mentions, sink, review);
  fuzz::check_edits(text, result.edits);
  return 0;
}

// Fuzz target: the Markdown link rewriter on arbitrary bytes, for a moving and a staying file.
// Invariant: the edits lie inside the text, do not overlap and apply.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "gitreorg/rewrite/markdown_links.hpp"

using namespace gitreorg;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto& moves = *fuzz::small_move().map;
  diag::Sink sink;
  fuzz::check_edits(text, rewrite::rewrite_markdown_links("docs/guide.md", "handbook/docs/guide.md", text, moves, sink));
  fuzz::check_edits(text, rewrite::rewrite_markdown_links("README.md", "README.md", text, moves, sink));
  return 0;
}

// Fuzz target: CODEOWNERS, .gitignore and .gitattributes files on arbitrary bytes, rewritten for the
// small move and verified by the rewriter itself. Invariant: the edits lie inside the text, do not
// overlap and apply; what the file decides for a path can always be computed.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "gitreorg/rewrite/pattern_files.hpp"

using namespace gitreorg;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 16384) return 0;  // every line is checked against every file: keep runs fast
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto& moves = *fuzz::small_move().map;
  for (auto [kind, path] : {std::pair{rewrite::PatternFile::codeowners, ".github/CODEOWNERS"},
                            std::pair{rewrite::PatternFile::gitignore, "docs/.gitignore"},
                            std::pair{rewrite::PatternFile::gitattributes, ".gitattributes"}}) {
    diag::Sink sink;
    std::string new_path = kind == rewrite::PatternFile::gitignore ? "handbook/docs/.gitignore" : path;
    auto result = rewrite::rewrite_pattern_file(kind, path, new_path, text, moves, fuzz::small_tree(), sink);
    fuzz::check_edits(text, result.edits);
    rewrite::pattern_decision(kind, text, "", "docs/guide.md");
  }
  return 0;
}

// Fuzz target: the glob transformer. The first line is a pattern, parsed in all three dialects and
// carried across the small move. Invariant: a rewritten pattern selects exactly what the old one did.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "gitreorg/rewrite/glob.hpp"

using namespace gitreorg;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;  // patterns are lines of a workflow or CODEOWNERS file
  std::string_view text(reinterpret_cast<const char*>(data), size);
  static const rewrite::MovedTree tree(*fuzz::small_move().map, fuzz::small_tree());
  for (auto dialect : {rewrite::GlobDialect::github_filter, rewrite::GlobDialect::gitignore, rewrite::GlobDialect::gitattributes}) {
    auto glob = rewrite::Glob::parse(text, dialect);
    if (!glob) continue;
    for (const auto& p : tree.old_paths()) glob->matches(p);
    rewrite::GlobTransform t = rewrite::transform_glob(*glob, tree);
    if (t.status != rewrite::GlobTransform::Status::rewritten) continue;
    std::vector<rewrite::Glob> replacement;
    for (const auto& s : t.patterns) {
      auto g = rewrite::Glob::parse(s, dialect);
      GITREORG_FUZZ_CHECK(g.has_value());
      replacement.push_back(*g);
    }
    GITREORG_FUZZ_CHECK(rewrite::same_selection(*glob, replacement, tree));
  }
  return 0;
}

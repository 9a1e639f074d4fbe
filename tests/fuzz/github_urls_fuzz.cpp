// Fuzz target: repository URLs in arbitrary text, and arbitrary bytes as one URL.
// Invariant: the edits lie inside the text, do not overlap and apply.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "gitreorg/rewrite/github_urls.hpp"

using namespace gitreorg;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const mapping::Repository repo = [] {
    mapping::Repository r;
    r.urls = {"https://github.com/aws/adt", "https://ghe.example.com/ml/adt"};
    r.branches = {"main", "release/2.0"};
    return r;
  }();
  static const rewrite::GithubUrls urls(repo, *fuzz::small_move().map);
  std::string_view text(reinterpret_cast<const char*>(data), size);
  diag::Sink sink;
  std::size_t pinned = 0;
  fuzz::check_edits(text, urls.rewrite_text("README.md", text, pinned, sink));
  urls.rewrite_url(text);
  return 0;
}

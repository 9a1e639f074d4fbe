// Fuzz target: the Markdown link finder (md4c) on arbitrary bytes. Invariant: every located link's
// byte range lies inside the text and holds exactly its raw bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "gitreorg/markdown/markdown_scan.hpp"

using namespace gitreorg;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  markdown::MarkdownScan scan = markdown::scan_markdown(text);
  for (const auto& link : scan.links) {
    if (!link.located) continue;
    GITREORG_FUZZ_CHECK(link.offset <= text.size() && link.length <= text.size() - link.offset);
    GITREORG_FUZZ_CHECK(text.substr(link.offset, link.length) == link.raw);
  }
  return 0;
}

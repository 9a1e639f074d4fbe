// Content safety: `apply` keeps every byte it does not edit. One repository holds every awkward kind
// of content under `old/`; the mapping moves `old` to `new/place`, so the Markdown files' relative
// links change and everything else must arrive byte for byte (same blob id, same mode).
// History of the test repository: 1. the files below; 2. `apply` adds "Move files" and, when links
// change, "Update references" (ORIG_HEAD is the commit before both).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support/temp_repo.hpp"

using gitreorg::testing::CommandResult;
using gitreorg::testing::TempRepo;
namespace fs = std::filesystem;

namespace {

std::string rev(TempRepo& r, const std::string& spec) { return TempRepo::trim(r.git({"rev-parse", spec}).out); }
std::string mode(TempRepo& r, const std::string& commit, const std::string& path) {
  return r.git({"ls-tree", commit, path}).out.substr(0, 6);
}
std::string blob(TempRepo& r, const std::string& commit, const std::string& path) {
  return r.git({"cat-file", "blob", commit + ":" + path}).out;
}

// Bytes that look like nothing in particular: a linear congruential sequence, with NULs.
std::string binary_bytes(std::size_t n) {
  std::string s(n, '\0');
  std::uint32_t x = 12345;
  for (auto& c : s) {
    x = x * 1103515245u + 12345u;
    c = static_cast<char>(x >> 24);
  }
  return s;
}

const char* kLfsPointer =
    "version https://git-lfs.github.com/spec/v1\n"
    "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
    "size 12345\n";

}  // namespace

TEST_CASE("safety: content is preserved byte for byte wherever apply does not edit it", "[safety]") {
  TempRepo r;
  // Files apply must not touch (no references inside, or not read as text).
  const std::vector<std::pair<std::string, std::string>> untouched = {
      {"old/crlf.txt", "line one\r\nline two\r\n../README.md\r\n"},
      {"old/bom.txt", "\xef\xbb\xbf" "bom first\n"},
      {"old/no-newline.txt", "no final newline"},
      {"old/latin1.txt", "caf\xe9 na\xefve \xa9 2024\n"},
      {"old/binary.md", std::string("\x89PNG\r\n\x1a\n\0\0[x](../README.md)", 25) + binary_bytes(5000)},
      {"old/lfs.md", kLfsPointer},
      {"old/big.bin", binary_bytes(12u << 20)},
      {"old/big-text.md", std::string(9u << 20, 'a') + "\n[r](https://example.com/x)\n"},  // over the 8 MiB scan limit
      {"old/empty.txt", ""},
      {"old/nul-only", std::string(100, '\0')},
      {"old/trailing-spaces.md", "# Title   \n\ttabbed  \n\n\n"},
  };
  for (const auto& [p, c] : untouched) r.write(p, c);
  r.write("old/run.sh", "#!/bin/sh\necho ok\n", fs::perms(0755));
  r.symlink("crlf.txt", "old/link");
  // Markdown files whose links change: only the link bytes may differ afterwards.
  r.write("old/crlf.md", "\xef\xbb\xbf# T\r\n\r\nSee [readme](../README.md).  \r\n\r\n[ref]: ../README.md\r\nno newline at end");
  r.write("old/latin1.md", "caf\xe9 [home](../README.md) \xa9\n");
  r.write("README.md", "[crlf](old/crlf.md)\n");
  r.write("mapping.yaml", "version: 1\nmoves:\n  - from: old\n    to: new/place\n");
  r.commit("init");
  // A submodule: a gitlink entry (its work-tree directory is empty, as for an uninitialised submodule).
  std::string sub = rev(r, "HEAD");
  r.git({"update-index", "--add", "--cacheinfo", "160000," + sub + ",old/sub"});
  fs::create_directories(r.dir() / "old/sub");
  r.git({"commit", "-q", "-m", "add submodule"});

  CommandResult res = r.reorg({"apply", "mapping.yaml"});
  INFO(res.out << res.err);
  REQUIRE(res.exit_code == 0);
  CHECK(r.git({"status", "--porcelain"}).out.empty());
  CHECK(r.git({"fsck", "--strict"}).exit_code == 0);

  for (const auto& [p, c] : untouched) {
    std::string np = "new/place/" + p.substr(4);
    INFO(p);
    CHECK(rev(r, "ORIG_HEAD:" + p) == rev(r, "HEAD:" + np));
    CHECK(mode(r, "HEAD", np) == "100644");
    CHECK(r.read(np) == c);
  }
  CHECK(mode(r, "HEAD", "new/place/run.sh") == "100755");
  CHECK(rev(r, "ORIG_HEAD:old/run.sh") == rev(r, "HEAD:new/place/run.sh"));
  CHECK(mode(r, "HEAD", "new/place/link") == "120000");
  CHECK(fs::read_symlink(r.dir() / "new/place/link") == "crlf.txt");
  CHECK(mode(r, "HEAD", "new/place/sub") == "160000");
  CHECK(rev(r, "HEAD:new/place/sub") == sub);

  // Edited files: exactly the link bytes changed.
  CHECK(blob(r, "HEAD", "new/place/crlf.md") ==
        "\xef\xbb\xbf# T\r\n\r\nSee [readme](../../README.md).  \r\n\r\n[ref]: ../../README.md\r\nno newline at end");
  CHECK(blob(r, "HEAD", "new/place/latin1.md") == "caf\xe9 [home](../../README.md) \xa9\n");
  CHECK(blob(r, "HEAD", "README.md") == "[crlf](new/place/crlf.md)\n");
  // The first commit is pure renames: the edited files too arrive there unchanged.
  CHECK(rev(r, "ORIG_HEAD:old/crlf.md") == rev(r, "HEAD~1:new/place/crlf.md"));
}

// The scan cache: one scan per blob id, equal to scan_markdown's, shared between threads.
#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "gitreorg/markdown/scan_cache.hpp"

using namespace gitreorg;

TEST_CASE("scan cache: one scan per blob, the same as scan_markdown's", "[markdown][scan_cache]") {
  markdown::ScanCache cache;
  std::string text = "# Title\n\n[a](b.md) `code` <!-- note -->\n";
  auto first = cache.scan("1111", text);
  auto again = cache.scan("1111", text);
  CHECK(first == again);  // not parsed twice
  markdown::MarkdownScan direct = markdown::scan_markdown(text);
  REQUIRE(first->links.size() == direct.links.size());
  CHECK(first->links[0].raw == direct.links[0].raw);
  CHECK(first->code == direct.code);
  CHECK(first->comments == direct.comments);
  CHECK(first->headings.size() == direct.headings.size());
  CHECK(cache.scan("2222", "[c](d.md)\n")->links.at(0).raw == "d.md");
}

TEST_CASE("scan cache: threads asking for the same blobs get one scan each", "[markdown][scan_cache]") {
  markdown::ScanCache cache;
  std::vector<std::string> texts;
  for (int i = 0; i < 200; ++i) texts.push_back("[x](f" + std::to_string(i) + ".md)\n");
  std::vector<std::vector<const markdown::MarkdownScan*>> seen(4);
  std::vector<std::thread> pool;
  for (int t = 0; t < 4; ++t)
    pool.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) seen[t].push_back(cache.scan(std::to_string(i), texts[i]).get());
    });
  for (std::thread& th : pool) th.join();
  for (int i = 0; i < 200; ++i) {
    CHECK(seen[1][i] == seen[0][i]);
    CHECK(seen[3][i] == seen[2][i]);
    CHECK(seen[2][i] == seen[0][i]);
    CHECK(seen[0][i]->links.at(0).raw == "f" + std::to_string(i) + ".md");
  }
}

TEST_CASE("scan cache: once links only, scans keep links, headings and anchors and nothing the rewrite read", "[markdown][scan_cache]") {
  markdown::ScanCache cache;
  std::string text = "# Title\n\n[a](b.md) `code` <!-- note --> <a name=\"here\"></a>\n\n| x | y |\n|---|---|\n| 1 | 2 |\n";
  markdown::MarkdownScan direct = markdown::scan_markdown(text);
  REQUIRE(direct.code_read);
  REQUIRE_FALSE(direct.code.empty());
  REQUIRE_FALSE(direct.comments.empty());
  REQUIRE_FALSE(direct.prose.empty());
  REQUIRE_FALSE(direct.tables.empty());
  auto kept = [&](const markdown::MarkdownScan& s) {
    REQUIRE(s.links.size() == direct.links.size());
    CHECK(s.links[0].raw == direct.links[0].raw);
    CHECK(s.headings.size() == direct.headings.size());
    CHECK(s.html_anchors == direct.html_anchors);
    CHECK_FALSE(s.code_read);
    CHECK(s.code.empty());
    CHECK(s.comments.empty());
    CHECK(s.prose.empty());
    CHECK(s.heading_prose.empty());
    CHECK(s.tables.empty());
  };
  auto before = cache.scan("1111", text);
  cache.keep_links_only();
  kept(*cache.find("1111"));  // made before: trimmed
  kept(*cache.scan("2222", text));  // made after: trimmed as made
  CHECK(before == cache.find("1111"));  // the same scan, not parsed again
}

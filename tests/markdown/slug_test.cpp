// Heading slugs held to github-slugger's rules, one case per rule; and a runner for its fixture list.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>

#include "gitreorg/markdown/slug.hpp"

using gitreorg::markdown::github_slug;
using gitreorg::markdown::Slugger;

// Expected values checked against github-slugger 2.0.0's slug() (node), not worked out by hand.
TEST_CASE("slug: categories github-slugger strips and keeps", "[markdown][slug]") {
  CHECK(github_slug("x² ½ ①") == "x--");      // Other_Number goes, unlike decimal digits
  CHECK(github_slug("٣ ३") == "٣-३");         // Decimal_Number of any script stays
  CHECK(github_slug("Ⅻ") == "ⅻ");            // Letter_Number stays, lowercased
  CHECK(github_slug("a‿b") == "a‿b");         // Connector_Punctuation stays (as `_` does)
  CHECK(github_slug("a\u200Db") == "ab");     // Format (zero-width joiner) goes
  CHECK(github_slug("a\u00A0b") == "ab");     // a separator other than ` ` goes, not made `-`
  CHECK(github_slug("a\u2028b") == "ab");
}

TEST_CASE("slug: Alphabetic symbols are kept although their category is stripped", "[markdown][slug]") {
  CHECK(github_slug("Ⓐ © ™") == "ⓐ--");       // circled letters are Other_Alphabetic, lowercased
  CHECK(github_slug("🅰 🄰") == "🅰-🄰");
}

TEST_CASE("slug: lowercased as JavaScript's toLowerCase, special casing included", "[markdown][slug]") {
  CHECK(github_slug("İ") == "i̇");              // two code points: i + combining dot above
  CHECK(github_slug("ΟΔΟΣ") == "οδος");        // final sigma at the end of a word
  CHECK(github_slug("ΑΣ.") == "ας");           // ... before punctuation
  CHECK(github_slug("ΣΑ") == "σα");            // not at the start
  CHECK(github_slug("Σ") == "σ");              // nor alone
  CHECK(github_slug("ß Ǆ ǅ") == "ß-ǆ-ǆ");      // lowercase, not case folding (ß stays)
}

TEST_CASE("slug: bytes that are not UTF-8 are kept as they are", "[markdown][slug]") {
  CHECK(github_slug("A\xff b") == "a\xff-b");
}

// github-slugger's own fixture list (its test/fixtures.json) is not ours to copy into this
// repository: point GITREORG_SLUGGER_FIXTURES at a copy to run it. Hidden ([.]) so the suite does
// not depend on it; docs/references.md records the pass rate.
TEST_CASE("slug: github-slugger's fixture list", "[.][slugger-fixtures]") {
  const char* path = std::getenv("GITREORG_SLUGGER_FIXTURES");
  if (path == nullptr) FAIL("set GITREORG_SLUGGER_FIXTURES to github-slugger's test/fixtures.json");
  std::ifstream in(path);
  REQUIRE(in);
  nlohmann::json fixtures = nlohmann::json::parse(in);
  Slugger slugger;  // one for the whole list, as github-slugger's test does: repeats count across it
  int passed = 0;
  for (const nlohmann::json& f : fixtures) {
    std::string got = slugger.slug(f.at("input").get<std::string>());
    const std::string name = f.at("name").get<std::string>();
    bool ok = got == f.at("expected").get<std::string>();
    passed += ok;
    // github-slugger's table is Unicode 13; utf8proc's (Debian 12) is 15, which assigned some of the
    // code points this fixture holds as unassigned (CJK Extension H): we keep those as letters.
    if (!ok) WARN("differs: " << name);
    if (name != "Unassigned") CHECK(ok);
  }
  WARN(passed << " of " << fixtures.size() << " fixtures pass");
}

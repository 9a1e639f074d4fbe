// The multi-pattern search: every occurrence, overlapping ones and needles inside needles included,
// in order of where they end, letters matched in any case.
#include <catch2/catch.hpp>

#include <utility>
#include <vector>

#include "gitreorg/core/literal_search.hpp"

using gitreorg::core::LiteralSearch;

namespace {

std::vector<std::pair<std::size_t, std::size_t>> all(const LiteralSearch& s, std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  s.find(text, [&](std::size_t n, std::size_t end) {
    out.emplace_back(n, end);
    return false;
  });
  return out;
}

}  // namespace

TEST_CASE("literal search: every occurrence of every needle, by end offset", "[core][literal_search]") {
  LiteralSearch s({"he", "she", "his", "hers", ".."});
  using P = std::vector<std::pair<std::size_t, std::size_t>>;
  CHECK(all(s, "ushers") == P{{1, 4}, {0, 4}, {3, 6}});
  CHECK(all(s, "a/../..b") == P{{4, 4}, {4, 7}});
  CHECK(all(s, "...") == P{{4, 2}, {4, 3}});
  CHECK(all(s, "nothing here") == P{{0, 10}});
  CHECK(all(s, "").empty());
}

TEST_CASE("literal search: letters in any case, other bytes exactly; stops when asked", "[core][literal_search]") {
  LiteralSearch s({"Owner/Repo", "3.test_cases"});
  using P = std::vector<std::pair<std::size_t, std::size_t>>;
  CHECK(all(s, "https://github.com/OWNER/repo/x") == P{{0, 29}});
  CHECK(all(s, "3.TEST_CASES 3,test_cases") == P{{1, 12}});
  CHECK(all(s, std::string("\0owner/repo\xff", 12)) == P{{0, 11}});
  int calls = 0;
  CHECK(s.find("owner/repo owner/repo", [&](std::size_t, std::size_t) { return ++calls == 1; }));
  CHECK(calls == 1);
  CHECK_FALSE(s.find("owner-repo", [](std::size_t, std::size_t) { return true; }));
  CHECK(LiteralSearch({}).empty());
  CHECK_FALSE(LiteralSearch({}).find("anything", [](std::size_t, std::size_t) { return true; }));
}

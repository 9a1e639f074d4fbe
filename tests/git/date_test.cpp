// The git date parser: every form git accepts in GIT_AUTHOR_DATE, and what it refuses.
#include <catch2/catch.hpp>

#include "gitreorg/git/date.hpp"

using gitreorg::git::parse_git_date;

namespace {
std::optional<std::pair<std::int64_t, int>> at(std::int64_t seconds, int offset) { return std::make_pair(seconds, offset); }
}  // namespace

TEST_CASE("git date: the forms git reads in GIT_AUTHOR_DATE", "[git][date]") {
  CHECK(parse_git_date("1700000000 +0000") == at(1700000000, 0));
  CHECK(parse_git_date("@1700000000 +0130") == at(1700000000, 90));
  CHECK(parse_git_date("@1700000000") == at(1700000000, 0));
  CHECK(parse_git_date("2023-11-14T22:13:20Z") == at(1700000000, 0));
  CHECK(parse_git_date("2023-11-15 00:13:20 +0200") == at(1700000000, 120));
  CHECK(parse_git_date("2023-11-14T17:13:20-05:00") == at(1700000000, -300));
  CHECK(parse_git_date("2023-11-14T22:13:20.5Z") == at(1700000000, 0));
  CHECK(parse_git_date("Tue, 14 Nov 2023 22:13:20 +0000") == at(1700000000, 0));
  CHECK(parse_git_date("14 Nov 2023 23:13:20 +0100") == at(1700000000, 60));
  CHECK(parse_git_date("1970-01-01T00:00:00Z") == at(0, 0));
}

TEST_CASE("git date: what is not a date", "[git][date]") {
  CHECK(!parse_git_date("yesterday"));
  CHECK(!parse_git_date(""));
  CHECK(!parse_git_date("@"));
  CHECK(!parse_git_date("1700000000 +01"));
  CHECK(!parse_git_date("2023-13-01T00:00:00Z"));
  CHECK(!parse_git_date("2023-11-14T24:00:00Z"));
  CHECK(!parse_git_date("2023-11-14T22:13:20Z trailing"));
  CHECK(!parse_git_date("Tue, 14 Foo 2023 22:13:20 +0000"));
  CHECK(!parse_git_date("@99999999999999999999999999 +0000"));  // 18 digits at most: no overflow
}

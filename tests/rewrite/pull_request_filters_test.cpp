// GitHub's path filters as the migration's pull request meets them: the filters read from a
// workflow, and the first changed file that triggers each (negation, paths-ignore).
#include <catch2/catch.hpp>

#include "gitreorg/rewrite/pull_request_filters.hpp"

using gitreorg::rewrite::first_trigger;
using gitreorg::rewrite::pull_request_filters;
using gitreorg::rewrite::PullRequestFilter;

TEST_CASE("pull request filters: read from the triggers that have them", "[rewrite][github]") {
  auto f = pull_request_filters(
      "on:\n  pull_request:\n    paths:\n      - 'a/**'\n      - '!a/b/**'\n  pull_request_target:\n"
      "    paths-ignore: [docs/**]\n  push:\n    branches: [main]\n    paths: ['x']\n  workflow_dispatch:\njobs: {}\n");
  REQUIRE(f.size() == 3);
  CHECK(f[0].event == "pull_request");
  CHECK_FALSE(f[0].ignore);
  CHECK(f[0].patterns == std::vector<std::string>{"a/**", "!a/b/**"});
  CHECK(f[1].event == "pull_request_target");
  CHECK(f[1].ignore);
  CHECK(f[1].patterns == std::vector<std::string>{"docs/**"});
  CHECK(f[2].event == "push");
  // No filters, a list of events, or a file GitHub cannot read: nothing.
  CHECK(pull_request_filters("on:\n  pull_request:\n    branches: [main]\n").empty());
  CHECK(pull_request_filters("on: [push, pull_request]\n").empty());
  CHECK(pull_request_filters("on:\n  pull_request:\n    paths: [a\n  - b: c\n").empty());
  CHECK(pull_request_filters("just text").empty());
}

TEST_CASE("pull request filters: the first changed file that triggers a filter", "[rewrite][github]") {
  std::vector<std::string> changed = {".github/workflows/ci.yml", "a/b/x.md", "a/c.md", "docs/index.md", "z.txt"};
  CHECK(first_trigger({"pull_request", false, {"a/**"}}, changed) == 1u);
  // The last pattern that matches decides: a/b/ is excluded, then a/c.md is the first.
  CHECK(first_trigger({"pull_request", false, {"a/**", "!a/b/**"}}, changed) == 2u);
  CHECK(first_trigger({"pull_request", false, {"a/**", "!a/b/**", "a/b/x.md"}}, changed) == 1u);
  // `*` does not cross `/`; `**` does.
  CHECK(first_trigger({"pull_request", false, {"*.txt"}}, changed) == 4u);
  CHECK(first_trigger({"pull_request", false, {"*.md"}}, changed) == std::nullopt);
  CHECK(first_trigger({"pull_request", false, {"**.md"}}, changed) == 1u);
  // paths-ignore: the first file that is not ignored.
  CHECK(first_trigger({"pull_request", true, {".github/**", "a/**"}}, changed) == 3u);
  CHECK(first_trigger({"pull_request", true, {"**"}}, changed) == std::nullopt);
  CHECK(first_trigger({"pull_request", false, {"nothing/**"}}, changed) == std::nullopt);
}

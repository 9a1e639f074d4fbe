// GitHub's path filters as the migration's pull request meets them: the filters read from a
// workflow, and the first changed file that triggers each (negation, paths-ignore).
#include <catch2/catch.hpp>

#include <algorithm>

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

TEST_CASE("pull request filters: only the files below the patterns' literal prefixes are tried, same answers",
          "[rewrite][github]") {
  // Sorted as GitHub lists them; the answer is what trying every file in order, one by one, gives.
  std::vector<std::string> changed;
  for (const char* top : {"a", "a-b", "ab", "b", "docs", "x"})
    for (const char* sub : {"c", "d/e", "x"})
      for (int i = 0; i < 3; ++i) changed.push_back(std::string(top) + "/" + sub + "/f" + std::to_string(i) + (i == 1 ? ".md" : ".py"));
  std::sort(changed.begin(), changed.end());
  auto every = [&](const PullRequestFilter& f) -> std::optional<std::size_t> {
    for (std::size_t k = 0; k < changed.size(); ++k)  // each file alone
      if (first_trigger(f, std::vector<std::string>{changed[k]}) == 0u) return k;
    return std::nullopt;
  };
  std::vector<std::vector<std::string>> lists = {
      {"a/**"}, {"a/d/**", "x/**"}, {"b/x/*.md"}, {"docs/**", "!docs/c/**"}, {"a-b/**", "ab/c/f1.md"},
      {"**/f2.py"}, {"x/x/f0.py", "a"}, {"!a/**", "a/c/**"}, {"nothing/**"}, {"a/d/e/f1.md", "!a/d/**"}};
  for (const auto& patterns : lists)
    for (bool ignore : {false, true}) {
      PullRequestFilter f{"pull_request", ignore, patterns};
      INFO(patterns.front() << (ignore ? " (ignore)" : ""));
      CHECK(first_trigger(f, changed) == every(f));
    }
}

// The link finder, heading slugs, the checker on in-memory trees, and `git-reorg links` on a real repository.
#include <catch2/catch.hpp>

#include "gitreorg/links/check_links.hpp"
#include "gitreorg/markdown/markdown_scan.hpp"
#include "gitreorg/markdown/scan_cache.hpp"
#include "gitreorg/markdown/slug.hpp"
#include "rewrite/rewrite_fixture.hpp"
#include "support/temp_repo.hpp"

using namespace gitreorg;
using gitreorg::testing::Files;

TEST_CASE("links: the finder reports exact raw destinations", "[links]") {
  std::string text =
      "# Title\n\n[a](x.md) ![b](<y z.png> \"t\") [c][R] <https://e.org>\n\n"
      "[r]: ref.md\n[unused]: u.md 'title'\n\n`[no](code.md)`\n\n```\n[no](fence.md)\n```\n\n"
      "<a href=\"h.md\" name=\"here\">x</a>\n";
  markdown::MarkdownScan s = markdown::scan_markdown(text);
  std::vector<std::string> raws;
  for (const auto& l : s.links) {
    CHECK(l.located);
    CHECK(text.substr(l.offset, l.length) == l.raw);
    raws.push_back(l.raw);
  }
  CHECK(raws == std::vector<std::string>{"x.md", "y z.png", "https://e.org", "ref.md", "u.md", "h.md"});
  CHECK(s.links[1].syntax == markdown::Syntax::markdown_angle);
  CHECK(s.links[3].kind == markdown::MarkdownLink::Kind::definition);
  CHECK(s.links[3].line == 5);
  REQUIRE(s.headings.size() == 1);
  CHECK(s.headings[0].text == "Title");
  CHECK(s.html_anchors == std::vector<std::string>{"here"});
  CHECK(markdown::is_markdown_path("a/B.MD"));
  CHECK(markdown::is_markdown_path("x.mdx"));
  CHECK_FALSE(markdown::is_markdown_path("md/x.txt"));
}

TEST_CASE("links: GitHub heading slugs", "[links]") {
  CHECK(markdown::github_slug("Hello, World!") == "hello-world");
  CHECK(markdown::github_slug("Step 1:  Install (GPU)") == "step-1--install-gpu");
  CHECK(markdown::github_slug("snake_case and kebab-case") == "snake_case-and-kebab-case");
  CHECK(markdown::github_slug("C++ & Python") == "c--python");
  CHECK(markdown::github_slug("🚀 Launch") == "-launch");
  // Unicode, as github-slugger does it (its fixtures): letters lowercased, symbols and punctuation gone.
  CHECK(markdown::github_slug("Über Café") == "über-café");
  CHECK(markdown::github_slug("Ελληνικά") == "ελληνικά");
  CHECK(markdown::github_slug("ÉCOLE") == "école");
  CHECK(markdown::github_slug("Ø") == "ø");
  CHECK(markdown::github_slug("£ price") == "-price");
  CHECK(markdown::github_slug("（全角）括弧") == "全角括弧");
  CHECK(markdown::github_slug("日本語 テスト") == "日本語-テスト");
  CHECK(markdown::github_slug("µ and ª") == "µ-and-ª");
  CHECK(markdown::github_slug("a — b") == "a--b");
  markdown::Slugger s;
  CHECK(s.slug("Usage") == "usage");
  CHECK(s.slug("Usage") == "usage-1");
  CHECK(s.slug("Usage") == "usage-2");
  CHECK(s.slug("usage-1") == "usage-1-1");
}

TEST_CASE("links: the checker finds broken paths and anchors", "[links]") {
  Files f;
  f.content["README.md"] =
      "# Intro\n## Intro\n<a name=\"custom\"></a>\n"
      "[ok](docs/guide.md#install-it) [ok2](#intro-1) [ok3](#custom) [ok4](src/a.py#L2) [dir](docs/)\n"
      "[bad](docs/nope.md) [badanchor](docs/guide.md#nope) [badline](src/a.py#L9) [self](#missing)\n"
      "[ext](https://example.com/x) [nb](src/a.py#anything)\n";
  f.content["docs/guide.md"] = "## Install it\n";
  f.content["src/a.py"] = "1\n2\n3";
  diag::Sink sink;
  links::CheckSummary s = links::check_links(f.tree(), f.reader(), {}, sink);
  CHECK(s.files == 2);
  CHECK(s.links == 10);
  CHECK(s.broken == 4);
  REQUIRE(sink.all().size() == 4);
  CHECK(sink.all()[0].message == "broken link `docs/nope.md`: `docs/nope.md` does not exist");
  CHECK(sink.all()[0].pos.line == 5);
  CHECK(sink.all()[0].pos.column == 7);
  CHECK(sink.all()[1].message == "broken link `docs/guide.md#nope`: no anchor `#nope` in `docs/guide.md`");
  diag::Sink paths_only;
  links::CheckOptions no_anchors;
  no_anchors.anchors = false;
  CHECK(links::check_links(f.tree(), f.reader(), no_anchors, paths_only).broken == 1);
}

TEST_CASE("links: with a shared scan cache, the same result for each tree", "[links][scan_cache]") {
  Files f;
  f.content["README.md"] = "# Intro\n[ok](docs/guide.md#install-it) [bad](docs/nope.md) [badanchor](docs/guide.md#nope)\n";
  f.content["docs/guide.md"] = "## Install it\n[up](../README.md#intro) [gone](../x.md)\n";
  diag::Sink plain;
  links::CheckSummary expected = links::check_links(f.tree(), f.reader(), {}, plain);
  markdown::ScanCache cache;
  links::CheckOptions shared;
  shared.scans = &cache;
  // The old and the new tree share their unchanged blobs: the second check reuses the first's scans.
  for (int round = 0; round < 2; ++round) {
    diag::Sink sink;
    links::CheckSummary s = links::check_links(f.tree(), f.reader(), shared, sink);
    CHECK(s.files == expected.files);
    CHECK(s.links == expected.links);
    CHECK(s.broken == expected.broken);
    REQUIRE(sink.all().size() == plain.all().size());
    for (std::size_t i = 0; i < sink.all().size(); ++i) {
      CHECK(sink.all()[i].message == plain.all()[i].message);
      CHECK(sink.all()[i].pos.line == plain.all()[i].pos.line);
      CHECK(sink.all()[i].pos.column == plain.all()[i].pos.column);
    }
  }
  CHECK(expected.broken == 3);
}

TEST_CASE("links: an anchor of a directory link is checked against the README GitHub shows there", "[links]") {
  Files f;
  f.content["README.md"] =
      "# Top\n[a](qwen3#pro-tip) [b](qwen3/#pro-tip) [c](qwen3/#readme) [d](qwen3#nope) [e](empty/#x) [f](rst#any) "
      "[g](./#top) [h](docs/#top)\n";
  f.content["qwen3/README.md"] = "# Qwen3\n## Pro tip\n";
  f.content["qwen3/run.sh"] = "x\n";
  f.content["empty/a.py"] = "x\n";
  f.content["rst/README.rst"] = "Title\n=====\n";  // not Markdown: its anchors are not checked
  f.content["docs/README.md"] = "# Docs\n";
  diag::Sink sink;
  links::CheckSummary s = links::check_links(f.tree(), f.reader(), {}, sink);
  CHECK(s.links == 8);
  REQUIRE(s.broken == 3);
  CHECK(sink.all()[0].message == "broken link `qwen3#nope`: no anchor `#nope` in `qwen3/README.md`");
  CHECK(sink.all()[1].message == "broken link `empty/#x`: no anchor `#x`: `empty` has no README");
  CHECK(sink.all()[2].message == "broken link `docs/#top`: no anchor `#top` in `docs/README.md`");
}

TEST_CASE("links: git-reorg links on a repository", "[links]") {
  gitreorg::testing::TempRepo repo;
  repo.write("README.md", "# Demo\n[guide](docs/guide.md) [top](#demo)\n");
  repo.write("docs/guide.md", "back to [readme](../README.md#demo)\n");
  repo.commit("good");
  auto ok = repo.reorg({"links"});
  CHECK(ok.exit_code == 0);
  CHECK(ok.out == "3 links in 2 Markdown files: 0 broken\n");

  repo.write("docs/guide.md", "back to [readme](../README.md#nope) and [x](missing.md)\n");
  repo.commit("broken");
  auto bad = repo.reorg({"links", "--format", "github"});
  CHECK(bad.exit_code == 1);
  CHECK(bad.out ==
        "::error file=docs/guide.md,line=1,col=18,title=git-reorg::broken link `../README.md#nope`: no anchor `#nope` in `README.md`\n"
        "::error file=docs/guide.md,line=1,col=45,title=git-reorg::broken link `missing.md`: `docs/missing.md` does not exist\n");
  CHECK(repo.reorg({"links", "--no-anchors", "--rev", "HEAD"}).exit_code == 1);
  CHECK(repo.reorg({"links", "--rev", "HEAD~1", "--format", "json"}).exit_code == 0);
  CHECK(repo.reorg({"links", "--rev", "nonexistent"}).exit_code == 2);
}

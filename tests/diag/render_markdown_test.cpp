// The Markdown list of diagnostics, whole and cut to a number of items (a plan that must fit a
// pull-request description): errors first, then the count of what is left out.
#include <catch2/catch.hpp>

#include "gitreorg/diag/render.hpp"

using namespace gitreorg;

TEST_CASE("render markdown: every diagnostic in order, or the first N by severity and a count of the rest", "[diag]") {
  diag::Sink sink;
  sink.warning("a.md", {1, 2}, "w1");
  sink.note("b.md", {}, "n1");
  sink.error("c.md", {3, 4}, "e1");
  sink.warning("d.md", {5, 6}, "w2");
  CHECK(diag::render_markdown(sink) ==
        "- ⚠️ **warning** `a.md:1:2`: w1\n- ℹ️ **note** `b.md`: n1\n- ❌ **error** `c.md:3:4`: e1\n- ⚠️ **warning** `d.md:5:6`: w2\n");
  CHECK(diag::render_markdown(sink, 4) == diag::render_markdown(sink));
  CHECK(diag::render_markdown(sink, 2) == "- ❌ **error** `c.md:3:4`: e1\n- ⚠️ **warning** `a.md:1:2`: w1\n- … and 2 more (1 warning, 1 note)\n");
  CHECK(diag::render_markdown(sink, 0) == "- … and 4 more (1 error, 2 warnings, 1 note)\n");
}

TEST_CASE("render markdown: a code span is fenced by more backticks than it holds, control characters and bytes "
          "not UTF-8 escaped", "[diag][quote-path]") {
  CHECK(diag::markdown_code("a.md") == "`a.md`");
  CHECK(diag::markdown_code("a`b") == "``a`b``");
  CHECK(diag::markdown_code("a``b`c") == "```a``b`c```");
  CHECK(diag::markdown_code("`a") == "`` `a ``");                    // a span may not start with its fence
  CHECK(diag::markdown_code("a`") == "`` a` ``");
  CHECK(diag::markdown_code(" a ") == "`  a  `");                    // CommonMark strips one space of each end
  CHECK(diag::markdown_code(" ") == "` `");
  CHECK(diag::markdown_code("a\tb") == "`a\tb`");                    // tab as it is
  CHECK(diag::markdown_code("a\nb\r\x1b" "c") == "`a\\nb\\r\\033c`");
  CHECK(diag::markdown_code("caf\xc3\xa9 \xff") == "`caf\xc3\xa9 \\377`");
}

TEST_CASE("render markdown: a tree path is quoted as git quotes it, UTF-8 names as they are", "[diag][quote-path]") {
  CHECK(diag::markdown_path("docs/a.md") == "`docs/a.md`");
  CHECK(diag::markdown_path("docs/caf\xc3\xa9.md") == "`docs/caf\xc3\xa9.md`");
  CHECK(diag::markdown_path("docs/tab\there.md") == "`\"docs/tab\\there.md\"`");
  CHECK(diag::markdown_path("docs/new\nline.md") == "`\"docs/new\\nline.md\"`");
  CHECK(diag::markdown_path("docs/\xff.md") == "`\"docs/\\377.md\"`");
  CHECK(diag::markdown_path("docs/\xed\xa0\x80.md") == "`\"docs/\\355\\240\\200.md\"`");  // a surrogate is not UTF-8
  CHECK(diag::markdown_path("docs/a`b.md") == "``docs/a`b.md``");
  CHECK(diag::markdown_path("docs/a\"b.md") == "`\"docs/a\\\"b.md\"`");  // `"` and `\` quote a path, as in git
}

TEST_CASE("render markdown: the location and the names a message quotes are written as markdown_path writes them",
          "[diag][quote-path]") {
  diag::Sink sink;
  const std::string tick = "a`b/x.md", tab = "tab\there/x.md", cafe = "caf\xc3\xa9/x.md";
  sink.error(tab, {2, 1}, "`" + tick + "` and `" + tab + "` land on `" + cafe + "` (`keep:`)").names = {tick, tab, cafe};
  sink.warning(tick, {}, "`" + tick + "` is not named, so it stays as it is");
  CHECK(diag::render_markdown(sink) ==
        "- ❌ **error** `\"tab\\there/x.md\":2:1`: ``a`b/x.md`` and `\"tab\\there/x.md\"` land on `caf\xc3\xa9/x.md` (`keep:`)\n"
        "- ⚠️ **warning** ``a`b/x.md``: `a`b/x.md` is not named, so it stays as it is\n");
}

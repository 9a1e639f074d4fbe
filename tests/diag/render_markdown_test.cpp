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

// The diagnostic renderers, word for word: text with its source line and caret, GitHub annotations
// with their escaping, Markdown and JSON.
#include <catch2/catch.hpp>

#include <algorithm>

#include "gitreorg/diag/render.hpp"

using namespace gitreorg::diag;

namespace {

std::string text_of(const Sink& sink, TextStyle style = {}) {
  std::string out;
  for (const Diagnostic& d : sink.all()) out += render_text(d, sink, style);
  return out;
}

}  // namespace

TEST_CASE("render: text shows the source line and a caret under the column", "[diag][render]") {
  Sink sink;
  sink.add_source("m.yaml", "version: 1\nmoves:\n  - form: a\n");
  sink.error("m.yaml", {3, 5}, "unknown key `form` in a move");
  CHECK(text_of(sink) == "m.yaml:3:5: error: unknown key `form` in a move\n    - form: a\n      ^\n");
}

TEST_CASE("render: the caret keeps the tabs of the source line, so it lines up", "[diag][render]") {
  Sink sink;
  sink.add_source("Makefile", "all:\n\tcp\told/x new/x\r\n");
  sink.warning("Makefile", {2, 5}, "`old/x` moves");
  CHECK(text_of(sink) == "Makefile:2:5: warning: `old/x` moves\n  \tcp\told/x new/x\n  \t  \t^\n");
}

TEST_CASE("render: text without a known source, line or column", "[diag][render]") {
  Sink sink;
  sink.add_source("a.md", "one line\n");
  sink.error("a.md", {7, 1}, "past the end");  // no such line: no source shown
  sink.warning("b.md", {2, 3}, "no source remembered");
  sink.note("c.md", {4, 0}, "a line, no column");
  sink.note("d.md", {}, "the whole file");
  sink.error("", {}, "no file at all");
  CHECK(text_of(sink) ==
        "a.md:7:1: error: past the end\n"
        "b.md:2:3: warning: no source remembered\n"
        "c.md:4: note: a line, no column\n"
        "d.md: note: the whole file\n"
        "git-reorg: error: no file at all\n");
  sink.add_source("c.md", "1\n2\n3\nfour\n");
  CHECK(render_text(sink.all()[2], sink, {}) == "c.md:4: note: a line, no column\n  four\n");
  CHECK(render_text(sink.all()[2], sink, {false, false}) == "c.md:4: note: a line, no column\n");
}

TEST_CASE("render: text quotes the path and the named paths of the message as git quotes paths", "[diag][render]") {
  Sink sink;
  sink.add_source("caf\xc3\xa9.md", "[x](a\tb)\n");
  sink.error("caf\xc3\xa9.md", {1, 1}, "`a\tb` and `caf\xc3\xa9.md` and `\xff` and `as written \xc3\xa9`").names = {
      "a\tb", "caf\xc3\xa9.md", "\xff"};
  sink.warning("new\nline", {}, "no names: `new\nline` as it is");
  CHECK(text_of(sink) ==
        "\"caf\\303\\251.md\":1:1: error: `\"a\\tb\"` and `\"caf\\303\\251.md\"` and `\"\\377\"` and `as written \xc3\xa9`\n"
        "  [x](a\tb)\n  ^\n"
        "\"new\\nline\": warning: no names: `new\nline` as it is\n");
  // core.quotePath=false: bytes from 0x80 up as they are, control characters still quoted.
  CHECK(text_of(sink, {false, false, false}) ==
        "caf\xc3\xa9.md:1:1: error: `\"a\\tb\"` and `caf\xc3\xa9.md` and `\xff` and `as written \xc3\xa9`\n"
        "\"new\\nline\": warning: no names: `new\nline` as it is\n");
  // Machine formats carry them as they are.
  CHECK(to_json(sink.all()[0])["path"] == "caf\xc3\xa9.md");
  CHECK(render_github(sink).rfind("::error file=caf\xc3\xa9.md,line=1,col=1,title=git-reorg::`a\tb` and", 0) == 0);
}

TEST_CASE("render: a named path that holds a backtick is found whole in the message", "[diag][render]") {
  Sink sink;
  const std::string tick = "a`\tb.md";
  sink.error("", {}, "`" + tick + "` and `a` and `b` (`keep:`)").names = {"a", "b", tick};
  CHECK(text_of(sink) == "git-reorg: error: `\"a`\\tb.md\"` and `a` and `b` (`keep:`)\n");
}

TEST_CASE("render: colours only when asked", "[diag][render]") {
  Sink sink;
  sink.add_source("m.yaml", "ab\n");
  sink.error("m.yaml", {1, 2}, "bad");
  CHECK(text_of(sink, {true, true}) ==
        "\x1b[1mm.yaml:1:2:\x1b[0m \x1b[1;31merror:\x1b[0m bad\n  ab\n   \x1b[1;32m^\x1b[0m\n");
}

TEST_CASE("render: GitHub annotations escape %, newlines, and : and , in properties", "[diag][render]") {
  Sink sink;
  sink.error("dir,with:odd%name.md", {3, 7}, "100% broken: see a, b\nand more\r");
  sink.warning("w.yml", {2, 0}, "line only");
  sink.note("", {}, "a notice");
  CHECK(render_github(sink, {"", 10, {}}) ==
        "::error file=dir%2Cwith%3Aodd%25name.md,line=3,col=7::100%25 broken: see a, b%0Aand more%0D\n"
        "::warning file=w.yml,line=2::line only\n"
        "::notice::a notice\n");
}

TEST_CASE("render: GitHub annotations have a title, file= as given, and at most 10 of a kind", "[diag][render]") {
  Sink sink;
  for (int k = 1; k <= 12; ++k) sink.error("README.md", {k, 1}, "broken link " + std::to_string(k));
  sink.warning("../mappings/m.yaml", {4, 3}, "unused rule");
  GithubStyle style;
  style.files["../mappings/m.yaml"] = "mappings/m.yaml";
  std::string out = render_github(sink, style);
  std::string expected;
  for (int k = 1; k <= 9; ++k)
    expected += "::error file=README.md,line=" + std::to_string(k) + ",col=1,title=git-reorg::broken link " + std::to_string(k) + "\n";
  expected += "::error title=git-reorg::3 more errors are listed in this step's log (GitHub shows 10 of each kind)\n";
  for (int k = 10; k <= 12; ++k) expected += "README.md:" + std::to_string(k) + ":1: error: broken link " + std::to_string(k) + "\n";
  expected += "::warning file=mappings/m.yaml,line=4,col=3,title=git-reorg::unused rule\n";
  CHECK(out == expected);
  // Exactly ten: all are annotations.
  Sink ten;
  for (int k = 1; k <= 10; ++k) ten.warning("a.md", {k, 0}, "w");
  std::string all = render_github(ten);
  CHECK(all.find("more warnings") == std::string::npos);
  CHECK(std::count(all.begin(), all.end(), '\n') == 10);
}

TEST_CASE("render: Markdown bullets and JSON objects", "[diag][render]") {
  Sink sink;
  sink.error("m.yaml", {3, 5}, "bad key");
  sink.warning("README.md", {1, 0}, "needs review");
  sink.note("x", {}, "fyi");
  CHECK(render_markdown(sink) ==
        "- \u274c **error** `m.yaml:3:5`: bad key\n"
        "- \u26a0\ufe0f **warning** `README.md:1`: needs review\n"
        "- \u2139\ufe0f **note** `x`: fyi\n");
  CHECK(to_json(sink).dump() ==
        R"([{"column":5,"line":3,"message":"bad key","path":"m.yaml","severity":"error"},)"
        R"({"column":0,"line":1,"message":"needs review","path":"README.md","severity":"warning"},)"
        R"({"column":0,"line":0,"message":"fyi","path":"x","severity":"note"}])");
}

// Markdown links: which links change, into what, and that nothing else in the file does.
#include <catch2/catch.hpp>

#include "gitreorg/rewrite/markdown_links.hpp"
#include "rewrite/rewrite_fixture.hpp"

using namespace gitreorg;
using gitreorg::testing::Moves;

namespace {

// Rewrites `text` held at `old_path` (moving to `new_path`) and returns the new text.
std::string rw(const Moves& m, const std::string& old_path, const std::string& new_path, const std::string& text,
                    diag::Sink* sink_out = nullptr) {
  diag::Sink sink;
  auto edits = rewrite::rewrite_markdown_links(old_path, new_path, text, *m.map, sink);
  if (sink_out) *sink_out = sink;
  return core::apply_edits(text, edits);
}

const std::vector<std::string> kPaths = {"README.md", "docs/guide.md", "docs/img/a.png", "src/lib.py", "slurm/run.sh",
                                          "my dir/a b.md"};

}  // namespace

TEST_CASE("rewrite: moved target, unmoved file", "[rewrite]") {
  Moves m(kPaths, {{"docs/guide.md", "handbook/guide.md"}, {"docs/img/a.png", "handbook/img/a.png"}});
  CHECK(rw(m, "README.md", "README.md", "See [guide](docs/guide.md#install \"The guide\").\n") ==
        "See [guide](handbook/guide.md#install \"The guide\").\n");
  CHECK(rw(m, "README.md", "README.md", "![a](./docs/img/a.png?raw=true)") == "![a](./handbook/img/a.png?raw=true)");
  CHECK(rw(m, "README.md", "README.md", "[x](/docs/guide.md)") == "[x](/handbook/guide.md)");  // root-relative
  CHECK(rw(m, "README.md", "README.md", "[x](docs/)") == "[x](handbook/)");  // all of docs moved
  CHECK(rw(m, "README.md", "README.md", "[x](src/)") == "[x](src/)");
}

TEST_CASE("rewrite: moved file, unmoved target", "[rewrite]") {
  Moves m(kPaths, {{"docs/guide.md", "handbook/deep/guide.md"}});
  CHECK(rw(m, "docs/guide.md", "handbook/deep/guide.md", "[home](../README.md) [py](../src/lib.py)") ==
        "[home](../../README.md) [py](../../src/lib.py)");
  CHECK(rw(m, "docs/guide.md", "handbook/deep/guide.md", "[top](#top) [mail](mailto:a@b.c) [web](https://x.org/a)") ==
        "[top](#top) [mail](mailto:a@b.c) [web](https://x.org/a)");
  CHECK(rw(m, "docs/guide.md", "handbook/deep/guide.md", "[root](/README.md)") == "[root](/README.md)");
}

TEST_CASE("rewrite: both moved, and moved together in one directory", "[rewrite]") {
  Moves m(kPaths, {{"docs/guide.md", "a/guide.md"}, {"docs/img/a.png", "b/a.png"}});
  CHECK(rw(m, "docs/guide.md", "a/guide.md", "![](img/a.png)") == "![](../b/a.png)");
  Moves same(kPaths, {{"docs/guide.md", "x/guide.md"}, {"docs/img/a.png", "x/img/a.png"}});
  CHECK(rw(same, "docs/guide.md", "x/guide.md", "![](img/a.png) ![](./img/a.png)") == "![](img/a.png) ![](./img/a.png)");
}

TEST_CASE("rewrite: directory links follow the directory", "[rewrite]") {
  Moves m(kPaths, {{"slurm/run.sh", "infra/slurm/run.sh"}});
  CHECK(rw(m, "README.md", "README.md", "[slurm](slurm/) [s](./slurm)") == "[slurm](infra/slurm/) [s](./infra/slurm)");
}

TEST_CASE("rewrite: CommonMark cases", "[rewrite]") {
  Moves m(kPaths, {{"docs/guide.md", "g/guide.md"}, {"my dir/a b.md", "new place/a b.md"}});
  SECTION("nested brackets and emphasis in the text") {
    CHECK(rw(m, "README.md", "README.md", "[a [nested] *b*](docs/guide.md)") == "[a [nested] *b*](g/guide.md)");
    CHECK(rw(m, "README.md", "README.md", "[![img](docs/guide.md)](docs/guide.md)") == "[![img](g/guide.md)](g/guide.md)");
  }
  SECTION("titles untouched") {
    CHECK(rw(m, "README.md", "README.md", "[a](docs/guide.md 'docs/guide.md')") == "[a](g/guide.md 'docs/guide.md')");
    CHECK(rw(m, "README.md", "README.md", "[a](docs/guide.md (t))") == "[a](g/guide.md (t))");
  }
  SECTION("angle-bracket destinations keep their brackets") {
    CHECK(rw(m, "README.md", "README.md", "[a](<my dir/a b.md>)") == "[a](<new place/a b.md>)");
    CHECK(rw(m, "README.md", "README.md", "[a](my%20dir/a%20b.md)") == "[a](new%20place/a%20b.md)");
  }
  SECTION("backslash escapes and entities") {
    CHECK(rw(m, "README.md", "README.md", "[a](docs\\/guide.md)") == "[a](g/guide.md)");
    CHECK(rw(m, "README.md", "README.md", "[a](docs/guide&#46;md)") == "[a](g/guide&#46;md)");
  }
  SECTION("reference definitions, used (labels case-insensitive) or not") {
    CHECK(rw(m, "README.md", "README.md", "[Guide][G]\n\n[g]: docs/guide.md \"title\"\n") ==
          "[Guide][G]\n\n[g]: g/guide.md \"title\"\n");
    CHECK(rw(m, "README.md", "README.md", "text\n\n[unused]: <docs/guide.md>\n") == "text\n\n[unused]: <g/guide.md>\n");
    CHECK(rw(m, "README.md", "README.md", "[u]:\n  docs/guide.md\n") == "[u]:\n  g/guide.md\n");
  }
  SECTION("no links in code") {
    std::string code = "`[a](docs/guide.md)`\n\n```\n[a](docs/guide.md)\n[d]: docs/guide.md\n```\n\n    [i]: docs/guide.md\n";
    CHECK(rw(m, "README.md", "README.md", code) == code);
  }
  SECTION("raw HTML") {
    CHECK(rw(m, "README.md", "README.md", "<a href=\"docs/guide.md\">x</a> <img src='docs/guide.md'>") ==
          "<a href=\"g/guide.md\">x</a> <img src='g/guide.md'>");
    CHECK(rw(m, "README.md", "README.md", "<picture>\n<source srcset=\"docs/guide.md 1x, docs/guide.md 2x\">\n</picture>\n") ==
          "<picture>\n<source srcset=\"g/guide.md 1x, g/guide.md 2x\">\n</picture>\n");
  }
  SECTION("autolinks and absolute URLs untouched") {
    std::string s = "<https://example.com/docs/guide.md> [x](https://example.com/docs/guide.md)";
    CHECK(rw(m, "README.md", "README.md", s) == s);
  }
}

TEST_CASE("rewrite: broken and outside links are left as they are, without a word", "[rewrite]") {
  // The link check counts links broken before the move; they are not the rewrite's to report.
  Moves m(kPaths, {{"docs/guide.md", "g/guide.md"}});
  diag::Sink sink;
  std::string text = "[gone](docs/missing.md) [up](../../outside.md)\n";
  CHECK(rw(m, "docs/guide.md", "g/guide.md", text, &sink) == text);
  CHECK(sink.all().empty());
}

TEST_CASE("rewrite: bytes outside edits are identical", "[rewrite]") {
  Moves m(kPaths, {{"docs/guide.md", "g/guide.md"}});
  std::string text = "\xEF\xBB\xBF# T  \r\n\r\n[a](docs/guide.md)\t \r\n\r\n[b]: docs/guide.md\r\nend";
  CHECK(rw(m, "README.md", "README.md", text) == "\xEF\xBB\xBF# T  \r\n\r\n[a](g/guide.md)\t \r\n\r\n[b]: g/guide.md\r\nend");
  // A definition cannot interrupt a paragraph: this one is text, and stays.
  CHECK(rw(m, "README.md", "README.md", "para\n[b]: docs/guide.md\n") == "para\n[b]: docs/guide.md\n");
}

TEST_CASE("rewrite: a directory the move dissolves", "[rewrite]") {
  Moves m({"README.md", "cases/a/x.md", "cases/b/y.md", "top/c/z.md", "top/d/w.md"},
          {{"cases/a/x.md", "examples/train/a/x.md"}, {"cases/b/y.md", "examples/serve/b/y.md"},
           {"top/c/z.md", "c/z.md"}, {"top/d/w.md", "d/w.md"}});
  diag::Sink sink;
  CHECK(rw(m, "README.md", "README.md", "[all](cases/) [t](./top/)", &sink) == "[all](examples/) [t](./top/)");
  REQUIRE(sink.all().size() == 2);
  CHECK(sink.all()[0].severity == diag::Severity::note);
  CHECK(sink.all()[1].message == "link `./top/` needs review: the move dissolves directory `top` (left as is)");
}

TEST_CASE("rewrite: link text spelling the link's old destination or name follows the link", "[rewrite]") {
  Moves m({"README.md", "1.architectures/0.common/a.sh", "1.architectures/b.md", "ch05/07_gpt/README.md", "ch05/07_gpt/x.py",
           "docs/x/README.md"},
          {{"1.architectures/0.common/a.sh", "architectures/common/a.sh"},
           {"1.architectures/b.md", "architectures/b.md"},
           {"ch05/07_gpt/README.md", "ch05/gpt/README.md"},
           {"ch05/07_gpt/x.py", "ch05/gpt/x.py"}});
  CHECK(rw(m, "README.md", "README.md", "[ch05/07_gpt](ch05/07_gpt) [`0.common`](./1.architectures/0.common)\n") ==
        "[ch05/gpt](ch05/gpt) [`common`](./architectures/common)\n");
  CHECK(rw(m, "docs/x/README.md", "docs/x/README.md", "[1.architectures](../../1.architectures) and "
                                                      "[1.architectures/0.common/](../../1.architectures/0.common/)\n") ==
        "[architectures](../../architectures) and [architectures/common/](../../architectures/common/)\n");
  // A link to a directory's README names the directory: its path from the root or its name.
  CHECK(rw(m, "README.md", "README.md", "[ch05/07_gpt](ch05/07_gpt/README.md) [07_gpt](ch05/07_gpt/README.md)\n") ==
        "[ch05/gpt](ch05/gpt/README.md) [gpt](ch05/gpt/README.md)\n");
  // A path from the root stays one when the file moves below the root (found on the demo's import:
  // `[2.projects/trtllm-inference](2.projects/trtllm-inference/)` in a README that became docs/inference.md).
  CHECK(rw(m, "README.md", "docs/guide.md", "[ch05/07_gpt](ch05/07_gpt/) [ch05/07_gpt/x.py](ch05/07_gpt/x.py)\n") ==
        "[ch05/gpt](../ch05/gpt/) [ch05/gpt/x.py](../ch05/gpt/x.py)\n");
  // The name of a directory on the way to the target names that directory (found on the real import:
  // `[1.infrastructure](1.infrastructure/1_setup_cluster/README.md)`); `1.architectures` was renamed
  // although no rule names it: its children all land side by side in `architectures`.
  CHECK(rw(m, "README.md", "README.md", "[07_gpt](ch05/07_gpt/x.py) [0.common](1.architectures/0.common/a.sh)\n") ==
        "[gpt](ch05/gpt/x.py) [common](architectures/common/a.sh)\n");
  CHECK(rw(m, "README.md", "README.md", "[1.architectures](1.architectures/0.common/a.sh)\n") ==
        "[architectures](architectures/common/a.sh)\n");
  // Other text, images and references are left alone.
  CHECK(rw(m, "README.md", "README.md", "[the common scripts](1.architectures/0.common) ![0.common](1.architectures/0.common/a.sh)\n") ==
        "[the common scripts](architectures/common) ![0.common](architectures/common/a.sh)\n");
}

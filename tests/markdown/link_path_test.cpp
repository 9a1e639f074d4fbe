// Destination text: splitting, decoding, resolving, relativising, re-encoding.
#include <catch2/catch.hpp>

#include "gitreorg/markdown/link_path.hpp"

using namespace gitreorg::markdown;

TEST_CASE("markdown: destinations are split, decoded and resolved", "[markdown]") {
  SplitDestination d = split_destination("a/b.md?x=1#sec", Syntax::markdown);
  CHECK(d.path == "a/b.md");
  CHECK(d.suffix == "?x=1#sec");
  CHECK(d.fragment == "sec");
  CHECK(split_destination("a&#35;b\\#c.md#x", Syntax::markdown).path == "a&#35;b\\#c.md");
  CHECK(split_destination("a&#35;b", Syntax::url).path == "a&");
  CHECK(has_scheme("https://x"));
  CHECK(has_scheme("mailto:a@b"));
  CHECK(has_scheme("//host/x"));
  CHECK_FALSE(has_scheme("a/b:c"));
  CHECK_FALSE(has_scheme("./x"));
  CHECK(decode("my%20file\\_x&amp;y.md", Syntax::markdown) == "my file_x&y.md");
  CHECK(decode("a&#x41;&#66;", Syntax::html) == "aAB");
  CHECK(resolve_path("docs/guide", "../img/./a.png") == "docs/img/a.png");
  CHECK(resolve_path("docs/guide", "/README.md") == "README.md");
  CHECK(resolve_path("docs", "../../x") == std::nullopt);
  CHECK(resolve_path("docs", "..") == "");
  CHECK(relative_path("a/b", "a/c/d.md") == "../c/d.md");
  CHECK(relative_path("", "a.md") == "a.md");
  CHECK(relative_path("a", "a") == ".");
  CHECK(relative_path("a/b", "") == "../..");
}

TEST_CASE("markdown: retarget keeps the link's style", "[markdown]") {
  CHECK(retarget("./b.md", Syntax::markdown, "x", "x/c/b.md") == "./c/b.md");
  CHECK(retarget("./b.md", Syntax::markdown, "x", "y/b.md") == "../y/b.md");
  CHECK(retarget("slurm/", Syntax::markdown, "", "infra/slurm") == "infra/slurm/");
  CHECK(retarget("/docs/a.md", Syntax::markdown, "q", "guide/a.md") == "/guide/a.md");
  // Unchanged segments keep their spelling; new ones are encoded like the original.
  CHECK(retarget("my%20dir/a%20b.md", Syntax::markdown, "", "new dir/my dir/a b.md") == "new%20dir/my%20dir/a%20b.md");
  CHECK(retarget("my dir/a.md", Syntax::markdown_angle, "", "x y/a.md") == "x y/a.md");
  CHECK(retarget("a.md", Syntax::markdown, "", "has space/a.md") == "has%20space/a.md");
  CHECK(retarget("caf%C3%A9/a.md", Syntax::markdown, "", "th\xC3\xA9/caf\xC3\xA9/a.md") == "th%C3%A9/caf%C3%A9/a.md");
  CHECK(retarget("../lib", Syntax::plain, "bin", "lib") == "../lib");
  CHECK(retarget("./", Syntax::markdown, "a", "a") == "./");
}

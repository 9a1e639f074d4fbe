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
  CHECK(retarget("./b.md", Syntax::markdown, "x", "x", "x/c/b.md") == "./c/b.md");
  CHECK(retarget("./b.md", Syntax::markdown, "x", "x", "y/b.md") == "../y/b.md");
  CHECK(retarget("slurm/", Syntax::markdown, "", "", "infra/slurm") == "infra/slurm/");
  CHECK(retarget("/docs/a.md", Syntax::markdown, "q", "q", "guide/a.md") == "/guide/a.md");
  // Unchanged segments keep their spelling; new ones are encoded like the original.
  CHECK(retarget("my%20dir/a%20b.md", Syntax::markdown, "", "", "new dir/my dir/a b.md") == "new%20dir/my%20dir/a%20b.md");
  CHECK(retarget("my dir/a.md", Syntax::markdown_angle, "", "", "x y/a.md") == "x y/a.md");
  CHECK(retarget("a.md", Syntax::markdown, "", "", "has space/a.md") == "has%20space/a.md");
  CHECK(retarget("caf%C3%A9/a.md", Syntax::markdown, "", "", "th\xC3\xA9/caf\xC3\xA9/a.md") == "th%C3%A9/caf%C3%A9/a.md");
  CHECK(retarget("../lib", Syntax::plain, "bin", "bin", "lib") == "../lib");
  CHECK(retarget("./", Syntax::markdown, "a", "a", "a") == "./");
}

TEST_CASE("markdown: a retargeted link keeps its route", "[markdown]") {
  // The case: only the renamed segments change; the link still climbs to the root.
  CHECK(route_keeping_path("1.architectures/3.aws-batch", "../../1.architectures/1.vpc_network/2.vpc-one-az.yaml",
                           "architectures/aws-batch", "architectures/vpc_network/2.vpc-one-az.yaml") ==
        "../../architectures/vpc_network/2.vpc-one-az.yaml");
  CHECK(retarget("../../1.architectures/1.vpc_network/", Syntax::markdown, "1.architectures/3.aws-batch",
                 "architectures/aws-batch", "architectures/vpc_network") == "../../architectures/vpc_network/");
  // A sibling link stays a sibling link.
  CHECK(route_keeping_path("1.arch/3.batch", "../1.vpc/a.yaml", "infra/batch", "infra/vpc/a.yaml") == "../vpc/a.yaml");
  // The file moved to another depth: the shortest path.
  CHECK(route_keeping_path("1.arch/3.batch", "../../1.arch/1.vpc/a.yaml", "infra/aws/batch", "infra/vpc/a.yaml") ==
        "../../vpc/a.yaml");
  // The directory the link climbs to no longer holds the target: the shortest path.
  CHECK(route_keeping_path("a/b", "../c/x.md", "a/b", "z/c/x.md") == "../../z/c/x.md");
  // The target moved under the climbed path: climbing out and back in would be new, so the shortest path.
  CHECK(route_keeping_path("a/b", "../e/f.md", "x/y", "x/y/e/f.md") == "e/f.md");
  // A route through `..` in the middle is not kept; a descent-only link is the shortest path.
  CHECK(route_keeping_path("a/b", "../q/../c/x.md", "a/b", "a/d/x.md") == "../d/x.md");
  CHECK(route_keeping_path("a", "b/x.md", "n", "n/b/x.md") == "b/x.md");
  // The target is the root or the turning directory itself.
  CHECK(route_keeping_path("a/b", "../..", "c/d", "") == "../..");
  CHECK(route_keeping_path("1.a/b", "../../1.a", "a/b", "a") == "../../a");
}

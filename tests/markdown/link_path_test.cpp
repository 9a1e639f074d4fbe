// Destination text: splitting, decoding, resolving, relativising, re-encoding.
#include <catch2/catch.hpp>

#include "gitreorg/markdown/html_entities.hpp"
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

// Issue 14: an absolute URL's new segments are encoded as GitHub encodes them (non-ASCII as UTF-8
// escapes even when the URL had none), a relative link's non-ASCII only when the link encoded some.
TEST_CASE("markdown: encode_like writes a URL's new segments as GitHub does, a link's as it was", "[markdown][encoded-url]") {
  CHECK(encode_like("th\xC3\xA9/a b.md", "docs/a.md", Syntax::url) == "th%C3%A9/a%20b.md");
  CHECK(encode_like("th\xC3\xA9/a b.md", "docs/a.md", Syntax::markdown) == "th\xC3\xA9/a%20b.md");
  CHECK(encode_like("th\xC3\xA9/caf\xC3\xA9/x.md", "caf\xC3\xA9/x.md", Syntax::url) == "th\xC3\xA9/caf\xC3\xA9/x.md");
  CHECK(encode_like("n/caf\xC3\xA9/x.md", "caf%c3%a9/x.md", Syntax::url) == "n/caf%c3%a9/x.md");
  CHECK(encode_like("a [b] {c}|^`'(d)/\"x\"<y>#?%.md", "", Syntax::url) ==
        "a%20%5Bb%5D%20%7Bc%7D%7C%5E%60%27%28d%29/%22x%22%3Cy%3E%23%3F%25.md");
  CHECK(encode_like("a!$&*+,;=:@~-_.md", "", Syntax::url) == "a!$&*+,;=:@~-_.md");  // as GitHub leaves them
  CHECK(decode("100%25/a%20b.md", Syntax::url) == "100%/a b.md");
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

TEST_CASE("markdown: every named HTML entity is decoded, and numeric ones as CommonMark does", "[markdown]") {
  // The WHATWG list: 2125 names that end in `;` (generated data, src/markdown/gen_html_entities.py).
  CHECK(named_entity_count() == 2125);
  CHECK(decode("caf&eacute;.md", Syntax::markdown) == "caf\xC3\xA9.md");
  CHECK(decode("caf&eacute;.md", Syntax::html) == "caf\xC3\xA9.md");
  CHECK(decode("&Eacute;cole/&ouml;&szlig;&euro;&hellip;", Syntax::markdown) == "\xC3\x89" "cole/\xC3\xB6\xC3\x9F\xE2\x82\xAC\xE2\x80\xA6");
  CHECK(decode("&CounterClockwiseContourIntegral;", Syntax::markdown) == "\xE2\x88\xB3");  // the longest name
  CHECK(decode("&NotEqualTilde;", Syntax::markdown) == "\xE2\x89\x82\xCC\xB8");          // two code points
  CHECK(decode("a&lowbar;b&period;md&num;x", Syntax::markdown) == "a_b.md#x");
  CHECK(decode("&AMP;&amp;&lt;&gt;&quot;&apos;&nbsp;", Syntax::html) == "&&<>\"'\xC2\xA0");
  // Unknown names, a name without `;`, and case are not entities: kept as written.
  CHECK(decode("&bogus;&eacute&Amp;", Syntax::markdown) == "&bogus;&eacute&Amp;");
  // Numeric: decimal and hex; 0, surrogates and beyond U+10FFFF become U+FFFD; too many digits is text.
  CHECK(decode("&#233;&#xe9;&#XE9;&#x1F600;", Syntax::markdown) == "\xC3\xA9\xC3\xA9\xC3\xA9\xF0\x9F\x98\x80");
  CHECK(decode("&#0;&#xD800;&#x110000;", Syntax::markdown) == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(decode("&#12345678;", Syntax::markdown) == "&#12345678;");
  // An escaped `&` starts no entity.
  CHECK(decode("\\&eacute;", Syntax::markdown) == "&eacute;");
}

// Absolute repository URLs: every form, pinned refs, new_url, and no false friends.
#include <catch2/catch.hpp>

#include "gitreorg/rewrite/github_urls.hpp"
#include "rewrite/rewrite_fixture.hpp"

using namespace gitreorg;
using gitreorg::testing::Moves;

namespace {

mapping::Repository repo(std::string new_url = "") {
  mapping::Repository r;
  r.urls = {"https://github.com/aws/adt", "https://ghe.example.com/ml/adt"};
  r.branches = {"main", "release/2.0"};
  r.new_url = std::move(new_url);
  return r;
}

const Moves& moves() {
  static Moves m({"3.test_cases/FSDP/train.py", "3.test_cases/FSDP/README.md", "README.md", "a b/c.md"},
                 {{"3.test_cases/FSDP/train.py", "examples/fsdp/train.py"},
                  {"3.test_cases/FSDP/README.md", "examples/fsdp/README.md"},
                  {"a b/c.md", "d e/c.md"}});
  return m;
}

std::string url(const std::string& u, const mapping::Repository& r) {
  rewrite::GithubUrls urls(r, *moves().map);
  auto o = urls.rewrite_url(u);
  return o.new_url ? *o.new_url : (o.pinned ? "PINNED" : "SAME");
}

}  // namespace

TEST_CASE("rewrite: GitHub URL forms", "[rewrite]") {
  auto r = repo();
  CHECK(url("https://github.com/aws/adt/blob/main/3.test_cases/FSDP/train.py", r) ==
        "https://github.com/aws/adt/blob/main/examples/fsdp/train.py");
  CHECK(url("https://www.github.com/aws/adt/tree/main/3.test_cases/FSDP/", r) ==
        "https://www.github.com/aws/adt/tree/main/examples/fsdp/");
  CHECK(url("https://github.com/aws/adt/tree/main/3.test_cases/FSDP", r) == "https://github.com/aws/adt/tree/main/examples/fsdp");
  CHECK(url("https://github.com/AWS/ADT/blob/main/3.test_cases/FSDP/train.py#L10-L20", r) ==
        "https://github.com/AWS/ADT/blob/main/examples/fsdp/train.py#L10-L20");
  CHECK(url("https://github.com/aws/adt/raw/main/3.test_cases/FSDP/train.py?plain=1", r) ==
        "https://github.com/aws/adt/raw/main/examples/fsdp/train.py?plain=1");
  for (const char* kind : {"edit", "blame", "commits"})
    CHECK(url(std::string("https://github.com/aws/adt/") + kind + "/main/README.md", r) == "SAME");
  CHECK(url("https://github.com/aws/adt/commits/main/3.test_cases/FSDP", r) == "https://github.com/aws/adt/commits/main/examples/fsdp");
  CHECK(url("https://raw.githubusercontent.com/aws/adt/main/3.test_cases/FSDP/train.py", r) ==
        "https://raw.githubusercontent.com/aws/adt/main/examples/fsdp/train.py");
  CHECK(url("https://raw.githubusercontent.com/aws/adt/refs/heads/main/3.test_cases/FSDP/train.py", r) ==
        "https://raw.githubusercontent.com/aws/adt/refs/heads/main/examples/fsdp/train.py");
  CHECK(url("https://github.com/aws/adt/blob/release/2.0/3.test_cases/FSDP/train.py", r) ==
        "https://github.com/aws/adt/blob/release/2.0/examples/fsdp/train.py");
  CHECK(url("https://ghe.example.com/ml/adt/blob/main/3.test_cases/FSDP/train.py", r) ==
        "https://ghe.example.com/ml/adt/blob/main/examples/fsdp/train.py");
  CHECK(url("https://github.com/aws/adt/blob/main/a%20b/c.md", r) == "https://github.com/aws/adt/blob/main/d%20e/c.md");
  CHECK(url("https://github.com/aws/adt", r) == "SAME");
  CHECK(url("https://github.com/aws/adt.git", r) == "SAME");
}

TEST_CASE("rewrite: hosts that show a GitHub file: Colab, nbviewer, github.dev, mybinder", "[rewrite]") {
  auto r = repo();
  CHECK(url("https://colab.research.google.com/github/aws/adt/blob/main/3.test_cases/FSDP/train.py", r) ==
        "https://colab.research.google.com/github/aws/adt/blob/main/examples/fsdp/train.py");
  CHECK(url("https://nbviewer.org/github/aws/adt/blob/main/3.test_cases/FSDP/train.py", r) ==
        "https://nbviewer.org/github/aws/adt/blob/main/examples/fsdp/train.py");
  CHECK(url("https://nbviewer.jupyter.org/github/aws/adt/tree/main/3.test_cases/FSDP/", r) ==
        "https://nbviewer.jupyter.org/github/aws/adt/tree/main/examples/fsdp/");
  CHECK(url("https://github.dev/aws/adt/blob/main/3.test_cases/FSDP/train.py", r) ==
        "https://github.dev/aws/adt/blob/main/examples/fsdp/train.py");
  CHECK(url("https://mybinder.org/v2/gh/aws/adt/main?labpath=3.test_cases%2FFSDP%2Ftrain.py", r) ==
        "https://mybinder.org/v2/gh/aws/adt/main?labpath=examples%2Ffsdp%2Ftrain.py");
  CHECK(url("https://mybinder.org/v2/gh/aws/adt/main?filepath=3.test_cases/FSDP/train.py&x=1", r) ==
        "https://mybinder.org/v2/gh/aws/adt/main?filepath=examples/fsdp/train.py&x=1");
  CHECK(url("https://colab.research.google.com/github/aws/adt/blob/v1.0/3.test_cases/FSDP/train.py", r) == "PINNED");
  CHECK(url("https://mybinder.org/v2/gh/aws/adt/v1.0?labpath=3.test_cases/FSDP/train.py", r) == "PINNED");
  CHECK(url("https://colab.research.google.com/github/other/adt/blob/main/3.test_cases/FSDP/train.py", r) == "SAME");
  // A new URL changes the repository part, not the host.
  auto n = repo("https://github.com/awslabs/new");
  CHECK(url("https://colab.research.google.com/github/aws/adt/blob/main/README.md", n) ==
        "https://colab.research.google.com/github/awslabs/new/blob/main/README.md");
  CHECK(url("https://mybinder.org/v2/gh/aws/adt/main?labpath=3.test_cases/FSDP/train.py", n) ==
        "https://mybinder.org/v2/gh/awslabs/new/main?labpath=examples/fsdp/train.py");
}

TEST_CASE("rewrite: pinned refs are left alone", "[rewrite]") {
  auto r = repo("https://github.com/new/place");
  CHECK(url("https://github.com/aws/adt/blob/v1.0.0/3.test_cases/FSDP/train.py", r) == "PINNED");
  CHECK(url("https://github.com/aws/adt/blob/0123abcd0123abcd0123abcd0123abcd0123abcd/3.test_cases/FSDP/train.py", r) == "PINNED");
  CHECK(url("https://raw.githubusercontent.com/aws/adt/v2/README.md", r) == "PINNED");
}

TEST_CASE("rewrite: new_url replaces the repository part everywhere", "[rewrite]") {
  auto r = repo("https://github.com/new/place");
  CHECK(url("https://github.com/aws/adt", r) == "https://github.com/new/place");
  CHECK(url("https://github.com/aws/adt.git", r) == "https://github.com/new/place.git");
  CHECK(url("https://github.com/aws/adt/issues/12", r) == "https://github.com/new/place/issues/12");
  CHECK(url("https://github.com/aws/adt/blob/main/README.md", r) == "https://github.com/new/place/blob/main/README.md");
  CHECK(url("https://raw.githubusercontent.com/aws/adt/main/3.test_cases/FSDP/train.py", r) ==
        "https://raw.githubusercontent.com/new/place/main/examples/fsdp/train.py");
}

// The demo's import: `https://github.com/aws-samples/awsome-inference?tab=readme-ov-file#projects` became the
// host's front page with the sibling's anchor; the heading is in the sibling's README, now elsewhere.
TEST_CASE("rewrite: an imported repository's front page is its README's new place; its issues stay", "[rewrite]") {
  mapping::Repository r;
  r.urls = {"https://github.com/aws/sib"};
  r.branches = {"main"};
  r.new_url = "https://github.com/aws/host";
  r.imported = true;
  Moves m({"README.md", "2.projects/x.md"}, {{"README.md", "docs/inference.md"}, {"2.projects/x.md", "examples/x.md"}});
  rewrite::GithubUrls urls(r, *m.map);
  auto u = [&](const std::string& s) {
    auto o = urls.rewrite_url(s);
    return o.new_url ? *o.new_url : (o.pinned ? "PINNED" : "SAME");
  };
  CHECK(u("https://github.com/aws/sib?tab=readme-ov-file#projects") == "https://github.com/aws/host/blob/main/docs/inference.md#projects");
  CHECK(u("https://github.com/aws/sib#projects") == "https://github.com/aws/host/blob/main/docs/inference.md#projects");
  CHECK(u("https://github.com/aws/sib") == "https://github.com/aws/host/blob/main/docs/inference.md");
  CHECK(u("https://github.com/aws/sib/") == "https://github.com/aws/host/blob/main/docs/inference.md");
  CHECK(u("https://github.com/aws/sib.git") == "https://github.com/aws/host.git");  // a clone is the host's
  CHECK(u("https://github.com/aws/sib/issues/12") == "SAME");  // numbers of the archived repository
  CHECK(u("https://github.com/aws/sib/pulls") == "SAME");
  CHECK(u("https://github.com/aws/sib/blob/main/2.projects/x.md") == "https://github.com/aws/host/blob/main/examples/x.md");
}

// `git clone URL` fetches the repository: the home page form of an imported one is then the host's
// clone URL, not its README's place (seen in a workshop guide: `git clone https://github.com/aws-samples/awsome-inference && cd ...`).
TEST_CASE("rewrite: an imported repository's URL after `git clone` is the host's, with or without .git", "[rewrite]") {
  mapping::Repository r;
  r.urls = {"https://github.com/aws/sib"};
  r.branches = {"main"};
  r.new_url = "https://github.com/aws/host";
  r.imported = true;
  Moves m({"README.md"}, {{"README.md", "docs/inference.md"}});
  rewrite::GithubUrls urls(r, *m.map);
  auto replaced = [&](const std::string& text) {
    std::vector<std::string> out;
    for (const rewrite::UrlMatch& u : urls.find_urls(text)) out.push_back(u.outcome.new_url ? *u.outcome.new_url : "SAME");
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(replaced("git clone https://github.com/aws/sib && cd sib") == V{"https://github.com/aws/host"});
  CHECK(replaced("  $ git clone --depth 1 -b main https://github.com/aws/sib/\n") == V{"https://github.com/aws/host/"});
  CHECK(replaced("git clone https://github.com/aws/sib.git") == V{"https://github.com/aws/host.git"});
  // Not after a clone on its line (another command, another line): the page, its README.
  CHECK(replaced("git clone x; open https://github.com/aws/sib") == V{"https://github.com/aws/host/blob/main/docs/inference.md"});
  CHECK(replaced("git clone \\\nSee https://github.com/aws/sib") == V{"https://github.com/aws/host/blob/main/docs/inference.md"});
  CHECK(replaced("Star https://github.com/aws/sib") == V{"https://github.com/aws/host/blob/main/docs/inference.md"});
}

TEST_CASE("rewrite: URLs in text, each edited once", "[rewrite]") {
  auto r = repo();
  rewrite::GithubUrls urls(r, *moves().map);
  std::string text =
      "see https://github.com/aws/adt/blob/main/3.test_cases/FSDP/train.py.\n"
      "[x](https://github.com/aws/adt/tree/main/3.test_cases/FSDP) <https://github.com/aws/adt/blob/main/3.test_cases/FSDP/README.md>\n"
      "pinned https://github.com/aws/adt/blob/v1/3.test_cases/FSDP/train.py\n"
      "other https://github.com/aws/adt-2/blob/main/3.test_cases/FSDP/train.py https://github.com/aws/adt.github.io\n"
      "wget https://raw.githubusercontent.com/aws/adt/main/3.test_cases/FSDP/train.py\n";
  std::size_t pinned = 0;
  diag::Sink sink;
  auto edits = urls.rewrite_text("x.sh", text, pinned, sink);
  CHECK(pinned == 1);
  CHECK(edits.size() == 4);
  CHECK(core::apply_edits(text, edits) ==
        "see https://github.com/aws/adt/blob/main/examples/fsdp/train.py.\n"
        "[x](https://github.com/aws/adt/tree/main/examples/fsdp) <https://github.com/aws/adt/blob/main/examples/fsdp/README.md>\n"
        "pinned https://github.com/aws/adt/blob/v1/3.test_cases/FSDP/train.py\n"
        "other https://github.com/aws/adt-2/blob/main/3.test_cases/FSDP/train.py https://github.com/aws/adt.github.io\n"
        "wget https://raw.githubusercontent.com/aws/adt/main/examples/fsdp/train.py\n");
  CHECK(edits[0].line == 1);
  CHECK(edits[3].line == 5);
  // A URL to a path that is not in the tree: reported, path kept, and listed for review.
  std::vector<rewrite::ReviewItem> review;
  urls.rewrite_text("y.md", "\nhttps://github.com/aws/adt/blob/main/nope.md", pinned, sink, &review);
  REQUIRE(sink.all().size() == 1);
  CHECK(sink.all()[0].message.find("`nope.md` is not in the tree") != std::string::npos);
  REQUIRE(review.size() == 1);
  CHECK(review[0].path == "y.md");
  CHECK(review[0].line == 2);
  CHECK(review[0].text == "https://github.com/aws/adt/blob/main/nope.md");
  CHECK(review[0].reason.find("URL to a path that is not in the tree") == 0);
}

// Percent-encoded paths (issue 14), as GitHub writes them (its permalinks encode a space as %20 and
// non-ASCII as UTF-8 escapes): decoded to look the path up, written back in the URL's own spelling.
namespace {

const Moves& encoded_moves() {
  static Moves m({"3.test_cases/my dir/README.md", "3.test_cases/my dir/run.sh", "\xc3\xbc" "ber/x.md", "docs/a.md",
                  "docs/b c.md", "stay dir/keep.md", "a_b/c.md", "old/100%.md", "notes/draft.md"},
                 {{"3.test_cases/my dir/README.md", "examples/my dir/README.md"},
                  {"3.test_cases/my dir/run.sh", "examples/my dir/run.sh"},
                  {"\xc3\xbc" "ber/x.md", "neu/\xc3\xbc" "ber/x.md"},
                  {"docs/a.md", "dokumentation/gr\xc3\xb6\xc3\x9f" "e/a.md"},
                  {"docs/b c.md", "doku ment/b c.md"},
                  {"a_b/c.md", "x/a_b/c.md"},
                  {"old/100%.md", "new/100%.md"},
                  {"notes/draft.md", "guide/#1 [x] {y}/draft.md"}});
  return m;
}

std::string encoded_url(const std::string& u) {
  auto r = repo();
  rewrite::GithubUrls urls(r, *encoded_moves().map);
  auto o = urls.rewrite_url(u);
  return o.new_url ? *o.new_url : (o.pinned ? "PINNED" : o.problem.empty() ? "SAME" : "PROBLEM " + o.problem);
}

}  // namespace

TEST_CASE("rewrite: percent-encoded GitHub URLs are decoded, and the new path is written in their spelling", "[rewrite][encoded-url]") {
  const std::string gh = "https://github.com/aws/adt";
  // A space: every page kind, raw.githubusercontent.com, a directory, query and fragment kept.
  CHECK(encoded_url(gh + "/blob/main/3.test_cases/my%20dir/README.md#usage") == gh + "/blob/main/examples/my%20dir/README.md#usage");
  CHECK(encoded_url(gh + "/tree/main/3.test_cases/my%20dir") == gh + "/tree/main/examples/my%20dir");
  CHECK(encoded_url(gh + "/tree/main/3.test_cases/my%20dir/") == gh + "/tree/main/examples/my%20dir/");
  CHECK(encoded_url(gh + "/raw/main/3.test_cases/my%20dir/run.sh?plain=1") == gh + "/raw/main/examples/my%20dir/run.sh?plain=1");
  CHECK(encoded_url(gh + "/commits/main/3.test_cases/my%20dir/run.sh") == gh + "/commits/main/examples/my%20dir/run.sh");
  CHECK(encoded_url("https://raw.githubusercontent.com/aws/adt/main/3.test_cases/my%20dir/run.sh") ==
        "https://raw.githubusercontent.com/aws/adt/main/examples/my%20dir/run.sh");
  CHECK(encoded_url("https://colab.research.google.com/github/aws/adt/blob/main/3.test_cases/my%20dir/README.md") ==
        "https://colab.research.google.com/github/aws/adt/blob/main/examples/my%20dir/README.md");
  // Non-ASCII as UTF-8 escapes: a kept segment keeps its spelling (lower-case hex too); one written
  // as it is stays so.
  CHECK(encoded_url(gh + "/blob/main/%C3%BCber/x.md") == gh + "/blob/main/neu/%C3%BCber/x.md");
  CHECK(encoded_url(gh + "/blob/main/%c3%bcber/x.md") == gh + "/blob/main/neu/%c3%bcber/x.md");
  CHECK(encoded_url(gh + "/blob/main/\xc3\xbc" "ber/x.md") == gh + "/blob/main/neu/\xc3\xbc" "ber/x.md");
  // New segments are encoded as GitHub encodes them: a space, non-ASCII, `#`, brackets and braces.
  CHECK(encoded_url(gh + "/blob/main/docs/a.md") == gh + "/blob/main/dokumentation/gr%C3%B6%C3%9Fe/a.md");
  CHECK(encoded_url(gh + "/blob/main/docs/b%20c.md") == gh + "/blob/main/doku%20ment/b%20c.md");
  CHECK(encoded_url(gh + "/blob/main/notes/draft.md") == gh + "/blob/main/guide/%231%20%5Bx%5D%20%7By%7D/draft.md");
  // Mixed: segments written encoded although GitHub would not (`%5F` for `_`) keep their spelling
  // beside plain ones; `%25` is a `%` of the name, written once, never again encoded.
  CHECK(encoded_url(gh + "/blob/main/a%5Fb/c.md") == gh + "/blob/main/x/a%5Fb/c.md");
  CHECK(encoded_url(gh + "/blob/main/old/100%25.md") == gh + "/blob/main/new/100%25.md");
  // `%2F` decodes to `/` (no name in git holds one); the new path is written with `/`.
  CHECK(encoded_url(gh + "/blob/main/3.test_cases%2Fmy%20dir%2FREADME.md") == gh + "/blob/main/examples/my%20dir/README.md");
  // A path that does not move: the URL is kept, byte for byte, whatever its spelling.
  CHECK(encoded_url(gh + "/blob/main/stay%20dir/keep.md") == "SAME");
  CHECK(encoded_url(gh + "/blob/main/stay%20dir/keep.md?plain=1#L2") == "SAME");
  CHECK(encoded_url(gh + "/tree/main/stay%20dir") == "SAME");
  // Pinned refs stay as they are; a branch written encoded (`release%2F2.0`) is still the branch.
  CHECK(encoded_url(gh + "/blob/v1.0/3.test_cases/my%20dir/README.md") == "PINNED");
  CHECK(encoded_url(gh + "/blob/0123abcd0123abcd0123abcd0123abcd0123abcd/3.test_cases/my%20dir/README.md") == "PINNED");
  CHECK(encoded_url("https://raw.githubusercontent.com/aws/adt/v1.0/3.test_cases/my%20dir/run.sh") == "PINNED");
  CHECK(encoded_url(gh + "/blob/release%2F2.0/3.test_cases/my%20dir/README.md") ==
        gh + "/blob/release%2F2.0/examples/my%20dir/README.md");
  CHECK(encoded_url(gh + "/blob/release%2f3.0/3.test_cases/my%20dir/README.md") == "PINNED");  // not a branch
  // A path that is not in the tree is reported by its decoded name.
  CHECK(encoded_url(gh + "/blob/main/my%20gone/x.md") == "PROBLEM `my gone/x.md` is not in the tree");
}

TEST_CASE("rewrite: encoded URLs in text are rewritten once, and found whole again", "[rewrite][encoded-url]") {
  auto r = repo();
  rewrite::GithubUrls urls(r, *encoded_moves().map);
  std::string text =
      "[run](https://github.com/aws/adt/blob/main/3.test_cases/my%20dir/run.sh), "
      "curl -O https://raw.githubusercontent.com/aws/adt/main/3.test_cases/my%20dir/run.sh\n"
      "kept https://github.com/aws/adt/blob/main/stay%20dir/keep.md and "
      "https://github.com/aws/adt/blob/v1.0/3.test_cases/my%20dir/run.sh.\n"
      "<https://github.com/aws/adt/blob/main/notes/draft.md>\n";
  std::size_t pinned = 0;
  diag::Sink sink;
  auto edits = urls.rewrite_text("doc.md", text, pinned, sink);
  CHECK(pinned == 1);
  REQUIRE(edits.size() == 3);
  std::string after = core::apply_edits(text, edits);
  CHECK(after ==
        "[run](https://github.com/aws/adt/blob/main/examples/my%20dir/run.sh), "
        "curl -O https://raw.githubusercontent.com/aws/adt/main/examples/my%20dir/run.sh\n"
        "kept https://github.com/aws/adt/blob/main/stay%20dir/keep.md and "
        "https://github.com/aws/adt/blob/v1.0/3.test_cases/my%20dir/run.sh.\n"
        "<https://github.com/aws/adt/blob/main/guide/%231%20%5Bx%5D%20%7By%7D/draft.md>\n");
  CHECK(sink.all().empty());
  // The URLs written are found whole (the finder stops at a bracket or brace written as it is).
  std::vector<std::string> found;
  for (const rewrite::UrlMatch& m : urls.find_urls(after)) found.push_back(m.url);
  REQUIRE(found.size() == 5);
  CHECK(found[4] == "https://github.com/aws/adt/blob/main/guide/%231%20%5Bx%5D%20%7By%7D/draft.md");
}

TEST_CASE("rewrite: an imported repository's front page names its README's new place encoded", "[rewrite][encoded-url]") {
  mapping::Repository r;
  r.urls = {"https://github.com/aws/sib"};
  r.branches = {"main"};
  r.new_url = "https://github.com/aws/host";
  r.imported = true;
  Moves m({"README.md"}, {{"README.md", "docs/inference guide/README.md"}});
  rewrite::GithubUrls urls(r, *m.map);
  auto o = urls.rewrite_url("https://github.com/aws/sib#projects");
  REQUIRE(o.new_url);
  CHECK(*o.new_url == "https://github.com/aws/host/blob/main/docs/inference%20guide/README.md#projects");
}

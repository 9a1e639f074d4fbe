// Resource safety: hostile sizes and shapes finish in bounded time and memory. Each test measures
// itself (wall clock with std::chrono, peak memory with getrusage) against generous limits that hold
// under AddressSanitizer too; docs/reliability.md lists the limits.
#include <catch2/catch.hpp>
#include <sys/resource.h>

#include <chrono>
#include <string>
#include <vector>

#include "gitreorg/core/edit.hpp"
#include "gitreorg/diag/render.hpp"
#include "gitreorg/git/repository.hpp"
#include "gitreorg/links/check_links.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/markdown/markdown_scan.hpp"
#include "gitreorg/plan/planner.hpp"
#include "gitreorg/pipeline/migration.hpp"
#include "gitreorg/plan/where.hpp"
#include "gitreorg/rewrite/github_urls.hpp"
#include "gitreorg/rewrite/markdown_links.hpp"
#include "gitreorg/rewrite/rewrite_references.hpp"
#include "rewrite/rewrite_fixture.hpp"
#include "support/temp_repo.hpp"

using namespace gitreorg;
using gitreorg::testing::Moves;
using gitreorg::testing::TempRepo;

namespace {

constexpr double kMaxSeconds = 60;
constexpr long kMaxRssKiB = 2L * 1024 * 1024;  // 2 GiB

// Runs `f` and checks it stays within the limits.
template <typename F>
void bounded(const char* what, F&& f) {
  auto start = std::chrono::steady_clock::now();
  f();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  INFO(what << ": " << seconds << " s, peak RSS " << usage.ru_maxrss / 1024 << " MiB");
  CHECK(seconds < kMaxSeconds);
  CHECK(usage.ru_maxrss < kMaxRssKiB);
  WARN(what << ": " << seconds << " s, peak RSS " << usage.ru_maxrss / 1024 << " MiB");
}

const std::vector<std::string> kPaths = {"README.md", "docs/guide.md", "docs/img/a.png", "src/lib.py"};

const Moves& moves() {
  static Moves m(kPaths, {{"docs/guide.md", "handbook/guide.md"}, {"docs/img/a.png", "handbook/img/a.png"}});
  return m;
}

// A realistic Markdown block (~1 KiB): headings, links, images, code, a table, HTML, a list.
const char* kBlock =
    "## Section\n\nSome text with a [link](docs/guide.md#install) and an ![image](docs/img/a.png) and a "
    "[web link](https://example.com/a/b) and *emphasis* and `code [not](a link)`.\n\n"
    "- item with [ref][r]\n- item two\n  - nested [x](src/lib.py)\n\n"
    "```sh\n./run.sh [not](a/link)\n```\n\n| a | b |\n|---|---|\n| [c](README.md) | d |\n\n"
    "<a href=\"docs/guide.md\">html</a> <img src=\"docs/img/a.png\">\n\n[r]: docs/guide.md\n\n"
    "> quoted [q](docs/guide.md \"title\")\n\nhttps://github.com/aws/adt/blob/main/docs/guide.md\n\n";

std::string repeat(std::string_view s, std::size_t times) {
  std::string out;
  out.reserve(s.size() * times);
  for (std::size_t i = 0; i < times; ++i) out.append(s);
  return out;
}

std::string block_to(std::size_t bytes) { return repeat(kBlock, bytes / std::string_view(kBlock).size() + 1); }

}  // namespace

TEST_CASE("safety: a 50 MB Markdown file is scanned and rewritten in bounded time", "[safety][resource]") {
  std::string text = block_to(50u << 20);
  bounded("scan 50 MB", [&] {
    auto scan = markdown::scan_markdown(text);
    CHECK(scan.links.size() > 400000);
  });
  bounded("rewrite 50 MB", [&] {
    diag::Sink sink;
    auto edits = rewrite::rewrite_markdown_links("README.md", "README.md", text, *moves().map, sink);
    CHECK(edits.size() > 300000);
    CHECK(core::apply_edits(text, edits).size() > text.size());
  });
  bounded("URLs in 50 MB", [&] {
    mapping::Repository repo;
    repo.urls = {"https://github.com/aws/adt"};
    repo.branches = {"main"};
    rewrite::GithubUrls urls(repo, *moves().map);
    diag::Sink sink;
    std::size_t pinned = 0;
    CHECK(urls.rewrite_text("README.md", text, pinned, sink).size() > 40000);
  });
}

TEST_CASE("safety: a 50 MB Markdown file is checked and skipped by the reference rewriter", "[safety][resource]") {
  std::string text = block_to(50u << 20);
  core::Tree tree;
  for (const auto& p : kPaths) tree.push_back({p, core::kModeFile, p});
  auto read = [&](const std::string& oid) { return oid == "README.md" ? text : std::string("# Guide\n## Install\n"); };
  bounded("check links in 50 MB", [&] {
    diag::Sink sink;
    auto summary = links::check_links(tree, read, {}, sink);
    CHECK(summary.links > 300000);
  });
  bounded("rewrite_references with 50 MB", [&] {
    diag::Sink sink;
    auto m = mapping::load_mapping("version: 1\nmoves:\n  - from: docs\n    to: handbook\n", "m.yaml", sink);
    auto p = plan::plan_moves(m, tree, {}, sink);
    plan::RepositoryPlan rp{m, "", "", "", tree, p};
    plan::build_move_model(rp);
    auto refs = rewrite::rewrite_references(rp, [&]() -> core::BlobReader { return read; });
    CHECK(refs.counts["skipped-large"] == 1);
  });
}

TEST_CASE("safety: a file with a million links is rewritten in bounded time", "[safety][resource]") {
  // Paragraphs of five lines, ten links each.
  std::string text = repeat(repeat("[a](docs/guide.md) ![b](docs/img/a.png)\n", 5) + "\n", 100000);
  bounded("a million links", [&] {
    diag::Sink sink;
    auto edits = rewrite::rewrite_markdown_links("README.md", "README.md", text, *moves().map, sink);
    CHECK(edits.size() == 1000000);
    std::string out = core::apply_edits(text, edits);
    CHECK(out.size() == text.size() + 1000000 * (std::string_view("handbook").size() - 4));
  });
  std::string refs;
  for (int i = 0; i < 1000000; ++i) refs += "[r" + std::to_string(i) + "]: docs/guide.md\n";
  bounded("a million reference definitions", [&] {
    diag::Sink sink;
    auto edits = rewrite::rewrite_markdown_links("README.md", "README.md", refs, *moves().map, sink);
    CHECK(edits.size() == 1000000);
  });
}

TEST_CASE("safety: one paragraph with 100k lines of links is skipped with a warning", "[safety][resource]") {
  // md4c's inline links cost (links x lines) per paragraph: this one would take minutes.
  std::string text = repeat("[a](docs/guide.md) ![b](docs/img/a.png)\n", 100000);
  bounded("a pathological paragraph", [&] {
    CHECK_FALSE(markdown::scan_markdown(text).skipped.empty());
    diag::Sink sink;
    CHECK(rewrite::rewrite_markdown_links("README.md", "README.md", text, *moves().map, sink).empty());
    REQUIRE(sink.all().size() == 1);
    CHECK(sink.all()[0].message.find("links not rewritten: a paragraph with too many lines and links") == 0);
    core::Tree tree = moves().tree;
    diag::Sink check;
    links::check_links(tree, [&](const std::string& oid) { return oid == "README.md" ? text : std::string(); }, {}, check);
    CHECK(check.count(diag::Severity::warning) == 1);
  });
  // Below the limit: a paragraph of 5000 lines with a link on each is scanned.
  CHECK(markdown::scan_markdown(repeat("[a](docs/guide.md)\n", 5000)).links.size() == 5000);
}

TEST_CASE("safety: pathological Markdown nesting finishes in bounded time", "[safety][resource]") {
  constexpr std::size_t kDepth = 100000;
  const std::vector<std::pair<const char*, std::string>> inputs = {
      {"[[[[", std::string(kDepth, '[') + "](docs/guide.md)"},
      {"[[[[ ]]]]", std::string(kDepth, '[') + std::string(kDepth, ']') + "(docs/guide.md)"},
      {"[]([]([](", repeat("[a](", kDepth) + "docs/guide.md" + std::string(kDepth, ')')},
      {"link(((((", "[a](docs/guide.md" + std::string(kDepth, '(') + std::string(kDepth, ')') + ")"},
      {"> > > >", repeat("> ", kDepth) + "[a](docs/guide.md)\n"},
      {"- - - -", repeat("- ", kDepth) + "[a](docs/guide.md)\n"},
      {"nested list lines", [] {
         std::string s;
         for (std::size_t i = 0; i < 2000; ++i) s += std::string(i * 2, ' ') + "- [a](docs/guide.md)\n";
         return s;
       }()},
      {"****", std::string(kDepth, '*') + "a" + std::string(kDepth, '*')},
      {"* _ * _", repeat("*_", kDepth) + "[a](docs/guide.md)"},
      {"````", std::string(kDepth, '`') + "[a](b)"},
      {"<<<<", std::string(kDepth, '<') + "a href=\"docs/guide.md\">"},
      {"<a <a <a", repeat("<a href=\"docs/guide.md\" ", kDepth)},
      {"![![![", repeat("![", kDepth) + "](docs/img/a.png)"},
      {"\\[\\[", repeat("\\[", kDepth) + "](docs/guide.md)"},
      {"[x]: [x]:", repeat("[x]: ", kDepth) + "docs/guide.md\n"},
      {"[a][a][a]", repeat("[a]", kDepth) + "\n\n[a]: docs/guide.md\n"},
      {"&&&&", repeat("&#", kDepth) + "[a](docs/guide.md)"},
      {"| | |", repeat("|", kDepth) + "\n" + repeat("|-", kDepth) + "\n" + repeat("|[a](docs/guide.md)", 1000) + "\n"},
  };
  for (const auto& input : inputs) {
    const char* name = input.first;
    const std::string& text = input.second;
    INFO(name);
    bounded(name, [&] {
      markdown::scan_markdown(text);
      diag::Sink sink;
      auto edits = rewrite::rewrite_markdown_links("docs/guide.md", "handbook/guide.md", text, *moves().map, sink);
      core::apply_edits(text, edits);
    });
  }
}

TEST_CASE("safety: a 200-level directory tree plans and applies", "[safety][resource]") {
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += "d" + std::to_string(i % 10) + "/";
  SECTION("planner and where on 200 levels") {
    core::Tree tree;
    for (int i = 0; i < 1000; ++i) tree.push_back({"top/" + deep + "f" + std::to_string(i), core::kModeFile, "x"});
    std::sort(tree.begin(), tree.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    bounded("plan 200 levels", [&] {
      diag::Sink sink;
      auto m = mapping::load_mapping(
          "version: 1\nmoves:\n  - from: top\n    to: new/top\n  - match: '(.*)/d5/(d[0-9])'\n    to: '\\1/x\\2'\n", "m.yaml", sink);
      REQUIRE_FALSE(sink.has_errors());
      auto p = plan::plan_moves(m, tree, {}, sink);
      CHECK(p.moved_files == 1000);
      plan::WhereIndex where(m, &tree);
      CHECK(where.forward(tree[0].path).kind == plan::WhereAnswer::Kind::moved);
    });
  }
  SECTION("apply on 90 levels, git as the oracle") {
    TempRepo r;
    std::string d90 = deep.substr(0, 90 * 3);
    r.write("top/" + d90 + "leaf.txt", "deep\n");
    r.write("top/" + d90.substr(0, 150) + "mid.txt", "mid\n");
    r.write("mapping.yaml", "version: 1\nmoves:\n  - from: top/d0/d1\n    to: moved\n");
    r.commit("deep");
    bounded("apply 90 levels", [&] {
      auto res = r.reorg({"apply", "mapping.yaml"});
      INFO(res.out << res.err);
      REQUIRE(res.exit_code == 0);
    });
    CHECK(r.read("moved/" + d90.substr(6) + "leaf.txt") == "deep\n");
    CHECK(r.git({"status", "--porcelain"}).out.empty());
  }
  SECTION("apply on 200 levels: a clean work tree needs no libgit2 status (it walks at most 100), git as the oracle") {
    TempRepo r;
    r.write("top/" + deep + "leaf.txt", "deep\n");
    r.write("mapping.yaml", "version: 1\nmoves:\n  - from: top/d0/d1\n    to: moved\n");
    std::string head = r.commit("deep");
    auto res = r.reorg({"apply", "mapping.yaml"});
    INFO(res.out << res.err);
    REQUIRE(res.exit_code == 0);
    CHECK(r.read("moved/" + deep.substr(6) + "leaf.txt") == "deep\n");
    CHECK(r.git({"status", "--porcelain"}).out.empty());
    CHECK(r.git({"diff", "-M", "--name-status", head, "HEAD"}).out.rfind("R100\ttop/d0/d1/", 0) == 0);
  }
  SECTION("apply on 200 levels with an edited file stops before writing: libgit2's status walks at most 100") {
    TempRepo r;
    r.write("top/" + deep + "leaf.txt", "deep\n");
    r.write("mapping.yaml", "version: 1\nmoves:\n  - from: top/d0/d1\n    to: moved\n");
    std::string head = r.commit("deep");
    r.write("top/" + deep + "leaf.txt", "edited\n");
    auto res = r.reorg({"apply", "mapping.yaml"});
    INFO(res.out << res.err);
    CHECK(res.exit_code == 2);
    CHECK(res.err.find("nesting too deep") != std::string::npos);
    CHECK(TempRepo::trim(r.git({"rev-parse", "HEAD"}).out) == head);
    CHECK(r.read("top/" + deep + "leaf.txt") == "edited\n");
  }
}

TEST_CASE("safety: catastrophic-backtracking regexes in a mapping run in linear time", "[safety][resource]") {
  // RE2 has no backtracking: `(a+)+$` on 100k `a`s and a `b` is linear.
  core::Tree tree;
  for (int i = 0; i < 20; ++i)
    tree.push_back({std::string(5000 + i, 'a') + "b/" + std::string(5000, 'a') + "/f", core::kModeFile, "x"});
  for (const char* pattern : {"(a+)+$", "(a|a)+", "(a|aa)+$", "(.*a){20}", "(a*)*b", "([a-z]+)*$"}) {
    INFO(pattern);
    bounded(pattern, [&] {
      diag::Sink sink;
      auto m = mapping::load_mapping(std::string("version: 1\nmoves:\n  - match: '") + pattern + "'\n    to: x\n", "m.yaml", sink);
      plan::PlanOptions options;
      options.allow_missing = true;
      plan::plan_moves(m, tree, options, sink);
    });
  }
}

TEST_CASE("safety: regexes RE2 cannot run in linear time or memory are refused", "[safety][resource]") {
  for (const char* pattern : {"(a)\\1", "(?=a)b", "(?<=a)b", "(?!a)b", "a{1001}", "((a{1000}){1000}){1000}", "(a++)"}) {
    INFO(pattern);
    bounded(pattern, [&] {
      diag::Sink sink;
      auto m = mapping::load_mapping(std::string("version: 1\nmoves:\n  - match: '") + pattern + "'\n    to: x\n", "m.yaml", sink);
      CHECK(sink.has_errors());
      CHECK(m.rules.empty());
    });
  }
}

TEST_CASE("safety: YAML bombs and deep nesting in a mapping are bounded", "[safety][resource]") {
  // A billion laughs: nine levels of ten aliases each (yaml-cpp shares aliased nodes; the loader must
  // not expand them), and 100k nested flow sequences (yaml-cpp's depth guard refuses them).
  std::string bomb = "version: 1\na: &a [\"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\", \"x\"]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int k = 0; k < 10; ++k) bomb += std::string(k ? ", " : "") + "*" + static_cast<char>(c - 1);
    bomb += "]\n";
  }
  bomb += "moves: *i\npolicy:\n  no_numeric_prefix: *i\n";
  const std::vector<std::pair<const char*, std::string>> inputs = {
      {"billion laughs", bomb},
      {"aliased moves", "version: 1\nm: &m {from: a, to: b}\nmoves: [" + repeat("*m, ", 10000) + "*m]\n"},
      {"[[[[ 100k deep", "version: 1\nmoves: " + std::string(100000, '[') + std::string(100000, ']') + "\n"},
      {"{{{{ 100k deep", "version: 1\nmoves: " + repeat("{a: ", 100000) + "b" + std::string(100000, '}') + "\n"},
      {"- - - - 100k deep", "version: 1\nmoves:\n" + repeat("- ", 100000) + "x\n"},
  };
  for (const auto& input : inputs) {
    INFO(input.first);
    bounded(input.first, [&] {
      diag::Sink sink;
      auto m = mapping::load_mapping(input.second, "m.yaml", sink);
      CHECK(sink.has_errors());
      CHECK(sink.all().size() < 100000);
      plan::plan_moves(m, moves().tree, {}, sink);
    });
  }
}

// Issue 15, item 16: a file over 8 MiB is not rewritten (`skipped-large`), so a move breaks its links;
// each broken link copied the whole file into the diagnostics (and the text output scanned it from
// the start for each one's source line): 20k links in 9 MiB took minutes.
TEST_CASE("safety: a Markdown file over 8 MiB whose links the move breaks is checked in linear time", "[safety][resource]") {
  TempRepo r;
  r.write("a/x", "x\n");
  std::string filler = repeat("word ", 90) + "\n";
  std::string big;
  for (int k = 0; k < 20000; ++k) big += "[x](a/x) " + filler;
  while (big.size() < (9u << 20)) big += filler;
  r.write("big.md", big);
  r.write(".git/m.yaml", "version: 1\nmoves:\n  - from: a\n    to: b\n");
  r.commit("a big file");
  git::Repository repo = git::Repository::discover(r.dir());
  bounded("check and render a 9 MiB file with 20k links the move breaks", [&] {
    diag::Sink sink;
    pipeline::Migration m = pipeline::prepare_migration(repo, (r.dir() / ".git/m.yaml").string(), {}, sink);
    sink.sort();
    std::size_t broken = 0;
    std::string out;
    for (const diag::Diagnostic& d : sink.all()) {
      broken += d.message.find("(the migration breaks this link)") != std::string::npos;
      out += diag::render_text(d, sink, {});
    }
    CHECK(broken == 20000);
    CHECK(out.find("big.md:20000:5: error: broken link `a/x`") != std::string::npos);
    CHECK(out.find("  [x](a/x) word") != std::string::npos);
  });
}

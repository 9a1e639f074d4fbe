// Names of the tree in `check` and `links` output as git prints them (issue 12): the text output quotes
// them as git quotes paths (core.quotePath on or off), GitHub annotations carry them as they are. The
// oracle is git itself: `git ls-files` (and `git -c core.quotePath=false ls-files`) on the same repository.
// The repositories hold one name with a byte that is not UTF-8 (\xff), one with a tab and `café`.
// The Markdown plan writes them in code spans that hold them: control characters and bytes that are
// not UTF-8 quoted as git quotes them, UTF-8 names as they are, a fence longer than any run of
// backticks in the name.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "support/temp_repo.hpp"

using gitreorg::testing::CommandResult;
using gitreorg::testing::TempRepo;

namespace {

const std::string kFF = "docs/\xff.md", kTab = "docs/tab\there.md", kCafe = "docs/caf\xc3\xa9.md";

// How git prints each path of the index under `dir`: `git ls-files -z` (raw) paired with `git ls-files`
// (quoted as git quotes, with `config` given to git: "core.quotePath=false" or nothing).
std::map<std::string, std::string> git_quoting(TempRepo& r, const std::string& dir, const std::string& config = "") {
  std::vector<std::string> args = {"ls-files", dir};
  if (!config.empty()) args.insert(args.begin(), {"-c", config});
  std::vector<std::string> quoted = gitreorg::testing::lines(r.git(args).out);
  std::string raw = r.git({"ls-files", "-z", dir}).out;
  std::map<std::string, std::string> out;
  std::size_t at = 0;
  for (const std::string& q : quoted) {
    std::size_t nul = raw.find('\0', at);
    REQUIRE(nul != std::string::npos);
    out[raw.substr(at, nul - at)] = q;
    at = nul + 1;
  }
  REQUIRE(at == raw.size());
  return out;
}

// Three Markdown files with odd names, each with a broken link, and a README whose links name one of
// them by a missing anchor and a missing sibling.
void write_links_repo(TempRepo& r) {
  for (const std::string& name : {kFF, kTab}) r.write(name, "[x](gone.md)\n");
  r.write(kCafe, "# Caf\xc3\xa9\n\n[x](gone.md)\n");
  r.write("README.md", "[a](docs/caf%C3%A9.md#nope)\n[b](docs/caf%C3%A9-gone.md)\n");
  r.commit("init");
}

// `links`' expected stderr, with `q` giving each path as git prints it. Columns are the destinations'.
std::string links_diagnostics(const std::map<std::string, std::string>& q, const std::string& cafe_gone) {
  const std::string gone = ": error: broken link `gone.md`: `docs/gone.md` does not exist\n  [x](gone.md)\n      ^\n";
  std::string out = "README.md:1:5: error: broken link `docs/caf%C3%A9.md#nope`: no anchor `#nope` in `" + q.at(kCafe) + "`\n";
  out += "  [a](docs/caf%C3%A9.md#nope)\n      ^\n";
  out += "README.md:2:5: error: broken link `docs/caf%C3%A9-gone.md`: `" + cafe_gone + "` does not exist\n";
  out += "  [b](docs/caf%C3%A9-gone.md)\n      ^\n";
  return out + q.at(kCafe) + ":3:5" + gone + q.at(kTab) + ":1:5" + gone + q.at(kFF) + ":1:5" + gone;
}

}  // namespace

TEST_CASE("cli: links prints the names of the tree quoted as git quotes them", "[cli][quote-path]") {
  TempRepo r;
  write_links_repo(r);
  std::map<std::string, std::string> q = git_quoting(r, "docs");
  REQUIRE(q.size() == 3);
  CHECK(q.at(kFF) == "\"docs/\\377.md\"");
  CHECK(q.at(kTab) == "\"docs/tab\\there.md\"");
  CHECK(q.at(kCafe) == "\"docs/caf\\303\\251.md\"");

  CommandResult links = r.reorg({"links"});
  CHECK(links.exit_code == 1);
  CHECK(links.out == "5 links in 4 Markdown files: 5 broken\n");
  CHECK(links.err == links_diagnostics(q, "\"docs/caf\\303\\251-gone.md\""));

  // core.quotePath=false, as git reads it from the repository: non-ASCII bytes as they are, the tab quoted.
  r.git({"config", "core.quotePath", "false"});
  std::map<std::string, std::string> raw = git_quoting(r, "docs", "core.quotePath=false");
  CHECK(raw.at(kFF) == kFF);
  CHECK(raw.at(kTab) == "\"docs/tab\\there.md\"");
  CHECK(raw.at(kCafe) == kCafe);
  CommandResult unquoted = r.reorg({"links"});
  CHECK(unquoted.exit_code == 1);
  CHECK(unquoted.out == links.out);
  CHECK(unquoted.err == links_diagnostics(raw, "docs/caf\xc3\xa9-gone.md"));

  // GitHub annotations: `file=` is the real path (GitHub matches it against the commit's files), the
  // message as it is; only the workflow-command escapes (`%`, CR, LF; `:` and `,` in properties).
  CommandResult github = r.reorg({"links", "--format", "github"});
  CHECK(github.exit_code == 1);
  CHECK(github.out.find("::error file=docs/tab\there.md,line=1,col=5,title=git-reorg::broken link `gone.md`: `docs/gone.md` does "
                        "not exist\n") != std::string::npos);
  CHECK(github.out.find("::error file=docs/\xff.md,line=1,col=5,") != std::string::npos);
  CHECK(github.out.find("no anchor `#nope` in `docs/caf\xc3\xa9.md`\n") != std::string::npos);
}

TEST_CASE("cli: check prints the names of the tree quoted as git quotes them", "[cli][quote-path]") {
  // Symlinks with odd names whose odd targets are not in the tree: one warning each, at the link's path.
  TempRepo r;
  r.symlink("gone-\xff", "docs/\xff");
  r.symlink("gone\tthere", "docs/tab\there");
  r.symlink("caf\xc3\xa9-gone", "docs/caf\xc3\xa9");
  r.write("mapping.yaml", "version: 1\nmoves:\n  - from: docs\n    to: guide\n");
  r.commit("init");
  auto expected = [](const std::map<std::string, std::string>& q, bool quote_non_ascii) {
    auto warning = [&](const std::string& path, const std::string& target) {
      return q.at(path) + ": warning: symlink target `" + target + "` is not in the tree (left as is)\n";
    };
    return warning("docs/caf\xc3\xa9", quote_non_ascii ? "\"caf\\303\\251-gone\"" : "caf\xc3\xa9-gone") +
           warning("docs/tab\there", "\"gone\\tthere\"") + warning("docs/\xff", quote_non_ascii ? "\"gone-\\377\"" : "gone-\xff");
  };
  const std::string ok = "mapping.yaml: OK: 1 rules, 3 of 4 files move, 0 files with reference edits\n";

  std::map<std::string, std::string> q = git_quoting(r, "docs");
  CHECK(q.at("docs/\xff") == "\"docs/\\377\"");
  CommandResult check = r.reorg({"check", "mapping.yaml"});
  CHECK(check.exit_code == 0);
  CHECK(check.out == ok);
  CHECK(check.err == expected(q, true));
  CommandResult strict = r.reorg({"check", "mapping.yaml", "--strict", "-q"});
  CHECK(strict.exit_code == 1);
  CHECK(strict.err.find(q.at("docs/tab\there") + ": error: symlink target `\"gone\\tthere\"`") != std::string::npos);

  r.git({"config", "core.quotePath", "off"});
  std::map<std::string, std::string> raw = git_quoting(r, "docs", "core.quotePath=off");
  CHECK(raw.at("docs/\xff") == "docs/\xff");
  CommandResult unquoted = r.reorg({"check", "mapping.yaml"});
  CHECK(unquoted.exit_code == 0);
  CHECK(unquoted.out == ok);
  CHECK(unquoted.err == expected(raw, false));

  CommandResult github = r.reorg({"check", "mapping.yaml", "--format", "github"});
  CHECK(github.exit_code == 0);
  CHECK(github.out.find(
            "::warning file=docs/tab\there,title=git-reorg::symlink target `gone\tthere` is not in the tree (left as is)\n") !=
        std::string::npos);
}

// Paths the planner and the rewriters name inside their messages are quoted too (Diagnostic::names):
// a collision of the planner, a squash warning of the rewrite. (A mapping is YAML, so its paths are
// UTF-8: a tab and `é` here.)
TEST_CASE("cli: paths named in plan messages are quoted as git quotes them", "[cli][quote-path]") {
  TempRepo r;
  r.write("a\tb/x.md", "# x\n");
  r.write("b/x.md", "# stays\n");
  r.write("caf\xc3\xa9/long.md", "[y](../y.md)\n");  // edited in full: a squash pairs it under 50%
  r.write("y.md", "# y\n");
  r.commit("init");
  auto git_prints = [&](const std::string& pattern) {
    std::string out = r.git({"ls-files", pattern}).out;
    return out.substr(0, out.size() - 1);
  };
  std::string tab = git_prints("a*"), cafe = git_prints("caf*");
  CHECK(tab == "\"a\\tb/x.md\"");
  CHECK(cafe == "\"caf\\303\\251/long.md\"");

  r.write(".git/collide.yaml", "version: 1\nmoves:\n  - from: \"a\\tb\"\n    to: b\n");
  CommandResult check = r.reorg({"check", ".git/collide.yaml"});
  INFO(check.err);
  CHECK(check.exit_code == 1);
  CHECK(check.err.find("error: `" + tab + "` would land on `b/x.md`, a file that stays; `" + tab +
                       "` (rule at line 3) and `b/x.md` (stays)\n") != std::string::npos);

  r.write(".git/move.yaml", "version: 1\nmoves:\n  - from: \"caf\\u00e9\"\n    to: d\n  - from: y.md\n    to: zzzzzzzzzz/y.md\n");
  CommandResult plan = r.reorg({"plan", ".git/move.yaml"});
  INFO(plan.out << plan.err);
  CHECK(plan.err.find("% similar to `" + cafe + "` (git's rename threshold is 50%)") != std::string::npos);
}

TEST_CASE("cli: plan --format markdown writes the names of the tree in code spans that hold them", "[cli][quote-path]") {
  TempRepo r;
  const std::vector<std::string> names = {"a`b.md", "caf\xc3\xa9.md", "new\nline.md", "plain.md", "tab\there.md", "\xff.md"};
  for (const std::string& n : names) r.write("src/" + n, "# x\n");
  r.write("lib/a`b.md", "stays\n");
  r.commit("init");
  // git's own quoting, core.quotePath off: the oracle for every name that is UTF-8.
  std::map<std::string, std::string> q = git_quoting(r, "src", "core.quotePath=false");
  CHECK(q.at("src/new\nline.md") == "\"src/new\\nline.md\"");
  CHECK(q.at("src/tab\there.md") == "\"src/tab\\there.md\"");
  CHECK(q.at("src/caf\xc3\xa9.md") == "src/caf\xc3\xa9.md");
  CHECK(q.at("src/a`b.md") == "src/a`b.md");

  r.write(".git/m.yaml", "version: 1\nmoves:\n  - from: src\n    to: lib\n");
  CommandResult plan = r.reorg({"plan", ".git/m.yaml", "--format", "markdown"});
  INFO(plan.out << plan.err);
  CHECK(plan.exit_code == 1);  // src/a`b.md lands on lib/a`b.md
  CHECK(plan.out.find("### Diagnostics\n\n"
                      "- \xe2\x9d\x8c **error** `.git/m.yaml:4:9`: ``src/a`b.md`` would land on ``lib/a`b.md``, a file that "
                      "stays; ``lib/a`b.md`` (stays) and ``src/a`b.md`` (rule at line 3)\n") != std::string::npos);
  // \xff is not UTF-8: in octal, where git with core.quotePath off would write the byte as it is.
  CHECK(plan.out.find("| Old path | New path |\n|---|---|\n"
                      "| ``src/a`b.md`` | ``lib/a`b.md`` |\n"
                      "| `src/caf\xc3\xa9.md` | `lib/caf\xc3\xa9.md` |\n"
                      "| `" + q.at("src/new\nline.md") + "` | `\"lib/new\\nline.md\"` |\n"
                      "| `src/plain.md` | `lib/plain.md` |\n"
                      "| `" + q.at("src/tab\there.md") + "` | `\"lib/tab\\there.md\"` |\n"
                      "| `\"src/\\377.md\"` | `\"lib/\\377.md\"` |\n\n</details>\n") != std::string::npos);
}

TEST_CASE("cli: plan --format markdown escapes `|` in table cells only", "[cli][quote-path]") {
  TempRepo r;
  r.write("a|b/guide.md", "# Guide\n\nSee [the other](other.md).\n");
  r.write("a|b/other.md", "# Other\n");
  r.write("README.md", "[guide](a|b/guide.md)\n");
  r.commit("init");
  r.write(".git/m|n.yaml", "version: 1\nmoves:\n  - from: a|b\n    to: c|d\n");
  CommandResult plan = r.reorg({"plan", ".git/m|n.yaml", "--format", "markdown", "--files"});
  INFO(plan.out << plan.err);
  REQUIRE(plan.exit_code == 0);
  // Outside a table `\|` would be read as the two characters it is written with (in a code span).
  CHECK(plan.out.find("## Repository reorganization: `.git/m|n.yaml`\n") == 0);
  CHECK(plan.out.find("**`README.md`**\n") != std::string::npos);
  // Only README.md, which stays, is edited: a squash would keep both renames exact.
  CHECK(plan.out.find("exact rename (2 files). No moved file is edited, so a squash would keep every rename exact") !=
        std::string::npos);
  // In a table GFM splits cells at every unescaped `|`, code spans included.
  CHECK(plan.out.find("| 3 | `a\\|b` | `c\\|d` | 2 |\n") != std::string::npos);
  CHECK(plan.out.find("| 1 | markdown-link | `a\\|b/guide.md` | `c\\|d/guide.md` |\n") != std::string::npos);
}

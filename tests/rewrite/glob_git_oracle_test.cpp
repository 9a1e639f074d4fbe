// The gitignore dialect of rewrite::Glob against git itself: for a table of .gitignore texts x paths
// (anchored, `**`, trailing `/`, negation, character classes, escapes, comments, trailing spaces;
// one pattern each, and a few lists where a later `!` line meets an earlier one), the text as the
// .gitignore of a throwaway work tree holding every path as a file, and `git check-ignore
// --no-index --stdin` says which paths are ignored. pattern_decision (the reading apply uses to
// carry .gitignore and .gitattributes patterns across the move, and to check the result) must agree
// on every pair, at the root and in a subdirectory's .gitignore. The same patterns as .gitattributes
// lines (`PATTERN oracle`) against `git check-attr`.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "gitreorg/rewrite/glob.hpp"
#include "gitreorg/rewrite/pattern_files.hpp"
#include "support/temp_dir.hpp"
#include "support/temp_repo.hpp"

namespace {

namespace fs = std::filesystem;
using gitreorg::rewrite::pattern_decision;
using gitreorg::rewrite::PatternFile;

const std::vector<std::string> kTexts = {
    // plain names, anchored or not, directories only
    "foo",
    "/foo",
    "foo/",
    "/foo/",
    "bar",
    "y/foo",
    "foo/bar",
    "/foo/bar",
    "foo/bar/",
    // `*`, `?`, `**`
    "*.txt",
    "/*.txt",
    "f*",
    "*",
    "?oo",
    "f?o/",
    "foo/*",
    "foo/*/qux",
    "*/bar",
    "**/foo",
    "**/foo/bar",
    "foo/**",
    "a/**/b",
    "doc/**/*.md",
    "**",
    "**/",
    "a**b",
    "foo**",
    "**foo",
    "a/**",
    "/**/b",
    "x/**/",
    // character classes
    "[abc].md",
    "[!b].md",
    "[^b].md",
    "[a-c]*.c",
    "[[:digit:]]*",
    "[[:alpha:]].md",
    "[[:upper:]]*",
    "[[:lower:]]x",
    "[[:space:]]*",
    "[[:punct:]]*",
    "[]]x",
    "[!]]x",
    "a[*]b",
    "a[?]b",
    "[a-]x",
    "[\\]]x",
    "[[:alnum:]_]x",
    "[z-a]x",
    // escapes and specials
    "\\#x",
    "#x",
    "\\!bang",
    "a\\*b",
    "a\\[1\\].txt",
    "a[1].txt",
    "trail ",
    "trail\\ ",
    "\\ lead",
    "a\\?b",
    "\\a.md",
    " lead",
    "trail\\  ",
    "trail\t",
    // negation, alone and after what it excepts
    "!foo",
    "!/foo/bar",
    "!*.txt",
    "!foo/",
    "foo/\n!foo/bar",
    "*.txt\n!a.txt",
    "foo/*\n!foo/bar",
    "/*\n!/foo",
    "a/**\n!a/x/",
    "!foo\nfoo",
    "foo\n!foo",
    "*\n!*/\n!*.md",
    "doc/**\n!doc/**/\n!*.md",
};

const std::vector<std::string> kPaths = {
    "foo/bar",  "foo/baz/qux", "foo/bar.c", "x/foo/bar", "y/foo", "foo.txt",  "a.txt",  "d/a.txt", "a/b",    "a/x/b",
    "a/x/y/b",  "ab",          "axb",       "a1b",       "1.md",  "b.md",     "B.md",   "Ax",      "bx",     "x.c",
    "bar.c",    "#x",          "!bang",     "a*b",       "a?b",   "a[1].txt", "a1.txt", "trail ",  "trail",  " lead",
    "doc/a.md", "doc/x/y.md",  "a.md",      "z/bar",     "foob",  "xfoo",     "]x",     "-x",      "\\x",    "_x",
    "ax",       "x/y/z",       "zx",        " x",        "1x",    "c.md",     "x/bar",  "lead",    "afoo/q", "x/fooy/q",
};

// The paths of `paths` (relative to the root) that git ignores with `text` as `dir`'s .gitignore.
std::set<std::string> git_ignored(const fs::path& work, const std::string& dir, const std::string& text,
                                  const std::vector<std::string>& paths) {
  std::ofstream(work / dir / ".gitignore", std::ios::binary | std::ios::trunc) << text << "\n";
  std::string input;
  for (const std::string& p : paths) input += p + '\0';
  std::ofstream(work / ".git" / "paths", std::ios::binary | std::ios::trunc) << input;
  gitreorg::testing::CommandResult r = gitreorg::testing::run_command(
      {"sh", "-c", "git check-ignore --no-index -z --stdin < .git/paths"}, work, gitreorg::testing::fixed_git_env());
  fs::remove(work / dir / ".gitignore");
  std::set<std::string> out;
  std::string field;
  for (char c : r.out) {
    if (c == '\0')
      out.insert(std::exchange(field, ""));
    else
      field += c;
  }
  return out;
}

}  // namespace

TEST_CASE("glob: the gitignore dialect matches what git check-ignore matches, pattern by path", "[rewrite][glob][git-oracle]") {
  gitreorg::testing::TempDir scratch("gitreorg-glob-oracle");
  fs::path work = scratch.path() / "work";
  fs::create_directories(work);
  REQUIRE(gitreorg::testing::run_command({"git", "init", "-q", work.string()}).exit_code == 0);
  std::size_t pairs = 0, mismatches = 0;
  std::ostringstream report;
  for (const std::string& dir : {std::string(), std::string("a")}) {
    std::vector<std::string> paths = kPaths;
    if (!dir.empty())  // the same table below `a/`, beside the paths that are there already
      for (const std::string& p : kPaths) paths.push_back(dir + "/" + p);
    for (const std::string& p : paths) {
      if (fs::exists(work / p)) continue;
      fs::create_directories((work / p).parent_path());
      std::ofstream(work / p, std::ios::binary) << "x\n";
    }
    for (const std::string& text : kTexts) {
      std::set<std::string> git = git_ignored(work, dir, text, paths);
      for (const std::string& path : paths) {
        ++pairs;
        bool ours = pattern_decision(PatternFile::gitignore, text + "\n", dir, path) == "ignored", theirs = git.count(path) > 0;
        if (ours == theirs) continue;
        ++mismatches;
        report << (dir.empty() ? "" : dir + "/") << ".gitignore `" << text << "` on `" << path << "`: git "
               << (theirs ? "ignores it" : "does not") << ", we " << (ours ? "do" : "do not") << "\n";
      }
    }
  }
  INFO(report.str());
  CHECK(mismatches == 0);
  CHECK(pairs == kTexts.size() * kPaths.size() * 3);
}

namespace {

// The paths of `paths` that have attribute `oracle` set with `text` (each line `PATTERN oracle`) as
// `dir`'s .gitattributes.
std::set<std::string> git_attributed(const fs::path& work, const std::string& dir, const std::string& text,
                                     const std::vector<std::string>& paths) {
  std::ofstream(work / dir / ".gitattributes", std::ios::binary | std::ios::trunc) << text << "\n";
  std::string input;
  for (const std::string& p : paths) input += p + '\0';
  std::ofstream(work / ".git" / "paths", std::ios::binary | std::ios::trunc) << input;
  gitreorg::testing::CommandResult r = gitreorg::testing::run_command(
      {"sh", "-c", "git check-attr -z --stdin oracle < .git/paths"}, work, gitreorg::testing::fixed_git_env());
  fs::remove(work / dir / ".gitattributes");
  std::vector<std::string> fields;
  std::string field;
  for (char c : r.out) {
    if (c == '\0')
      fields.push_back(std::exchange(field, ""));
    else
      field += c;
  }
  std::set<std::string> out;
  for (std::size_t i = 0; i + 2 < fields.size(); i += 3)
    if (fields[i + 2] == "set") out.insert(fields[i]);
  return out;
}

}  // namespace

TEST_CASE("glob: the gitattributes dialect gives attributes to what git check-attr does", "[rewrite][glob][git-oracle]") {
  gitreorg::testing::TempDir scratch("gitreorg-attr-oracle");
  fs::path work = scratch.path() / "work";
  fs::create_directories(work);
  REQUIRE(gitreorg::testing::run_command({"git", "init", "-q", work.string()}).exit_code == 0);
  std::size_t pairs = 0, mismatches = 0;
  std::ostringstream report;
  for (const std::string& dir : {std::string(), std::string("a")}) {
    std::vector<std::string> paths = kPaths;
    if (!dir.empty())
      for (const std::string& p : kPaths) paths.push_back(dir + "/" + p);
    for (const std::string& p : paths) {
      if (fs::exists(work / p)) continue;
      fs::create_directories((work / p).parent_path());
      std::ofstream(work / p, std::ios::binary) << "x\n";
    }
    for (const std::string& pattern : kTexts) {
      if (pattern.find('\n') != std::string::npos || pattern.find(' ') != std::string::npos ||
          pattern.find('\t') != std::string::npos)
        continue;  // one pattern a line, and a space ends it here
      std::string text = pattern + " oracle";
      std::set<std::string> git = git_attributed(work, dir, text, paths);
      for (const std::string& path : paths) {
        ++pairs;
        bool ours = !pattern_decision(PatternFile::gitattributes, text + "\n", dir, path).empty(), theirs = git.count(path) > 0;
        if (ours == theirs) continue;
        ++mismatches;
        report << (dir.empty() ? "" : dir + "/") << ".gitattributes `" << text << "` on `" << path << "`: git "
               << (theirs ? "sets it" : "does not") << ", we " << (ours ? "do" : "do not") << "\n";
      }
    }
  }
  INFO(report.str());
  CHECK(mismatches == 0);
  CHECK(pairs > 5000);
}

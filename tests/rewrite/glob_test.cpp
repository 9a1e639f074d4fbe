// Globs: GitHub's filter syntax and gitignore patterns, and carrying them across a move. The property
// test builds random trees, moves and patterns and checks that every transformed pattern selects,
// on the new tree, exactly the moved images of what it selected before.
#include <catch2/catch.hpp>

#include <random>
#include <set>

#include "gitreorg/core/path.hpp"
#include "gitreorg/rewrite/glob.hpp"
#include "rewrite/rewrite_fixture.hpp"

using namespace gitreorg;
using gitreorg::testing::Moves;
using rewrite::Glob;
using rewrite::GlobDialect;
using rewrite::GlobSet;
using rewrite::GlobTransform;

namespace {

bool gh(const char* pattern, const char* path) { return Glob::parse(pattern, GlobDialect::github_filter)->matches(path); }
bool gi(const char* pattern, const char* path) { return Glob::parse(pattern, GlobDialect::gitignore)->matches(path); }

GlobTransform transform(const Moves& m, const char* pattern, GlobDialect d = GlobDialect::github_filter) {
  rewrite::MovedTree tree(*m.map, m.tree);
  return rewrite::transform_glob(*Glob::parse(pattern, d), tree);
}

}  // namespace

TEST_CASE("rewrite: GitHub filter syntax", "[rewrite][glob]") {
  CHECK(gh("docs/*", "docs/a.md"));
  CHECK_FALSE(gh("docs/*", "docs/x/a.md"));
  CHECK(gh("docs/**", "docs/x/a.md"));
  CHECK(gh("**/docs/**", "docs/a.md"));
  CHECK(gh("**/docs/**", "x/docs/y/a.md"));
  CHECK(gh("**.js", "a/b/c.js"));
  CHECK(gh("*.jsx?", "a.js"));
  CHECK(gh("*.jsx?", "a.jsx"));
  CHECK(gh("*.jsx+", "a.jsxx"));
  CHECK_FALSE(gh("*.jsx+", "a.js"));
  CHECK(gh("v[12].md", "v2.md"));
  CHECK_FALSE(gh("v[12].md", "v3.md"));
  CHECK(gh("a\\*b", "a*b"));
  CHECK_FALSE(gh("a\\*b", "axb"));
  auto neg = Glob::parse("!**/*.md", GlobDialect::github_filter);
  CHECK(neg->negated());
  CHECK(neg->matches("x/y.md"));
  auto g = Glob::parse("3.test_cases/pytorch/*/slurm/**", GlobDialect::github_filter);
  CHECK(g->literal_prefix() == "3.test_cases/pytorch");
  CHECK(g->rest() == "*/slurm/**");
}

TEST_CASE("rewrite: gitignore patterns", "[rewrite][glob]") {
  CHECK(gi("/docs/", "docs/a/b.md"));
  CHECK_FALSE(gi("/docs/", "x/docs/b.md"));
  CHECK(gi("docs/", "x/docs/b.md"));
  CHECK(gi("*.md", "x/y/b.md"));
  CHECK(gi("a/b", "a/b/c"));
  CHECK_FALSE(gi("a/b", "x/a/b"));
  CHECK(gi("/a/*/c", "a/x/c/d"));
  CHECK(gi("**/build", "x/build/y"));
  CHECK_FALSE(Glob::parse("/docs/", GlobDialect::gitattributes)->matches("docs/a.md"));
  CHECK(Glob::parse("*.sh", GlobDialect::gitattributes)->matches("a/b.sh"));
}

TEST_CASE("rewrite: a glob spanning several moves becomes a list of general globs", "[rewrite][glob]") {
  Moves m({"3.test_cases/pytorch/FSDP/train.py", "3.test_cases/pytorch/FSDP/slurm/a.sbatch",
           "3.test_cases/megatron/megatron-lm/Dockerfile", "3.test_cases/megatron/megatron-lm/README.md",
           "examples/training/old/x.py", "README.md"},
          {{"3.test_cases/pytorch/FSDP/train.py", "examples/training/fsdp/train.py"},
           {"3.test_cases/pytorch/FSDP/slurm/a.sbatch", "examples/training/fsdp/slurm/a.sbatch"},
           {"3.test_cases/megatron/megatron-lm/Dockerfile", "examples/training/megatron-lm/Dockerfile"},
           {"3.test_cases/megatron/megatron-lm/README.md", "examples/training/megatron-lm/README.md"}});
  auto t = transform(m, "3.test_cases/**");
  CHECK(t.status == GlobTransform::Status::rewritten);
  CHECK(t.patterns == std::vector<std::string>{"examples/training/megatron-lm/**", "examples/training/fsdp/**"});
  t = transform(m, "3.test_cases/**/*.py");
  CHECK(t.patterns == std::vector<std::string>{"examples/training/fsdp/**/*.py"});
  t = transform(m, "!3.test_cases/pytorch/FSDP/**");
  CHECK(t.patterns == std::vector<std::string>{"!examples/training/fsdp/**"});
  t = transform(m, "3.test_cases/pytorch/FSDP/train.py");
  CHECK(t.patterns == std::vector<std::string>{"examples/training/fsdp/train.py"});
  // Files directly in a directory whose siblings went elsewhere: their new names.
  t = transform(m, "3.test_cases/megatron/*/*.md");
  CHECK(t.patterns == std::vector<std::string>{"examples/training/*/*.md"});
  // Still selecting the same files: untouched. Matching nothing: untouched.
  CHECK(transform(m, "**/*.md").status == GlobTransform::Status::unchanged);
  CHECK(transform(m, "9.nothing/**").status == GlobTransform::Status::unchanged);
  CHECK(transform(m, "9.nothing/**").matched == 0);
  // gitignore dialect keeps the leading `/` and the trailing `/`.
  t = transform(m, "/3.test_cases/pytorch/", GlobDialect::gitignore);
  CHECK(t.patterns == std::vector<std::string>{"/examples/training/fsdp/"});
  t = transform(m, "/3.test_cases/", GlobDialect::gitignore);
  CHECK(t.patterns == std::vector<std::string>{"/examples/training/megatron-lm/", "/examples/training/fsdp/"});
}

TEST_CASE("rewrite: glob equivalence property on random trees and moves", "[rewrite][glob][property]") {
  std::mt19937 rng(20240611);
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  const std::vector<std::string> dirs = {"a", "b", "c", "1.d", "e"};
  const std::vector<std::string> names = {"x.py", "y.md", "z.txt", "w", "v.py"};
  const std::vector<std::string> targets = {"n", "m/k", "a/q", "b", "e/f/g", "p"};
  const std::vector<std::string> segs = {"a", "b", "c", "1.d", "e", "*", "**", "*.py", "y.md", "[ab]", "?", "x.py", "n", "m", "k", "q"};
  int rewritten = 0, iterations = 0, with_exclusions = 0;
  for (int iter = 0; iter < 3000; ++iter) {
    std::set<std::string> paths;
    int files = 3 + static_cast<int>(rng() % 15);
    for (int i = 0; i < files; ++i) {
      std::string p;
      int depth = static_cast<int>(rng() % 4);
      for (int d = 0; d < depth; ++d) p += pick(dirs) + "/";
      paths.insert(p + pick(names));
    }
    // A few directory moves, the most specific one winning.
    std::map<std::string, std::string> dir_moves;
    int n_moves = 1 + static_cast<int>(rng() % 3);
    for (int i = 0; i < n_moves; ++i) {
      const std::string& p = *std::next(paths.begin(), static_cast<long>(rng() % paths.size()));
      std::string_view d = core::parent_dir(p);
      if (d.empty()) continue;
      dir_moves[std::string(d)] = pick(targets) + (rng() % 2 ? "/" + pick(dirs) : "");
    }
    std::map<std::string, std::string> moved;
    std::set<std::string> new_paths;
    bool clash = false;
    for (const std::string& p : paths) {
      std::string np = p;
      std::size_t best = 0;
      for (const auto& [from, to] : dir_moves)
        if (core::is_path_prefix(from, p) && from.size() > best) {
          best = from.size();
          np = to + p.substr(from.size());
        }
      if (!new_paths.insert(np).second) clash = true;
      if (np != p) moved[p] = np;
    }
    // No file may also be a directory of the new tree.
    for (const std::string& p : new_paths)
      if (new_paths.lower_bound(p + "/") != new_paths.end() && new_paths.lower_bound(p + "/")->rfind(p + "/", 0) == 0) clash = true;
    if (clash) continue;
    ++iterations;
    Moves m(std::vector<std::string>(paths.begin(), paths.end()), moved);
    rewrite::MovedTree tree(*m.map, m.tree);
    for (int k = 0; k < 4; ++k) {
      std::string pattern;
      int n = 1 + static_cast<int>(rng() % 4);
      for (int i = 0; i < n; ++i) pattern += (i ? "/" : "") + pick(segs);
      GlobDialect dialect = k % 2 ? GlobDialect::gitignore : GlobDialect::github_filter;
      if (dialect == GlobDialect::gitignore && rng() % 2) pattern = "/" + pattern;
      auto g = Glob::parse(pattern, dialect);
      REQUIRE(g);
      bool exclusions = rng() % 2;
      GlobTransform t = rewrite::transform_glob(*g, tree, exclusions);
      std::string described;
      for (const auto& p : paths) described += " " + p + (moved.count(p) ? " -> " + moved[p] : "") + ";";
      INFO("pattern " << pattern << " on" << described);
      REQUIRE(t.status != GlobTransform::Status::impossible);
      if (t.matched == 0) {  // matched nothing before: stays as it is, whatever it matches now
        CHECK(t.status == GlobTransform::Status::unchanged);
        continue;
      }
      std::vector<Glob> replacement, excluded;
      for (const std::string& p : t.patterns) replacement.push_back(*Glob::parse(p, dialect));
      for (const std::string& p : t.excluded) excluded.push_back(*Glob::parse(p, dialect));
      if (!exclusions) CHECK(t.excluded.empty());
      if (t.status == GlobTransform::Status::rewritten) ++rewritten;
      if (!t.excluded.empty()) ++with_exclusions;
      std::string got;
      for (const std::string& p : t.patterns) got += " " + p;
      for (const std::string& p : t.excluded) got += " minus " + p;
      INFO("gives" << got);
      CHECK(rewrite::same_selection(*g, replacement, tree, excluded));
    }
  }
  CHECK(iterations > 1000);
  CHECK(rewritten > 300);
  CHECK(with_exclusions > 10);
}

TEST_CASE("rewrite: a directory's pattern stays one pattern for the new directory", "[rewrite][glob]") {
  // A sibling whose new name extends the directory's (`qwen3.5`, `qwen3-moe`) sorts between them.
  Moves m({"ch05/11_qwen3/README.md", "ch05/11_qwen3/tests/t.py", "ch05/12_qwen3.5/README.md", "ch05/13_qwen3-moe/a.py"},
          {{"ch05/11_qwen3/README.md", "ch05/qwen3/README.md"},
           {"ch05/11_qwen3/tests/t.py", "ch05/qwen3/tests/t.py"},
           {"ch05/12_qwen3.5/README.md", "ch05/qwen3.5/README.md"},
           {"ch05/13_qwen3-moe/a.py", "ch05/qwen3-moe/a.py"}});
  CHECK(transform(m, "ch05/11_qwen3/**").patterns == std::vector<std::string>{"ch05/qwen3/**"});
  CHECK(transform(m, "/ch05/11_qwen3/", GlobDialect::gitignore).patterns == std::vector<std::string>{"/ch05/qwen3/"});
  CHECK(transform(m, "ch05/12_qwen3.5/**").patterns == std::vector<std::string>{"ch05/qwen3.5/**"});
}

// Issue 13: a filter for a directory that moved keeps its intent, whatever else moved into or out of
// it: one pattern for the directory, one for what moved out, and (where the file can say so) an
// exclusion for what moved in, instead of one pattern per child that no file added later matches.
TEST_CASE("rewrite: a directory's pattern stays whole when a subfolder moves out or another moves in", "[rewrite][glob]") {
  testing::Files f;
  for (const char* p : {"3.test_cases/pytorch/FSDP/README.md", "3.test_cases/pytorch/FSDP/train.py",
                        "3.test_cases/pytorch/FSDP/slurm/a.sbatch", "3.test_cases/pytorch/FSDP/kubernetes/a.yaml",
                        "3.test_cases/pytorch/FSDP/qlora/src/q.py", "3.test_cases/pytorch/FSDP/qlora/README.md",
                        "3.test_cases/megatron/bench/b.py", "3.test_cases/megatron/bench/run/r.sh", "3.test_cases/megatron/lm/x.py",
                        "3.test_cases/megatron/one.py"})
    f.content[p] = "x\n";
  std::string yaml =
      "version: 1\nmoves:\n"
      "  - from: 3.test_cases/pytorch/FSDP/qlora\n    to: examples/training/deepspeed/qlora\n"
      "  - from: 3.test_cases/pytorch/FSDP\n    to: examples/training/fsdp\n"
      "  - from: 3.test_cases/megatron/lm\n    to: examples/training/megatron\n";
  auto carry = [](const testing::Reorg& r, const char* pattern, GlobDialect d, bool exclusions) {
    rewrite::MovedTree tree(r.rp.move_model(), r.tree);
    Glob g = *Glob::parse(pattern, d);
    GlobTransform t = rewrite::transform_glob(g, tree, exclusions);
    std::vector<Glob> pieces, excluded;
    for (const auto& p : t.patterns) pieces.push_back(*Glob::parse(p, d));
    for (const auto& p : t.excluded) excluded.push_back(*Glob::parse(p, d));
    CHECK(rewrite::same_selection(g, pieces, tree, excluded));  // the equivalence check stays
    return t;
  };
  SECTION("a subfolder moved elsewhere: the directory, then what moved out") {
    testing::Reorg r(f, yaml);
    auto t = carry(r, "3.test_cases/pytorch/FSDP/**", GlobDialect::github_filter, true);
    CHECK(t.patterns == std::vector<std::string>{"examples/training/fsdp/**", "examples/training/deepspeed/qlora/**"});
    CHECK(t.excluded.empty());
    t = carry(r, "/3.test_cases/pytorch/FSDP/", GlobDialect::gitignore, true);
    CHECK(t.patterns == std::vector<std::string>{"/examples/training/fsdp/", "/examples/training/deepspeed/qlora/"});
  }
  SECTION("another directory moved into it: the directory, minus what moved in") {
    testing::Reorg r(f, yaml + "  - from: 3.test_cases/megatron/bench\n    to: examples/training/fsdp/bench\n");
    auto t = carry(r, "3.test_cases/pytorch/FSDP/**", GlobDialect::github_filter, true);
    CHECK(t.patterns == std::vector<std::string>{"examples/training/fsdp/**", "examples/training/deepspeed/qlora/**"});
    CHECK(t.excluded == std::vector<std::string>{"examples/training/fsdp/bench/**"});
    // Without exclusions (a `paths-ignore` list, a .gitignore): split into pieces, but still exact.
    t = carry(r, "3.test_cases/pytorch/FSDP/**", GlobDialect::github_filter, false);
    CHECK(t.excluded.empty());
    CHECK(t.patterns.size() > 2);
    // CODEOWNERS' dialect: directories as `/dir/`.
    t = carry(r, "/3.test_cases/pytorch/FSDP/", GlobDialect::gitignore, true);
    CHECK(t.patterns == std::vector<std::string>{"/examples/training/fsdp/", "/examples/training/deepspeed/qlora/"});
    CHECK(t.excluded == std::vector<std::string>{"/examples/training/fsdp/bench/"});
  }
  SECTION("a file moved in beside files that belong: the file itself is excluded") {
    testing::Reorg r(f, yaml + "  - from: 3.test_cases/megatron/one.py\n    to: examples/training/fsdp/slurm/one.py\n");
    auto t = carry(r, "3.test_cases/pytorch/FSDP/**", GlobDialect::github_filter, true);
    CHECK(t.patterns == std::vector<std::string>{"examples/training/fsdp/**", "examples/training/deepspeed/qlora/**"});
    CHECK(t.excluded == std::vector<std::string>{"examples/training/fsdp/slurm/one.py"});
  }
}

TEST_CASE("rewrite: filters select below their literal prefix, past siblings that sort among its files", "[rewrite][glob]") {
  // `a/b-c/f` and `a/b.md` sort between `a/b` and `a/b/x` ('-' and '.' come before '/').
  Moves m({"a/b-c/f", "a/b.md", "a/b/x", "z/y"}, {{"a/b/x", "n/x"}});
  rewrite::MovedTree tree(*m.map, m.tree);
  auto glob = [](const char* p) { return *Glob::parse(p, GlobDialect::github_filter); };
  std::vector<Glob> list{glob("a/b/**"), glob("z/*")};
  CHECK(rewrite::select_old(list, tree) == std::vector<std::string>{"n/x", "z/y"});
  CHECK(rewrite::select_new(list, tree) == std::vector<std::string>{"z/y"});
  CHECK(rewrite::select_new({glob("n/**"), glob("a/b.md")}, tree) == std::vector<std::string>{"a/b.md", "n/x"});
  CHECK(rewrite::select_old({glob("**/f")}, tree) == std::vector<std::string>{"a/b-c/f"});
  CHECK(tree.match_old(glob("a/b/**")) == std::vector<std::size_t>{2});
  CHECK(tree.match_new(glob("a/b*/**")) == std::vector<std::string>{"a/b-c/f"});
}

// Issue 16: GlobSet answers, for a whole list in one pass, exactly what Glob::matches answers for each.
TEST_CASE("glob set: the same matches as each glob alone, in every dialect", "[rewrite][glob]") {
  const std::vector<std::string> patterns = {
      "*.md",  "docs/",      "/build",   "a/**/c",   "**/tests/**", "!keep.md", "a/b",      "[0-9]*",   "x?z",
      "/a/b/", "docs/*.txt", "**/*.yml", "a/b/**",   "c",           "3.*/",     "\\#lit",   "a/**",     "**",
      "*/",    "lib/**/*.h", "d[ab]/",   "a/b/c.md", "**/b/",       "name",     "/top.txt", "e*/f/**/", "!a/b/*"};
  const std::vector<std::string> paths = {
      "README.md", "docs/guide.md", "docs/x/y.txt", "docs/a.txt", "build/out.o", "src/build/out.o", "a/b/c",
      "a/b/c.md",  "a/x/y/c",       "a/b/x/c",      "pkg/tests/t.py", "keep.md", "3.test_cases/x/y.sh", "xyz",
      "x/xaz",     "lib/a/b/c.h",   "lib/c.h",      ".github/workflows/ci.yml", "#lit", "da/f", "db/e/f",
      "e1/f/g/h",  "name/inner",    "deep/name",    "top.txt",  "sub/top.txt", "c", "q/c/r"};
  for (GlobDialect dialect : {GlobDialect::github_filter, GlobDialect::gitignore, GlobDialect::gitattributes}) {
    std::vector<Glob> globs;
    for (const std::string& p : patterns)
      if (auto g = Glob::parse(p, dialect)) globs.push_back(*g);
    REQUIRE(globs.size() > 20);
    std::vector<const Glob*> list;
    for (const Glob& g : globs) list.push_back(&g);
    GlobSet set(list);
    std::size_t hits = 0;
    for (const std::string& path : paths) {
      std::vector<std::size_t> expected;
      for (std::size_t i = 0; i < globs.size(); ++i)
        if (globs[i].matches(path)) expected.push_back(i);
      INFO("dialect " << static_cast<int>(dialect) << ", path " << path);
      CHECK(set.matching(path) == expected);
      CHECK(set.matching(path) == expected);  // again, from what it remembered of the directories
      hits += expected.size();
    }
    CHECK(hits > paths.size());  // the list matches something: the comparison is not between two empty sets
  }
}

TEST_CASE("rewrite: gitignore character classes as git's wildmatch reads them", "[rewrite][glob]") {
  CHECK(gi("[[:digit:]]*", "1.md"));
  CHECK_FALSE(gi("[[:digit:]]*", "a.md"));
  CHECK(gi("[[:alnum:]_]x", "_x"));
  CHECK(gi("[[:upper:]]*", "B.md"));
  CHECK_FALSE(gi("[[:upper:]]*", "b.md"));
  CHECK(gi("[z-a]x", "zx"));  // an inverted range is its first character
  CHECK_FALSE(gi("[z-a]x", "ax"));
  CHECK(gi("[a\\-c]x", "-x"));
  CHECK_FALSE(gi("[a\\-c]x", "bx"));
  CHECK(gi("[!]]x", "ax"));
  CHECK_FALSE(gi("[!]]x", "]x"));
}

// Issue 16: most patterns are a literal prefix and then nothing, `**`, `**/name` or `**/*ending`, and
// are answered by comparing strings; each answer must be the regex's. The paths put a line feed,
// UTF-8 and a byte that is no UTF-8 where the wildcards read them (there the regex answers), and
// siblings that share a prefix as a string but not as a directory.
TEST_CASE("glob shortcuts: the answers of the regex, in every dialect", "[rewrite][glob]") {
  const std::vector<std::string> patterns = {
      "a/b",       "a/b/",      "/a/b",      "a",          "/a",        "a/**",         "/a/**",     "**",
      "/**",       "a/b/**",    "a/**/c",    "**/c",       "a/**/",     "**/*.md",      "a/**/*.md", "**/*",
      "*.md",      "c",         "c/",        "!a/**",      "!*.md",     "!c",           "x/**/*.md/", "a/b.md",
      "a/**/b/**", "**/*.m?",   "*",         "a/*",        "[ab]/**",   "a/**/\xc3\xa9", "\xc3\xa9/**", "*\xc3\xa9",
      "a+/**",     "a/b/c.md",  "**/tests/", "3.x/**",     "3.x/**/*.py"};
  const std::vector<std::string> paths = {
      "a",        "a/b",          "a/b/c",           "a/b/c.md",     "a/bc",        "a/b-c/d",     "a/b.md",
      "a-b/c",    "ab/c",         "c",               "x/c",          "x/y/c",       "x/c/d",       "c.md",
      "x/y.md",   "x/y.md/z",     "a/x\ny/c.md",     "a/\xc3\xa9",   "a/x/\xc3\xa9", "\xc3\xa9/f",  "a/\xff/c",
      "a/\xff.md", "q/\xc3\xa9.md", "nl\n/c",         "a/x\n",        "a+/b",        "3.x/a/b.py",  "3.x.py",
      "3.xy/b.py", "x/tests/t.py",  "tests/t",         "a/b/",         "x/.md",       "x/\n.md"};
  for (GlobDialect dialect : {GlobDialect::github_filter, GlobDialect::gitignore, GlobDialect::gitattributes}) {
    std::vector<Glob> quick, slow;
    for (const std::string& p : patterns)
      if (auto g = Glob::parse(p, dialect)) {
        quick.push_back(*g);
        slow.push_back(g->without_shortcuts());
      }
    REQUIRE(quick.size() > 30);
    std::size_t hits = 0;
    for (std::size_t i = 0; i < quick.size(); ++i)
      for (const std::string& path : paths) {
        INFO("dialect " << static_cast<int>(dialect) << ", pattern " << quick[i].text() << ", path " << path);
        CHECK(quick[i].matches(path) == slow[i].matches(path));
        CHECK(quick[i].matches_itself(path) == slow[i].matches_itself(path));
        CHECK(quick[i].matches_directory(path) == slow[i].matches_directory(path));
        CHECK(quick[i].matches_as_directory(path) == slow[i].matches_as_directory(path));
        hits += slow[i].matches(path);
      }
    CHECK(hits > 100);
    // A set of them: the shortcut globs are asked one by one, the others through RE2::Set.
    std::vector<const Glob*> quick_list, slow_list;
    for (std::size_t i = 0; i < quick.size(); ++i) {
      quick_list.push_back(&quick[i]);
      slow_list.push_back(&slow[i]);
    }
    GlobSet quick_set(quick_list), slow_set(slow_list);
    for (const std::string& path : paths) {
      INFO("dialect " << static_cast<int>(dialect) << ", path " << path);
      CHECK(quick_set.matching(path) == slow_set.matching(path));
      CHECK(quick_set.matching_itself(path) == slow_set.matching_itself(path));
    }
  }
  // A shortcut's regex is compiled when first needed; a pattern RE2 refuses (no UTF-8) is still no pattern.
  for (GlobDialect dialect : {GlobDialect::github_filter, GlobDialect::gitignore, GlobDialect::gitattributes}) {
    CHECK_FALSE(Glob::parse("a/\xff/**", dialect));
    CHECK_FALSE(Glob::parse("\xff", dialect));
    CHECK(Glob::parse("a/\xc3\xa9/**", dialect));
  }
  // On a tree and a move: what the patterns match before and after, and what they are carried to.
  std::vector<std::string> files;
  for (const std::string& p : paths)
    if (!p.ends_with('/') && p != "a" && p != "c" && p != "a/b" && p != "x/y.md" && p != "3.x.py") files.push_back(p);
  std::sort(files.begin(), files.end());
  Moves m(files, {{"a/b/c", "n/b/c"}, {"a/b/c.md", "n/b/c.md"}, {"x/c/d", "n/x/d"}, {"3.x/a/b.py", "p/a/b.py"}});
  rewrite::MovedTree tree(*m.map, m.tree);
  for (GlobDialect dialect : {GlobDialect::github_filter, GlobDialect::gitignore, GlobDialect::gitattributes})
    for (const std::string& p : patterns) {
      auto g = Glob::parse(p, dialect);
      if (!g) continue;
      Glob s = g->without_shortcuts();
      INFO("dialect " << static_cast<int>(dialect) << ", pattern " << p);
      CHECK(tree.match_old(*g) == tree.match_old(s));
      CHECK(tree.match_new(*g) == tree.match_new(s));
      CHECK(rewrite::select_old({*g}, tree) == rewrite::select_old({s}, tree));
      CHECK(rewrite::select_new({*g}, tree) == rewrite::select_new({s}, tree));
      for (bool exclusions : {false, true}) {
        if (g->negated()) continue;
        GlobTransform a = rewrite::transform_glob(*g, tree, exclusions), b = rewrite::transform_glob(s, tree, exclusions);
        CHECK(a.status == b.status);
        CHECK(a.patterns == b.patterns);
        CHECK(a.excluded == b.excluded);
        CHECK(a.matched == b.matched);
      }
    }
}

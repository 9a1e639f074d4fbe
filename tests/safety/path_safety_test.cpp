// Path safety: nothing a mapping names or the planner computes may leave the repository, the executor
// never follows a symlink out of the work tree, and unusual file names move and print as git prints them.
// Repositories are throwaway (TempRepo); "outside" directories are fresh temp directories whose
// contents are compared before and after.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <map>
#include <string>
#include <vector>

#include "gitreorg/core/quote_path.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/mapping/repo_path.hpp"
#include "gitreorg/plan/planner.hpp"
#include "gitreorg/report/where_report.hpp"
#include "support/temp_repo.hpp"

using namespace gitreorg;
using gitreorg::testing::CommandResult;
using gitreorg::testing::kFaultKilled;
using gitreorg::testing::TempRepo;
namespace fs = std::filesystem;

namespace {

core::Tree tree_of(const std::vector<std::string>& paths) {
  core::Tree t;
  for (const auto& p : paths) t.push_back({p, core::kModeFile, p});
  std::sort(t.begin(), t.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return t;
}

// Every new path of a plan stays inside the repository.
void require_inside(const plan::Plan& p) {
  for (const auto& f : p.files) {
    INFO(f.old_path << " -> " << f.new_path);
    CHECK_FALSE(mapping::repo_path_problem(f.new_path).has_value());
  }
}

// A directory outside every repository, with one file; its listing (names and contents) as a string.
struct Outside {
  fs::path dir;
  Outside() {
    dir = fs::temp_directory_path() / ("gitreorg-outside-" + std::to_string(getpid()) + "-" + std::to_string(std::rand()));
    fs::create_directories(dir);
    std::ofstream(dir / "precious.txt") << "do not touch\n";
  }
  ~Outside() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  std::string listing() const {
    std::string out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      out += e.path().lexically_relative(dir).string() + "\n";
      if (e.is_regular_file()) {
        std::ifstream in(e.path(), std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        out += ss.str();
      }
    }
    return out;
  }
};

std::string mapping_yaml(const std::string& from, const std::string& to) {
  return "version: 1\nmoves:\n  - from: " + from + "\n    to: " + to + "\n";
}

}  // namespace

TEST_CASE("safety: mapping paths that leave the repository are refused", "[safety]") {
  // YAML double-quoted strings carry the bytes a plain scalar cannot (NUL, newline, backslash).
  const std::vector<std::string> bad = {"\"..\"",      "\"../x\"",  "\"a/../../b\"", "\"/etc\"",   "\"/\"",
                                        "\"C:/x\"",    "\".git\"",  "\".GIT/hooks\"", "\"a/.Git\"", "\"a/.git/b\"",
                                        "\"a\\0b\"",   "\"a\\nb\"", "\"a\\rb\"",     "\"a\\\\b\"", "\"a//b\"",
                                        "\"./a\"",     "\"a/./b\""};
  for (const auto& path : bad) {
    for (bool as_source : {true, false}) {
      INFO((as_source ? "from: " : "to: ") << path);
      diag::Sink sink;
      auto m = mapping::load_mapping(as_source ? mapping_yaml(path, "ok") : mapping_yaml("docs", path), "m.yaml", sink);
      CHECK(sink.has_errors());
      for (const auto& rule : m.rules) {
        CHECK_FALSE(mapping::repo_path_problem(rule.from).has_value());
        CHECK_FALSE(mapping::repo_path_problem(rule.to).has_value());
      }
    }
  }
}

TEST_CASE("safety: match rewrites cannot produce paths outside the repository", "[safety]") {
  core::Tree tree = tree_of({"git/hooks/pre-commit", "docs/guide.md", "x/y/z.txt", "Git/config"});
  // Each `match` rule would send a directory somewhere it must not go once its captures are expanded.
  const std::vector<std::pair<std::string, std::string>> rules = {
      {"(docs)", "../\\1"},        {"(docs)", "/tmp/\\1"},    {"(gi)t", ".\\1t"},      {"([Gg])it", ".\\1IT/x"},
      {"x/(y)", "a/\\0/../../.."}, {"x()/y", "a/\\1/b"},      {"(docs)", "\\1/./b"},   {"do(cs)", "C:/\\1"},
  };
  for (const auto& [match, to] : rules) {
    INFO("match: " << match << " to: " << to);
    diag::Sink sink;
    std::string yaml = "version: 1\nmoves:\n  - match: '" + match + "'\n    to: '" + to + "'\n";
    auto m = mapping::load_mapping(yaml, "m.yaml", sink);
    auto p = plan::plan_moves(m, tree, {}, sink);
    CHECK(sink.has_errors());
    require_inside(p);
  }
}

TEST_CASE("safety: a tracked symlink to outside the repository is never written through", "[safety]") {
  Outside outside;
  std::string before = outside.listing();
  TempRepo r;
  r.write("docs/guide.md", "# Guide\n");
  r.write("README.md", "[g](docs/guide.md)\n");
  r.symlink(outside.dir.string(), "examples");
  SECTION("moving files into it is refused") {
    r.write("mapping.yaml", mapping_yaml("docs", "examples/docs"));
    r.commit("init");
    CommandResult res = r.reorg({"apply", "mapping.yaml"});
    INFO(res.out << res.err);
    CHECK(res.exit_code == 1);
  }
  SECTION("a source through it is not in the tree") {
    std::ofstream(outside.dir / "sub.txt") << "outside\n";
    before = outside.listing();
    r.write("mapping.yaml", mapping_yaml("examples/sub.txt", "docs/sub.txt"));
    r.commit("init");
    CommandResult res = r.reorg({"apply", "mapping.yaml"});
    INFO(res.out << res.err);
    CHECK(res.exit_code == 1);
    CHECK(res.err.find("not in the tree") != std::string::npos);
  }
  SECTION("moving it moves the link, not what it points to") {
    r.write("mapping.yaml", mapping_yaml("examples", "samples/examples"));
    r.commit("init");
    CommandResult res = r.reorg({"apply", "mapping.yaml"});
    INFO(res.out << res.err);
    CHECK(res.exit_code == 0);
    CHECK(fs::is_symlink(r.dir() / "samples/examples"));
    CHECK(fs::read_symlink(r.dir() / "samples/examples") == outside.dir);
    CHECK(r.git({"ls-tree", "HEAD", "samples/examples"}).out.rfind("120000 ", 0) == 0);
  }
  SECTION("moving the directory holding it keeps the link as it is") {
    r.symlink(outside.dir.string(), "docs/ext");
    r.write("mapping.yaml", mapping_yaml("docs", "handbook"));
    r.commit("init");
    CommandResult res = r.reorg({"apply", "mapping.yaml"});
    INFO(res.out << res.err);
    CHECK(res.exit_code == 0);
    CHECK(fs::read_symlink(r.dir() / "handbook/ext") == outside.dir);
  }
  CHECK(outside.listing() == before);
}

TEST_CASE("safety: an untracked symlink in the way of a destination is not followed", "[safety]") {
  Outside outside;
  std::string before = outside.listing();
  TempRepo r;
  r.write("docs/guide.md", "# Guide\n");
  r.write("mapping.yaml", mapping_yaml("docs", "new/docs"));
  r.commit("init");
  SECTION("the destination's parent") { r.symlink(outside.dir.string(), "new"); }
  SECTION("the destination itself") {
    fs::create_directories(r.dir() / "new");
    r.symlink(outside.dir.string(), "new/docs");
  }
  CommandResult res = r.reorg({"apply", "mapping.yaml"});
  INFO(res.out << res.err);
  CHECK(res.exit_code != 0);
  CHECK(r.git({"status", "--porcelain", "--untracked-files=no"}).out.empty());
  CHECK(outside.listing() == before);
}

TEST_CASE("safety: a tracked directory replaced by a symlink in the work tree stops apply", "[safety]") {
  Outside outside;
  std::ofstream(outside.dir / "guide.md") << "# Guide\n";
  std::string before = outside.listing();
  TempRepo r;
  r.write("docs/guide.md", "# Guide\n");
  r.write("mapping.yaml", mapping_yaml("docs", "handbook"));
  r.commit("init");
  fs::remove_all(r.dir() / "docs");
  r.symlink(outside.dir.string(), "docs");
  CommandResult res = r.reorg({"apply", "mapping.yaml"});
  INFO(res.out << res.err);
  CHECK(res.exit_code != 0);
  CHECK(outside.listing() == before);
  CHECK(fs::is_symlink(r.dir() / "docs"));
}

TEST_CASE("safety: unusual file names move with apply", "[safety]") {
  const std::vector<std::string> names = {"with space.txt", "caf\xc3\xa9 \xe2\x98\x95.md", "new\nline.txt", "-leading-dash",
                                          "--help",         "tab\there",                   "quote\"d",      "back\\slash",
                                          "\xff\xfe latin1-\xe9.txt", "trailing space ",     "*star?[x]",     "CR\rname"};
  TempRepo r;
  for (std::size_t i = 0; i < names.size(); ++i) r.write("old dir/" + names[i], "content " + std::to_string(i) + "\n");
  r.write("mapping.yaml", mapping_yaml("\"old dir\"", "\"new dir/sub\""));
  r.commit("init");
  CommandResult res = r.reorg({"apply", "mapping.yaml"});
  INFO(res.out << res.err);
  REQUIRE(res.exit_code == 0);
  for (std::size_t i = 0; i < names.size(); ++i) {
    INFO(core::quote_path(names[i]));
    CHECK(r.read("new dir/sub/" + names[i]) == "content " + std::to_string(i) + "\n");
    CHECK(r.git({"cat-file", "-e", "HEAD:new dir/sub/" + names[i]}, true).exit_code == 0);
    CHECK(TempRepo::trim(r.git({"rev-parse", "HEAD~1:old dir/" + names[i]}).out) ==
          TempRepo::trim(r.git({"rev-parse", "HEAD:new dir/sub/" + names[i]}).out));
  }
  CHECK(r.git({"status", "--porcelain"}).out.empty());
  CHECK_FALSE(fs::exists(r.dir() / "old dir"));
}

TEST_CASE("safety: unusual file names are printed quoted as git quotes them", "[safety]") {
  const std::vector<std::string> names = {"with space.txt", "caf\xc3\xa9.md", "new\nline.txt", "-dash", "tab\there",
                                          "quote\"d",       "back\\slash",    "\xff\xfe.bin",  "CR\rname"};
  TempRepo r;
  for (const auto& n : names) r.write("src/" + n, "x\n");
  r.write("mapping.yaml", mapping_yaml("src", "lib"));
  r.commit("init");
  // git's own quoting (core.quotePath is on by default) is the oracle.
  std::string git_ls = r.git({"ls-files", "src"}).out;
  std::vector<std::string> quoted;
  std::istringstream in(git_ls);
  for (std::string l; std::getline(in, l);) quoted.push_back(l);
  REQUIRE(quoted.size() == names.size());
  for (const auto& n : names) {
    std::string q = core::quote_path("src/" + n);
    CHECK(std::find(quoted.begin(), quoted.end(), q) != quoted.end());
  }

  CommandResult plan = r.reorg({"plan", "mapping.yaml", "--files"});
  INFO(plan.out << plan.err);
  REQUIRE(plan.exit_code == 0);
  for (const auto& n : names) {
    INFO(core::quote_path(n));
    CHECK(plan.out.find(core::quote_path("src/" + n) + " -> " + core::quote_path("lib/" + n)) != std::string::npos);
  }
  std::vector<std::string> args = {"where", "mapping.yaml"};
  for (const auto& n : names) args.push_back("src/" + n);
  CommandResult where = r.reorg(args);
  INFO(where.out << where.err);
  REQUIRE(where.exit_code == 0);
  for (const auto& n : names)
    CHECK(where.out.find(report::quote_where_path("src/" + n, true) + " -> " + report::quote_where_path("lib/" + n, true) + "\n") !=
          std::string::npos);
  // A name with a space is in double quotes, as `git status --short` prints it, so ` -> ` cannot be misread.
  CHECK(where.out.find("\"src/with space.txt\" -> \"lib/with space.txt\"\n") != std::string::npos);
}

// Issue 12: core.quotePath=false as git reads it: non-ASCII bytes printed as they are, control
// characters, `"` and `\` still quoted; git ls-files with the same setting is the oracle.
TEST_CASE("safety: core.quotePath=false prints non-ASCII names as they are, as git does", "[safety]") {
  const std::vector<std::string> names = {"caf\xc3\xa9.md", "\xe6\x97\xa5\xe6\x9c\xac.txt", "new\nline.txt", "quote\"d",
                                          "\xff\xfe.bin", "plain.txt", "DEL\x7fname"};
  TempRepo r;
  for (const auto& n : names) r.write("src/" + n, "x\n");
  r.write("mapping.yaml", mapping_yaml("src", "lib"));
  r.commit("init");
  for (const char* value : {"false", "off", "0"}) {
    r.git({"config", "core.quotePath", value});
    std::vector<std::string> quoted = testing::lines(r.git({"ls-files", "src"}).out);
    REQUIRE(quoted.size() == names.size());
    for (const auto& n : names) {
      INFO(n);
      std::string q = core::quote_path("src/" + n, false);
      CHECK(std::find(quoted.begin(), quoted.end(), q) != quoted.end());
    }
  }
  CHECK(core::quote_path("src/caf\xc3\xa9.md", false) == "src/caf\xc3\xa9.md");
  CHECK(core::quote_path("src/caf\xc3\xa9.md") == "\"src/caf\\303\\251.md\"");
  CommandResult plan = r.reorg({"plan", "mapping.yaml", "--files"});
  INFO(plan.out << plan.err);
  REQUIRE(plan.exit_code == 0);
  std::vector<std::string> args = {"where", "mapping.yaml"};
  for (const auto& n : names) args.push_back("src/" + n);
  CommandResult where = r.reorg(args);
  INFO(where.out << where.err);
  REQUIRE(where.exit_code == 0);
  for (const auto& n : names) {
    std::string line = core::quote_path("src/" + n, false) + " -> " + core::quote_path("lib/" + n, false);
    CHECK(plan.out.find(line) != std::string::npos);
    CHECK(where.out.find(line + "\n") != std::string::npos);
  }
  CHECK(plan.out.find("src/caf\xc3\xa9.md -> lib/caf\xc3\xa9.md") != std::string::npos);
  r.git({"config", "core.quotePath", "true"});
  CHECK(r.reorg({"where", "mapping.yaml", "src/caf\xc3\xa9.md"}).out == "\"src/caf\\303\\251.md\" -> \"lib/caf\\303\\251.md\"\n");
}

TEST_CASE("safety: non-UTF-8 file names moved one by one survive the journal and JSON output", "[safety]") {
  // `old/` is split (keep.txt goes elsewhere), so the odd file moves on its own and the journal and the
  // JSON plan carry its name, not just a directory's.
  const std::string odd = "\xff\xfe latin1-\xe9.txt";
  TempRepo r;
  r.write("old/" + odd, "odd\n");
  r.write("old/keep.txt", "keep\n");
  r.write("mapping.yaml", "version: 1\nmoves:\n  - from: old\n    to: new\n  - from: old/keep.txt\n    to: keep.txt\n");
  r.commit("init");
  CommandResult json = r.reorg({"plan", "mapping.yaml", "--format", "json"});
  INFO(json.out << json.err);
  CHECK(json.exit_code == 0);
  // Valid JSON despite the non-UTF-8 name (its bytes become U+FFFD).
  auto doc = nlohmann::json::parse(json.out);
  REQUIRE(doc["files"].size() == 2);
  CHECK(doc["files"][1]["new"].get<std::string>().rfind("new/", 0) == 0);
  // Interrupted after the sources went to .git/reorg-tmp: --continue reads the names back from the journal.
  CommandResult crash = r.reorg({"apply", "mapping.yaml"}, {{"GITREORG_FAULT_AFTER_STEP", "3"}});
  INFO(crash.out << crash.err);
  REQUIRE(crash.exit_code == kFaultKilled);
  CommandResult res = r.reorg({"apply", "--continue"});
  INFO(res.out << res.err);
  REQUIRE(res.exit_code == 0);
  CHECK(r.git({"status", "--porcelain"}).out.empty());
  CHECK(r.read("new/" + odd) == "odd\n");
  CHECK(r.read("keep.txt") == "keep\n");
}

// The dependency rule of docs/ARCHITECTURE.md, checked on the includes: a stage folder may include
// only the folders below it (and the ones the table below allows), and only src/git/ includes
// libgit2. Tested on planted back-edges as well as on the real source tree.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// Each folder of src/ and include/gitreorg/ and the folders it may include (besides itself). The
// stack is core → markdown → mapping → plan → rewrite → links → pipeline → exec → report → cli;
// diag/ sits on core/ and serves every stage above; git/ sits on core/ and serves pipeline/,
// exec/ and cli/; demo/ (the demo repository generator) sits on git/.
const std::map<std::string, std::set<std::string>>& allowed_includes() {
  static const std::map<std::string, std::set<std::string>> table = [] {
    const std::vector<std::string> stack = {"core",     "markdown", "mapping", "plan",   "rewrite",
                                            "links",    "pipeline", "exec",    "report", "cli"};
    std::map<std::string, std::set<std::string>> t;
    for (std::size_t i = 0; i < stack.size(); ++i) {
      std::set<std::string>& below = t[stack[i]];
      below.insert(stack.begin(), stack.begin() + static_cast<long>(i));
      if (stack[i] != "core") below.insert("diag");
    }
    for (const char* s : {"pipeline", "exec", "cli"}) t[s].insert("git");
    t["diag"] = {"core"};
    t["git"] = {"core"};
    t["demo"] = {"core", "diag", "git"};
    return t;
  }();
  return table;
}

// Where libgit2's headers may be included; tests use the git CLI as their oracle.
bool may_include_libgit2(const std::string& relative_path) { return relative_path.rfind("src/git/", 0) == 0; }

bool is_source(const fs::path& p) {
  std::string ext = p.extension().string();
  return ext == ".cpp" || ext == ".hpp" || ext == ".h" || ext == ".cc";
}

// The stage a file belongs to: src/<stage>/... or include/gitreorg/<stage>/...; "" for other files.
std::string stage_of(const std::string& relative_path) {
  static const std::regex folder(R"(^(?:src|include/gitreorg)/([^/]+)/)");
  std::smatch m;
  return std::regex_search(relative_path, m, folder) ? m[1].str() : "";
}

// Every break of the rule under `root`, as "file:line: message".
std::vector<std::string> rule_violations(const fs::path& root) {
  static const std::regex stage_include(R"(^\s*#\s*include\s*["<](?:gitreorg/)?([a-z_]+)/)");
  static const std::regex libgit2_include(R"(^\s*#\s*include\s*[<"]git2(?:\.h|/))");
  std::vector<std::string> out;
  std::vector<std::string> files;
  for (const char* top : {"src", "include", "tests"}) {
    if (!fs::exists(root / top)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root / top))
      if (e.is_regular_file() && is_source(e.path())) files.push_back(fs::relative(e.path(), root).generic_string());
  }
  std::sort(files.begin(), files.end());
  const auto& table = allowed_includes();
  for (const std::string& rel : files) {
    bool in_tests = rel.rfind("tests/", 0) == 0;
    std::string stage = in_tests ? "" : stage_of(rel);
    if (!in_tests && stage.empty()) continue;  // src/ files outside any folder: none today
    auto row = table.find(stage);
    if (!in_tests && row == table.end()) {
      out.push_back(rel + ":1: folder `" + stage + "/` has no place in the layer table of tests/layers/include_rule_test.cpp");
      continue;
    }
    std::ifstream in(root / rel);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      std::string where = rel + ":" + std::to_string(n) + ": ";
      if (std::regex_search(line, libgit2_include) && !may_include_libgit2(rel))
        out.push_back(where + "includes libgit2 (only src/git/ may)");
      std::smatch m;
      if (in_tests || !std::regex_search(line, m, stage_include)) continue;
      std::string target = m[1].str();
      if (target == stage || !table.count(target)) continue;  // own folder, or a library (`yaml-cpp/`, `fmt/`)
      if (!row->second.count(target)) out.push_back(where + stage + "/ includes " + target + "/ (" + stage + " -> " + target + " is not allowed)");
    }
  }
  return out;
}

// A throwaway source tree for the planted cases.
struct PlantedTree {
  fs::path root = fs::temp_directory_path() / ("gitreorg-layers-" + std::to_string(::getpid()));
  PlantedTree() { fs::remove_all(root); }
  ~PlantedTree() { fs::remove_all(root); }
  void write(const std::string& rel, const std::string& text) {
    fs::create_directories((root / rel).parent_path());
    std::ofstream(root / rel) << text;
  }
};

}  // namespace

TEST_CASE("layers: every include of the source tree follows the dependency rule", "[layers]") {
  std::vector<std::string> violations = rule_violations(GITREORG_SOURCE_DIR);
  for (const std::string& v : violations) UNSCOPED_INFO(v);
  CHECK(violations.empty());
}

TEST_CASE("layers: a planted back-edge fails the rule, naming file, line and edge", "[layers]") {
  PlantedTree t;
  t.write("include/gitreorg/core/tree.hpp", "#pragma once\n");
  t.write("src/plan/planner.cpp", "// planner\n#include \"gitreorg/core/tree.hpp\"\n#include \"gitreorg/diag/diagnostic.hpp\"\n");
  t.write("src/exec/apply.cpp", "#include \"gitreorg/git/repository.hpp\"\n#include \"gitreorg/pipeline/migration.hpp\"\n");
  t.write("src/git/repository.cpp", "#include <git2.h>\n#include \"git/handle.hpp\"\n#include <yaml-cpp/yaml.h>\n");
  REQUIRE(rule_violations(t.root).empty());  // the clean tree passes

  SECTION("a stage including one above it") {
    t.write("src/rewrite/markdown_links.cpp", "#include <string>\n\n#include \"gitreorg/links/check_links.hpp\"\n");
    CHECK(rule_violations(t.root) ==
          std::vector<std::string>{"src/rewrite/markdown_links.cpp:3: rewrite/ includes links/ (rewrite -> links is not allowed)"});
  }
  SECTION("git/ including anything but core/") {
    t.write("include/gitreorg/git/write.hpp", "#pragma once\n#include \"gitreorg/plan/planner.hpp\"\n");
    CHECK(rule_violations(t.root) ==
          std::vector<std::string>{"include/gitreorg/git/write.hpp:2: git/ includes plan/ (git -> plan is not allowed)"});
  }
  SECTION("core/ including diag/, and a pure stage including git/") {
    t.write("src/core/edit.cpp", "#include \"gitreorg/diag/diagnostic.hpp\"\n");
    t.write("src/plan/plan_repository.cpp", "#include \"gitreorg/git/repository.hpp\"\n");
    CHECK(rule_violations(t.root) ==
          std::vector<std::string>{"src/core/edit.cpp:1: core/ includes diag/ (core -> diag is not allowed)",
                                   "src/plan/plan_repository.cpp:1: plan/ includes git/ (plan -> git is not allowed)"});
  }
  SECTION("libgit2 outside src/git/, in the library or in tests") {
    t.write("src/exec/journal.cpp", "#include <git2.h>\n");
    t.write("tests/exec/apply_test.cpp", "#include <git2/sys/mempack.h>\n");
    CHECK(rule_violations(t.root) ==
          std::vector<std::string>{"src/exec/journal.cpp:1: includes libgit2 (only src/git/ may)",
                                   "tests/exec/apply_test.cpp:1: includes libgit2 (only src/git/ may)"});
  }
  SECTION("a folder that is not in the table") {
    t.write("src/util/strings.cpp", "#include \"gitreorg/core/path.hpp\"\n");
    CHECK(rule_violations(t.root) ==
          std::vector<std::string>{"src/util/strings.cpp:1: folder `util/` has no place in the layer table of tests/layers/include_rule_test.cpp"});
  }
}

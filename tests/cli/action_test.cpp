// action.yml (the composite action) and docs/ci.md (its example workflow) checked against the tool,
// so neither can rot silently: every input the action uses exists, every git-reorg command, flag and
// --format value they name is one `git-reorg COMMAND --help` lists, every package the action installs
// is in .ci/debian-packages, and the action's run step, executed as GitHub would (bash -eo pipefail
// with GITHUB_OUTPUT and GITHUB_STEP_SUMMARY), does what its outputs say.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "support/temp_repo.hpp"

namespace {

namespace fs = std::filesystem;
using gitreorg::testing::CommandResult;
using gitreorg::testing::run_command;
using gitreorg::testing::TempRepo;

const fs::path kSource = GITREORG_SOURCE_DIR;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// One `git-reorg COMMAND ...` (or `git reorg COMMAND ...`) of a script or a document, up to the end
// of its shell command.
struct Invocation {
  std::string text;
  std::string command;
};

std::vector<Invocation> invocations(const std::string& text) {
  std::vector<Invocation> out;
  std::regex call(R"((?:^|[\s(`$])git[ -]reorg\s+([a-z][a-z-]*)([^\n|;&`]*))");
  for (std::sregex_iterator it(text.begin(), text.end(), call), end; it != end; ++it)
    out.push_back({(*it)[0].str(), (*it)[1].str()});
  return out;
}

// The help of `git-reorg COMMAND`, or empty when `git-reorg --help` lists no such command.
std::string help_of(const std::string& command) {
  static const std::set<std::string> commands = [] {
    std::set<std::string> out;
    CommandResult r = run_command({GITREORG_CLI_PATH, "--help"});
    std::string list = r.out.substr(r.out.find("Subcommands:"));
    std::regex name(R"(\n  ([a-z][a-z-]*) )");
    for (std::sregex_iterator it(list.begin(), list.end(), name), end; it != end; ++it) out.insert((*it)[1]);
    return out;
  }();
  static std::map<std::string, std::string> cache;
  if (!commands.count(command)) return "";
  auto [it, inserted] = cache.try_emplace(command);
  if (inserted) it->second = run_command({GITREORG_CLI_PATH, command, "--help"}).out;
  return it->second;
}

// What in `calls` is not a command, a flag of its command or a --format value it takes.
std::set<std::string> unknown_in(const std::vector<Invocation>& calls) {
  std::set<std::string> unknown;
  std::regex flag(R"((?:^|\s)(--[a-z][a-z-]*))"), format(R"(--format[ =]([a-z]+))");
  for (const Invocation& c : calls) {
    std::string help = help_of(c.command);
    if (help.empty()) {
      unknown.insert(c.command + " (no such command)");
      continue;
    }
    std::string table = help.substr(0, help.find("\n\n", help.find("Options:")));
    for (std::sregex_iterator it(c.text.begin(), c.text.end(), flag), end; it != end; ++it)
      if (!std::regex_search(table, std::regex("(^|[ ,])" + (*it)[1].str() + "([ ,=]|$)", std::regex::multiline)))
        unknown.insert(c.command + " " + (*it)[1].str());
    for (std::sregex_iterator it(c.text.begin(), c.text.end(), format), end; it != end; ++it) {
      std::smatch values;
      std::string line = table.substr(table.find("--format"));
      if (!std::regex_search(line, values, std::regex(R"(\{([a-z,]+)\})")) ||
          ("," + values[1].str() + ",").find("," + (*it)[1].str() + ",") == std::string::npos)
        unknown.insert(c.command + " --format " + (*it)[1].str());
    }
  }
  return unknown;
}

YAML::Node action() { return YAML::LoadFile((kSource / "action.yml").string()); }

YAML::Node step_with_id(const YAML::Node& a, const std::string& id) {
  for (const YAML::Node& s : a["runs"]["steps"])
    if (s["id"] && s["id"].as<std::string>() == id) return s;
  return YAML::Node();
}

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

}  // namespace

TEST_CASE("action.yml: a composite action whose inputs, output, commands, flags and packages exist", "[cli][action]") {
  YAML::Node a = action();
  std::string text = read(kSource / "action.yml");
  REQUIRE(a["runs"]["using"].as<std::string>() == "composite");
  for (const char* input : {"mapping", "command", "args"}) CHECK(a["inputs"][input]);
  CHECK(a["inputs"]["mapping"]["required"].as<bool>());
  CHECK(a["inputs"]["command"]["default"].as<std::string>() == "check");

  // Every `${{ inputs.NAME }}` names an input; every input is used.
  std::set<std::string> used;
  std::regex ref(R"(\$\{\{\s*inputs\.([A-Za-z0-9_-]+)\s*\}\})");
  for (std::sregex_iterator it(text.begin(), text.end(), ref), end; it != end; ++it) used.insert((*it)[1]);
  for (const std::string& u : used) CHECK(a["inputs"][u]);
  for (const auto& kv : a["inputs"]) CHECK(used.count(kv.first.as<std::string>()) == 1);

  // The output `plan` is the run step's, which writes it to GITHUB_OUTPUT.
  REQUIRE(a["outputs"]["plan"]);
  CHECK(a["outputs"]["plan"]["value"].as<std::string>() == "${{ steps.run.outputs.plan }}");
  YAML::Node run = step_with_id(a, "run");
  REQUIRE(run);
  std::string script = run["run"].as<std::string>();
  CHECK(script.find("plan=$plan\" >> \"$GITHUB_OUTPUT\"") != std::string::npos);
  // Each value the `command` input takes is a case of the script, and a git-reorg command it runs.
  for (const char* command : {"check", "plan", "apply"}) {
    CHECK(script.find(std::string("  ") + command + ")\n") != std::string::npos);
    CHECK(!help_of(command).empty());
  }
  for (const YAML::Node& s : a["runs"]["steps"]) CHECK(s["shell"].as<std::string>() == "bash");

  // The commands it runs, with every flag and --format value: real ones.
  std::vector<Invocation> calls = invocations(script);
  CHECK(calls.size() >= 5);
  CHECK(unknown_in(calls) == std::set<std::string>{});

  // Packages: the build's part of .ci/debian-packages.
  std::set<std::string> listed;
  std::istringstream list(read(kSource / ".ci" / "debian-packages"));
  for (std::string line; std::getline(list, line);)
    if (!line.empty() && line[0] != '#') listed.insert(line);
  std::string packages = a["runs"]["steps"][0]["env"]["BUILD_PACKAGES"].as<std::string>();
  CHECK(words(packages).size() >= 10);
  for (const std::string& p : words(packages)) CHECK(listed.count(p) == 1);
  for (const char* p : {"libgit2-dev", "libyaml-cpp-dev", "libre2-dev", "libmd4c-dev"}) CHECK(packages.find(p) != std::string::npos);
  // Every pkg-config module the build asks for comes from a package the action installs: dpkg names
  // the package that owns each module's .pc file on this machine.
  std::set<std::string> installs;
  for (const std::string& p : words(packages)) installs.insert(p);
  std::string cmake_lists = read(kSource / "CMakeLists.txt");
  std::regex module(R"(pkg_check_modules\(\w+ REQUIRED IMPORTED_TARGET ([\w+.-]+)\))");
  std::size_t modules = 0;
  for (std::sregex_iterator it(cmake_lists.begin(), cmake_lists.end(), module), end; it != end; ++it, ++modules) {
    std::string name = (*it)[1];
    CommandResult dir = run_command({"pkg-config", "--variable=pcfiledir", name});
    REQUIRE(dir.exit_code == 0);
    CommandResult owner = run_command({"dpkg", "-S", TempRepo::trim(dir.out) + "/" + name + ".pc"});
    INFO(name << ": " << owner.out << owner.err);
    REQUIRE(owner.exit_code == 0);
    std::string package = owner.out.substr(0, owner.out.find(':'));
    CHECK(installs.count(package) == 1);
  }
  CHECK(modules >= 7);
  // The cmake options it sets are the project's.
  std::string cmake = read(kSource / "CMakeLists.txt");
  std::regex define(R"(-D(GITREORG_[A-Z_]+)=)");
  std::size_t defines = 0;
  for (std::sregex_iterator it(text.begin(), text.end(), define), end; it != end; ++it, ++defines)
    CHECK(cmake.find("option(" + (*it)[1].str() + " ") != std::string::npos);
  CHECK(defines >= 1);
}

TEST_CASE("action.yml: the run step checks, writes the plan it names, and applies", "[cli][action]") {
  TempRepo r;
  r.write("README.md", "# Demo\n\nSee the [docs](0.docs/index.md).\n");
  r.write("0.docs/index.md", "# Docs\n");
  r.write("mappings/m.yaml", "version: 1\nmoves:\n  - from: 0.docs\n    to: docs\n");
  r.commit("old layout");
  std::string script = step_with_id(action(), "run")["run"].as<std::string>();
  fs::path temp = r.dir() / ".git" / "runner-temp";
  fs::create_directories(temp);
  const char* path = std::getenv("PATH");
  auto env = gitreorg::testing::fixed_git_env();
  env["PATH"] = fs::path(GITREORG_CLI_PATH).parent_path().string() + ":" + (path ? path : "/usr/bin:/bin");
  env["RUNNER_TEMP"] = temp.string();
  env["GITHUB_OUTPUT"] = (temp / "output").string();
  env["GITHUB_STEP_SUMMARY"] = (temp / "summary").string();
  env["MAPPING"] = "mappings/m.yaml";
  auto run_step = [&](const std::string& command, const std::string& args) {
    fs::remove(temp / "output");
    fs::remove(temp / "summary");
    env["COMMAND"] = command;
    env["ARGS"] = args;
    return run_command({"bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script}, r.dir(), env);
  };
  std::string plan_path = (temp / "git-reorg-plan.md").string();

  CommandResult check = run_step("check", "");
  INFO(check.out << check.err);
  REQUIRE(check.exit_code == 0);
  CHECK(read(temp / "output") == "plan=\n");

  CommandResult plan = run_step("plan", "");
  INFO(plan.out << plan.err);
  REQUIRE(plan.exit_code == 0);
  CHECK(read(temp / "output") == "plan=" + plan_path + "\n");
  std::string markdown = r.reorg({"plan", "mappings/m.yaml", "--format", "markdown"}).out;
  CHECK(markdown.find("| `0.docs` | `docs` | 1 |") != std::string::npos);
  CHECK(read(plan_path) == markdown);
  CHECK(read(temp / "summary") == markdown);
  CHECK(plan.out.find("Plan for mappings/m.yaml") != std::string::npos);

  CommandResult bad = run_step("plna", "");
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.find("::error title=git-reorg::command must be check, plan or apply, not 'plna'") != std::string::npos);

  std::string old_head = TempRepo::trim(r.git({"rev-parse", "HEAD"}).out);
  CommandResult apply = run_step("apply", "--branch reorg --tag-before pre-reorg --allow-broken");
  INFO(apply.out << apply.err);
  REQUIRE(apply.exit_code == 0);
  CHECK(read(plan_path) == markdown);  // made on the old layout
  CHECK(TempRepo::trim(r.git({"branch", "--show-current"}).out) == "reorg");
  CHECK(TempRepo::trim(r.git({"rev-parse", "pre-reorg^{commit}"}).out) == old_head);
  CHECK(r.git({"cat-file", "-t", "pre-reorg"}).out == "tag\n");
  CHECK(r.git({"diff", "--name-status", "-M", old_head, "HEAD~1"}).out == "R100\t0.docs/index.md\tdocs/index.md\n");
  CHECK(r.read("README.md") == "# Demo\n\nSee the [docs](docs/index.md).\n");
}

TEST_CASE("docs/ci.md: every git-reorg command, flag and format it shows exists", "[cli][action]") {
  std::string doc = read(kSource / "docs" / "ci.md");
  std::vector<Invocation> calls = invocations(doc);
  std::set<std::string> commands;
  for (const Invocation& c : calls) commands.insert(c.command);
  for (const char* c : {"check", "plan", "apply"}) CHECK(commands.count(c) == 1);
  CHECK(calls.size() >= 8);
  CHECK(help_of("rewrite").find("--check") != std::string::npos);
  CHECK(unknown_in(calls) == std::set<std::string>{});
  // The checker itself sees what is wrong.
  CHECK(unknown_in(invocations("run: git reorg plan m.yaml --nope --format xml --files\n`git-reorg aply m`")) ==
        std::set<std::string>{"aply (no such command)", "plan --format xml", "plan --nope"});
  // It links the action, which exists.
  CHECK(doc.find("(../action.yml)") != std::string::npos);
  CHECK(fs::exists(kSource / "action.yml"));
}

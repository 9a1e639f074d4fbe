// What `cmake --install` puts on a machine, judged by the programs that use it: `git reorg --help`
// through git and man, `git reorg <TAB>` through git's own bash completion and zsh's, and a manual
// page that names every option the commands accept.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <regex>
#include <set>
#include <sstream>

#include "support/temp_repo.hpp"

namespace {

namespace fs = std::filesystem;
using gitreorg::testing::CommandResult;
using gitreorg::testing::run_command;

// Installs the build into a fresh prefix once for all tests of this file.
const fs::path& installed_prefix() {
  static fs::path prefix = [] {
    fs::path p = fs::temp_directory_path() / ("gitreorg-install-" + std::to_string(getpid()));
    fs::remove_all(p);
    CommandResult r = run_command({"cmake", "--install", GITREORG_BINARY_DIR, "--prefix", p.string()});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    return p;
  }();
  return prefix;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::map<std::string, std::string> installed_env() {
  const fs::path& prefix = installed_prefix();
  const char* path = std::getenv("PATH");
  auto env = gitreorg::testing::fixed_git_env();
  env["PATH"] = (prefix / "bin").string() + ":" + (path ? path : "/usr/bin:/bin");
  env["MANPATH"] = (prefix / "share" / "man").string();
  env["MANPAGER"] = "cat";
  env["PAGER"] = "cat";
  env["MANWIDTH"] = "100";
  return env;
}

}  // namespace

TEST_CASE("install: the program, manual page, completions and documents", "[cli][install]") {
  const fs::path& prefix = installed_prefix();
  CHECK(fs::exists(prefix / "bin" / "git-reorg"));
  CHECK(fs::exists(prefix / "share" / "man" / "man1" / "git-reorg.1"));
  CHECK(fs::exists(prefix / "share" / "bash-completion" / "completions" / "git-reorg"));
  CHECK(fs::exists(prefix / "share" / "zsh" / "site-functions" / "_git-reorg"));
  for (const char* doc : {"README.md", "LICENSE", "mapping.md", "apply.md", "references.md", "plan-json.md"})
    CHECK(fs::exists(prefix / "share" / "doc" / "git-reorg" / doc));
  for (const char* schema : {"plan", "where", "check", "links", "rewrite"})  // the documents link to them
    CHECK(fs::exists(prefix / "share" / "doc" / "git-reorg" / "schemas" / (std::string(schema) + ".schema.json")));
}

TEST_CASE("install: `git reorg --help` opens the manual page, as for every git command", "[cli][install]") {
  CommandResult r = run_command({"git", "reorg", "--help"}, fs::temp_directory_path(), installed_env());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  // man justifies lines: compare with runs of blanks collapsed.
  std::string text = std::regex_replace(r.out, std::regex("[ \n]+"), " ");
  CHECK(text.find("git-reorg - reorganize a repository's directory layout from a YAML mapping") != std::string::npos);
  CHECK(text.find("EXIT STATUS") != std::string::npos);
}

TEST_CASE("install: the manual page names every option of every command", "[cli][install]") {
  std::string page = read(installed_prefix() / "share" / "man" / "man1" / "git-reorg.1");
  // roff writes `-` as `\-`: read the page as it prints.
  page = std::regex_replace(page, std::regex(R"(\\-)"), "-");
  std::set<std::string> missing;
  std::regex option(R"((?:^|[ ,])(--[a-z][a-z-]*))");
  std::size_t seen = 0;
  for (const char* command : {"", "check", "where", "plan", "apply", "links", "rewrite", "invert"}) {
    std::vector<std::string> argv = {GITREORG_CLI_PATH};
    if (*command) argv.push_back(command);
    argv.push_back("--help");
    CommandResult help = run_command(argv);
    REQUIRE(help.exit_code == 0);
    // Only the option table: the lines before the free text after it.
    std::string table = help.out.substr(0, help.out.find("\n\n", help.out.find("Options:")));
    for (std::sregex_iterator it(table.begin(), table.end(), option), end; it != end; ++it) {
      ++seen;
      std::string name = (*it)[1];
      if (page.find(name) == std::string::npos) missing.insert(std::string(command) + " " + name);
    }
  }
  CHECK(seen > 20);
  CHECK(missing.empty());
  for (const char* command : {"check", "where", "plan", "apply", "links", "rewrite", "invert", "help"})
    CHECK(page.find(std::string(".B ") + command) != std::string::npos);
}

namespace {

// What `git reorg <TAB>` offers after each of `typed` (`git reorg plan --format `): git's own bash
// completion (Debian's git package, in .ci/debian-packages) and ours sourced in one bash, each line
// completed as bash would (a word ends where the line ends, an empty one after a final space), the
// replies joined by spaces as `${COMPREPLY[*]}` prints them, one string a line typed.
std::vector<std::string> bash_completions(const std::vector<std::string>& typed) {
  const fs::path git_completion = "/usr/share/bash-completion/completions/git";
  REQUIRE(fs::exists(git_completion));
  fs::path ours = installed_prefix() / "share" / "bash-completion" / "completions" / "git-reorg";
  std::string script =
      "source " + git_completion.string() + "\nsource " + ours.string() + "\n" +
      "complete_line() { COMP_LINE=\"$1\"; read -ra COMP_WORDS <<< \"$1\"; [[ \"$1\" == *' ' ]] && COMP_WORDS+=('');\n"
      "  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_POINT=${#COMP_LINE}; COMPREPLY=(); __git_wrap__git_main;\n"
      "  echo \"$1|${COMPREPLY[*]}\"; }\n";
  for (const std::string& line : typed) script += "complete_line '" + line + "'\n";
  CommandResult r = run_command({"bash", "-c", script});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> got = gitreorg::testing::lines(r.out), out;
  REQUIRE(got.size() == typed.size());
  for (std::size_t i = 0; i < typed.size(); ++i) {
    REQUIRE(got[i].rfind(typed[i] + "|", 0) == 0);
    out.push_back(got[i].substr(typed[i].size() + 1));
  }
  return out;
}

}  // namespace

TEST_CASE("install: `git reorg <TAB>` completes commands and options through git's bash completion", "[cli][install]") {
  std::vector<std::string> got = bash_completions(
      {"git reorg ch", "git reorg ", "git reorg plan --format ", "git reorg apply --ab", "git reorg help li"});
  CHECK(got[0] == "check ");
  CHECK(got[1] == "check  where  plan  apply  links  stubs  rewrite  invert  help ");
  CHECK(got[2] == "text  json  markdown  github  csv  redirects ");
  CHECK(got[3] == "--abort ");
  CHECK(got[4] == "links ");
}

namespace {

const char* const kCommands[] = {"check", "where", "plan", "apply", "links", "stubs", "rewrite", "invert"};

// The long options a command's --help lists (CLI11: "  -m,--message TEXT ..." or "  --rev TEXT").
std::set<std::string> help_options(const std::string& command) {
  CommandResult r = run_command({GITREORG_CLI_PATH, command, "--help"});
  std::set<std::string> out;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("  -", 0) != 0) continue;
    std::size_t at = line.find("--");
    if (at == std::string::npos || at > 6) continue;  // a short option alone (-z)
    std::size_t end = line.find_first_of(" =", at);
    out.insert(line.substr(at, end - at));
  }
  return out;
}

std::set<std::string> words_starting_with_dashes(const std::string& text) {
  std::set<std::string> out;
  std::istringstream in(text);
  for (std::string w; in >> w;)
    if (w.rfind("--", 0) == 0 && w.size() > 2) out.insert(w.substr(0, w.find_first_of("=[")));
  return out;
}

}  // namespace

TEST_CASE("install: bash completion offers every long option each command's --help lists", "[cli][install]") {
  std::vector<std::string> typed;
  for (const char* command : kCommands) typed.push_back(std::string("git reorg ") + command + " --");
  std::vector<std::string> got = bash_completions(typed);
  for (std::size_t i = 0; i < typed.size(); ++i) {
    const char* command = kCommands[i];
    INFO(command << ": " << got[i]);
    std::set<std::string> offered = words_starting_with_dashes(got[i]), listed = help_options(command);
    REQUIRE(!listed.empty());
    std::vector<std::string> missing;
    std::set_difference(listed.begin(), listed.end(), offered.begin(), offered.end(), std::back_inserter(missing));
    CHECK(missing.empty());
  }
}

// zsh completes only in an interactive shell: drive one through zsh/zpty, list `git-reorg CMD --<TAB>`
// and compare with --help.
TEST_CASE("install: zsh completion offers every long option each command's --help lists", "[cli][install]") {
  REQUIRE(run_command({"zsh", "-fc", "zmodload zsh/zpty"}).exit_code == 0);  // zsh is in .ci/debian-packages
  fs::path functions = installed_prefix() / "share" / "zsh" / "site-functions";
  for (const char* command : kCommands) {
    // Type the line and TAB twice (the second lists); read until the listing's prompt is redrawn.
    std::string script = std::string("zmodload zsh/zpty\n") +
                         "zpty -b z 'TERM=dumb PS1=\"> \" zsh -f -i'\n"
                         "zpty -w z 'fpath=(" + functions.string() + " $fpath); autoload -Uz compinit; compinit -u -D; "
                         "zstyle \":completion:*\" list-prompt \"\"; LISTMAX=10000; echo ready-for-completion'\n"
                         "zpty -r z line '*ready-for-completion*ready-for-completion*'\n"
                         "zpty -w -n z 'git-reorg " + command + " --'$'\\t\\t'\n"
                         "all=; integer tries=0\n"
                         "while (( tries++ < 100 )); do if zpty -r -t z chunk; then all+=$chunk; "
                         "[[ $all == *--help*\"> git-reorg " + command + " --\"* ]] && break; else sleep 0.1; fi; done\n"
                         "zpty -d z\nprint -r -- \"$all\"\n";
    std::string path = fs::path(GITREORG_CLI_PATH).parent_path().string() + ":" + std::getenv("PATH");
    CommandResult r = run_command({"timeout", "30", "zsh", "-fc", script}, {}, {{"PATH", path}});
    INFO(command << ": " << r.out << r.err);
    REQUIRE(r.exit_code == 0);
    std::set<std::string> offered = words_starting_with_dashes(r.out), listed = help_options(command);
    std::vector<std::string> missing;
    std::set_difference(listed.begin(), listed.end(), offered.begin(), offered.end(), std::back_inserter(missing));
    CHECK(missing.empty());
  }
}

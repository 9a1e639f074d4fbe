// `git reorg where` as git users and scripts call it: from a subdirectory (paths relative to it, as
// for git), `./x`, `..`, trailing `/`, `--`, absolute paths, globs expanded against the tree. The git
// CLI is the oracle: `git ls-files` reads the same arguments from the same directory.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/temp_repo.hpp"

using gitreorg::testing::CommandResult;
using gitreorg::testing::TempRepo;
namespace fs = std::filesystem;

namespace {

const char* kMapping = R"(version: 1
moves:
  - from: 3.test_cases/pytorch/FSDP
    to: examples/training/fsdp
  - from: 3.test_cases/pytorch/DDP
    to: examples/training/ddp
  - match: '1\.architectures/\d+\.([^/]+)'
    to: 'architectures/\1'
)";

struct Fixture {
  TempRepo repo;
  Fixture() {
    for (const char* p : {"1.architectures/0.common/README.md", "1.architectures/2.pc/setup.sh", "3.test_cases/pytorch/FSDP/README.md",
                          "3.test_cases/pytorch/FSDP/slurm/train.sbatch", "3.test_cases/pytorch/DDP/README.md",
                          "3.test_cases/pytorch/notes.md", "3.test_cases/jax/README.md", "README.md"})
      repo.write(p, std::string("# ") + p + "\n");
    repo.commit("initial layout");
    repo.write(".git/reorg-test-mapping.yaml", kMapping);
  }
  std::string mapping() const { return (repo.dir() / ".git/reorg-test-mapping.yaml").string(); }
  // git-reorg, or git, run in the subdirectory `sub` of the work tree.
  CommandResult reorg_in(const std::string& sub, std::vector<std::string> args) const {
    args.insert(args.begin(), GITREORG_CLI_PATH);
    return gitreorg::testing::run_command(args, repo.dir() / sub, gitreorg::testing::fixed_git_env());
  }
  CommandResult git_in(const std::string& sub, std::vector<std::string> args) const {
    args.insert(args.begin(), "git");
    return gitreorg::testing::run_command(args, repo.dir() / sub, gitreorg::testing::fixed_git_env());
  }
};

// The query of each answer line (`QUERY -> ...`, `QUERY (unchanged)`), as printed: a quoted one ends at
// its closing quote, whatever it holds.
std::vector<std::string> queries(const std::string& out) {
  std::vector<std::string> q;
  for (const std::string& line : gitreorg::testing::lines(out)) {
    if (line.front() == '"') {
      std::size_t i = 1;
      while (i < line.size() && line[i] != '"') i += line[i] == '\\' ? 2 : 1;
      q.push_back(line.substr(0, i + 1));
      continue;
    }
    auto end = line.find(" -> ");
    if (end == std::string::npos) end = line.find(" <- ");
    if (end == std::string::npos) end = line.find(" (");
    q.push_back(line.substr(0, end));
  }
  return q;
}

// Every file of `git ls-files` output is at or below exactly one of `answers`, and each answer has one.
void check_same_files(const std::vector<std::string>& answers, const std::string& ls_files) {
  std::vector<std::string> files = gitreorg::testing::lines(ls_files);
  REQUIRE_FALSE(files.empty());
  for (const std::string& f : files) {
    auto covers = [&](const std::string& a) { return f == a || f.rfind(a + "/", 0) == 0; };
    INFO(f);
    CHECK(std::count_if(answers.begin(), answers.end(), covers) == 1);
  }
  for (const std::string& a : answers) {
    INFO(a);
    CHECK(std::any_of(files.begin(), files.end(), [&](const std::string& f) { return f == a || f.rfind(a + "/", 0) == 0; }));
  }
}

}  // namespace

TEST_CASE("where from a subdirectory: paths relative to it, answers printed as git prints them", "[cli][where]") {
  Fixture f;
  CommandResult r = f.reorg_in("3.test_cases", {"where", f.mapping(), "pytorch/FSDP", "./pytorch//DDP/", "../README.md", "jax"});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out ==
        "pytorch/FSDP -> ../examples/training/fsdp\n"
        "pytorch/DDP/ -> ../examples/training/ddp/\n"
        "../README.md (unchanged)\n"
        "jax (unchanged)\n");
  // git names the same files from there the same way (the oracle for the queries).
  CHECK(f.git_in("3.test_cases", {"ls-files", "pytorch/FSDP/README.md", "./pytorch//DDP/", "../README.md"}).out ==
        "pytorch/DDP/README.md\npytorch/FSDP/README.md\n../README.md\n");
  // --full-name: relative to the root, as `git ls-files --full-name`.
  CommandResult full = f.reorg_in("3.test_cases", {"where", "--full-name", f.mapping(), "pytorch/FSDP", "../README.md"});
  CHECK(full.out == "3.test_cases/pytorch/FSDP -> examples/training/fsdp\nREADME.md (unchanged)\n");
  CHECK(f.git_in("3.test_cases", {"ls-files", "--full-name", "pytorch/FSDP/README.md"}).out == "3.test_cases/pytorch/FSDP/README.md\n");
  // Backwards, the same: the new path read from the current directory, the old one printed from it.
  CommandResult back = f.reorg_in("1.architectures", {"where", "-r", f.mapping(), "../architectures/pc/setup.sh", ":/examples/training/fsdp"});
  CHECK(back.out == "../architectures/pc/setup.sh <- 2.pc/setup.sh\n../examples/training/fsdp <- ../3.test_cases/pytorch/FSDP\n");
  // A deeper directory, `..` twice, `.` for the directory itself, an absolute path, `:/` from the root.
  CommandResult deep = f.reorg_in("3.test_cases/pytorch/FSDP", {"where", f.mapping(), ".", "../../../1.architectures/2.pc/",
                                                                 (f.repo.dir() / "README.md").string(), ":/3.test_cases/jax"});
  CHECK(deep.out ==
        ". -> ../../../examples/training/fsdp\n"
        "../../../1.architectures/2.pc/ -> ../../../architectures/pc/\n"
        "../../../README.md (unchanged)\n"
        "../../jax (unchanged)\n");
  CommandResult outside = f.reorg_in("3.test_cases", {"where", f.mapping(), "../../etc", "/etc/passwd"});
  CHECK(outside.exit_code == 1);
  CHECK(outside.out.empty());
  CHECK(outside.err == "git-reorg: error: ../../etc: outside the repository\n"
                       "git-reorg: error: /etc/passwd: outside the repository\n");
  // -C DIR is the current directory, as for git.
  CommandResult via_c = f.repo.reorg({"-C", "3.test_cases", "where", f.mapping(), "pytorch/FSDP"});
  CHECK(via_c.out == "pytorch/FSDP -> ../examples/training/fsdp\n");
}

TEST_CASE("where: `--` ends the options, so a path may start with `-`", "[cli][where]") {
  Fixture f;
  CommandResult r = f.repo.reorg({"where", f.mapping(), "--", "-r", "3.test_cases/pytorch/FSDP/--x"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "-r (unchanged)\n3.test_cases/pytorch/FSDP/--x -> examples/training/fsdp/--x\n");
  CommandResult opts_first = f.repo.reorg({"where", "--reverse", f.mapping(), "--", "examples/training/fsdp"});
  CHECK(opts_first.out == "examples/training/fsdp <- 3.test_cases/pytorch/FSDP\n");
}

TEST_CASE("where globs: expanded against the tree as git expands pathspecs, one answer per match", "[cli][where]") {
  Fixture f;
  CommandResult r = f.repo.reorg({"where", f.mapping(), "3.test_cases/pytorch/*"});
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "3.test_cases/pytorch/DDP -> examples/training/ddp\n"
        "3.test_cases/pytorch/FSDP -> examples/training/fsdp\n"
        "3.test_cases/pytorch/notes.md (unchanged)\n");
  // git ls-files with the same pathspec lists exactly the files at or below these answers.
  for (const char* glob : {"3.test_cases/pytorch/*", "*.md", "1.architectures/*", "3.test_cases/*/R*", "*/[0-9].*"}) {
    INFO(glob);
    check_same_files(queries(f.repo.reorg({"where", f.mapping(), glob}).out), f.repo.git({"ls-files", glob}).out);
  }
  // From a subdirectory, relative to it (git ls-files again the oracle).
  CommandResult sub = f.reorg_in("3.test_cases", {"where", f.mapping(), "pytorch/F*", "../1.arch*/2*"});
  CHECK(sub.out == "pytorch/FSDP -> ../examples/training/fsdp\n../1.architectures/2.pc -> ../architectures/pc\n");
  check_same_files(queries(sub.out), f.git_in("3.test_cases", {"ls-files", "pytorch/F*", "../1.arch*/2*"}).out);
  // A trailing `/`: directories only.
  CHECK(f.repo.reorg({"where", f.mapping(), "3.test_cases/*/"}).out == "3.test_cases/jax/ (unchanged)\n3.test_cases/pytorch/ (unchanged)\n");
  // Nothing matches: an error, as git's "did not match any file(s)"; `:(literal)` asks about the path itself.
  CommandResult none = f.repo.reorg({"where", f.mapping(), "3.test_cases/pytorch/FSDP/[id].py", "README.md"});
  CHECK(none.exit_code == 1);
  CHECK(none.out == "README.md (unchanged)\n");
  CHECK(none.err == "git-reorg: error: 3.test_cases/pytorch/FSDP/[id].py: matches no path of the tree "
                    "(`:(literal)3.test_cases/pytorch/FSDP/[id].py` asks about the path as it is)\n");
  CHECK(f.repo.git({"ls-files", "--error-unmatch", "3.test_cases/pytorch/FSDP/[id].py"}, true).exit_code != 0);
  CHECK(f.repo.reorg({"where", f.mapping(), ":(literal)3.test_cases/pytorch/FSDP/[id].py"}).out ==
        "3.test_cases/pytorch/FSDP/[id].py -> examples/training/fsdp/[id].py\n");
  CHECK(f.repo.reorg({"where", f.mapping(), "3.test_cases/pytorch/FSDP/[id].py"}, {{"GIT_LITERAL_PATHSPECS", "1"}}).out ==
        "3.test_cases/pytorch/FSDP/[id].py -> examples/training/fsdp/[id].py\n");
}

TEST_CASE("where --reverse globs: expanded against the new layout; after apply, git ls-files is the oracle", "[cli][where]") {
  Fixture f;
  CommandResult before = f.repo.reorg({"where", "--reverse", f.mapping(), "examples/training/*", "architectures/*"});
  CHECK(before.exit_code == 0);
  CHECK(before.out ==
        "examples/training/ddp <- 3.test_cases/pytorch/DDP\n"
        "examples/training/fsdp <- 3.test_cases/pytorch/FSDP\n"
        "architectures/common <- 1.architectures/0.common\n"
        "architectures/pc <- 1.architectures/2.pc\n");
  CommandResult nothing = f.repo.reorg({"where", "--reverse", f.mapping(), "1.architectures/*"});
  CHECK(nothing.exit_code == 1);
  CHECK(nothing.err.find("matches no path of the new layout") != std::string::npos);
  REQUIRE(f.repo.reorg({"apply", f.mapping()}).exit_code == 0);
  // The same answers once the migration is in HEAD (answered for the commit before it), and git
  // lists the new layout's files under them.
  CommandResult after = f.repo.reorg({"where", "--reverse", f.mapping(), "examples/training/*", "architectures/*"});
  CHECK(after.out == before.out);
  for (const char* glob : {"examples/training/*", "architectures/*", "*.md", "examples/*/f*"}) {
    INFO(glob);
    check_same_files(queries(f.repo.reorg({"where", "-r", f.mapping(), glob}).out), f.repo.git({"ls-files", glob}).out);
  }
}

namespace {

// git-reorg in the repository with `input` on its standard input.
CommandResult reorg_stdin(const Fixture& f, const std::string& input, std::vector<std::string> args) {
  {
    std::ofstream in(f.repo.dir() / ".git/where-input", std::ios::binary);
    in << input;
  }
  args.insert(args.begin(), {"sh", "-c", "exec \"$0\" \"$@\" < .git/where-input", GITREORG_CLI_PATH});
  return gitreorg::testing::run_command(args, f.repo.dir(), gitreorg::testing::fixed_git_env());
}

// Fields of NUL-terminated output.
std::vector<std::string> nul_fields(const std::string& out) {
  std::vector<std::string> fields;
  for (std::size_t pos = 0; pos < out.size();) {
    std::size_t end = out.find('\0', pos);
    REQUIRE(end != std::string::npos);  // every field is terminated
    fields.push_back(out.substr(pos, end - pos));
    pos = end + 1;
  }
  return fields;
}

}  // namespace

TEST_CASE("where: a name with ` -> ` or a space is quoted as git status quotes it; --stdin reads that back", "[cli][where]") {
  Fixture f;
  f.repo.write("3.test_cases/pytorch/FSDP/x -> y.md", "x\n");
  f.repo.write("3.test_cases/jax/new name.md", "x\n");
  f.repo.commit("odd names");
  CommandResult r = f.repo.reorg({"where", f.mapping(), "3.test_cases/pytorch/FSDP/x -> y.md", "3.test_cases/jax/new name.md"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "\"3.test_cases/pytorch/FSDP/x -> y.md\" -> \"examples/training/fsdp/x -> y.md\"\n"
                 "\"3.test_cases/jax/new name.md\" (unchanged)\n");
  // git quotes the same way in `git status --short` (the oracle for the rule).
  f.repo.git({"mv", "3.test_cases/pytorch/FSDP/x -> y.md", "3.test_cases/jax/x -> z.md"});
  CHECK(f.repo.git({"status", "--short"}).out == "R  \"3.test_cases/pytorch/FSDP/x -> y.md\" -> \"3.test_cases/jax/x -> z.md\"\n");
  f.repo.git({"reset", "-q", "--hard"});
  // The queries of text output, quoted, fed back through --stdin (CRLF too) give the same answers.
  std::string input;
  for (const std::string& q : queries(r.out)) input += q + "\r\n";
  CommandResult again = reorg_stdin(f, input, {"where", f.mapping(), "--stdin"});
  CHECK(again.exit_code == 0);
  CHECK(again.out == r.out);
  CHECK(reorg_stdin(f, "\"open\n", {"where", f.mapping(), "--stdin"}).exit_code == 2);
  CommandResult both = reorg_stdin(f, "README.md\n", {"where", f.mapping(), "--stdin", "README.md"});
  CHECK(both.exit_code == 2);
  CHECK(both.err == "git-reorg: error: paths on the command line and --stdin: give one or the other\n");
  CHECK(f.repo.reorg({"where", f.mapping()}).exit_code == 2);
}

TEST_CASE("where -z: NUL-separated input and records, raw names as git ls-files -z", "[cli][where]") {
  Fixture f;
  f.repo.write("3.test_cases/pytorch/FSDP/new\nline.md", "x\n");
  f.repo.write("3.test_cases/pytorch/FSDP/caf\xc3\xa9 -> x.md", "x\n");
  f.repo.commit("odd names");
  std::string input = std::string("3.test_cases/pytorch/FSDP/new\nline.md") + '\0' + "3.test_cases/pytorch/FSDP/caf\xc3\xa9 -> x.md" + '\0' +
                      "README.md" + '\0' + "../x" + '\0' + "nothing/*" + '\0';
  CommandResult r = reorg_stdin(f, input, {"where", "-z", "--stdin", f.mapping()});
  CHECK(r.exit_code == 1);
  CHECK(nul_fields(r.out) == std::vector<std::string>{"moved", "3.test_cases/pytorch/FSDP/new\nline.md", "examples/training/fsdp/new\nline.md",
                                                      "moved", "3.test_cases/pytorch/FSDP/caf\xc3\xa9 -> x.md",
                                                      "examples/training/fsdp/caf\xc3\xa9 -> x.md",
                                                      "unchanged", "README.md", "README.md",
                                                      "invalid", "../x", "",
                                                      "no_match", "nothing/*", ""});
  CHECK(r.err.find("git-reorg: error: ../x: outside the repository\n") != std::string::npos);
  // The names are the bytes git ls-files -z prints.
  std::vector<std::string> git_names = nul_fields(f.repo.git({"ls-files", "-z", "3.test_cases/pytorch/FSDP/"}).out);
  std::vector<std::string> fields = nul_fields(r.out);
  CHECK(std::find(git_names.begin(), git_names.end(), fields[1]) != git_names.end());
  CHECK(std::find(git_names.begin(), git_names.end(), fields[4]) != git_names.end());
  // A glob's answers are records too, from the command line.
  CommandResult glob = f.repo.reorg({"where", "-z", "-r", f.mapping(), "examples/training/*"});
  CHECK(nul_fields(glob.out) == std::vector<std::string>{"moved", "examples/training/ddp", "3.test_cases/pytorch/DDP",
                                                         "moved", "examples/training/fsdp", "3.test_cases/pytorch/FSDP"});
}

TEST_CASE("where --format json: query, answer, kind, rule, detail; non-UTF-8 names losslessly", "[cli][where]") {
  Fixture f;
  f.repo.write("3.test_cases/pytorch/FSDP/\xff\xfe.bin", "x\n");
  f.repo.commit("a name that is not UTF-8");
  CommandResult r = f.repo.reorg({"where", "--format", "json", f.mapping(), "3.test_cases/pytorch/FSDP/\xff\xfe.bin", "1.architectures/2.pc",
                                  "README.md", "../x"});
  CHECK(r.exit_code == 1);
  nlohmann::json doc = nlohmann::json::parse(r.out);
  CHECK(doc["schema"] == "git-reorg-where");
  CHECK(doc["schema_version"] == 1);
  const nlohmann::json& j = doc["answers"];
  REQUIRE(j.size() == 4);
  CHECK(j[0]["kind"] == "moved");
  CHECK(j[0]["rule"] == 3);
  CHECK(j[0]["query"] == "3.test_cases/pytorch/FSDP/\xef\xbf\xbd\xef\xbf\xbd.bin");  // shown with U+FFFD
  CHECK(j[1] == nlohmann::json({{"query", "1.architectures/2.pc"}, {"answer", "architectures/pc"}, {"kind", "moved"}, {"rule", 7},
                                {"detail", nullptr}}));
  CHECK(j[2] == nlohmann::json({{"query", "README.md"}, {"answer", "README.md"}, {"kind", "unchanged"}, {"rule", nullptr}, {"detail", nullptr}}));
  CHECK(j[3] == nlohmann::json({{"query", "../x"}, {"answer", nullptr}, {"kind", "invalid"}, {"rule", nullptr},
                                {"detail", "outside the repository"}}));
  // path_bytes decodes to the bytes git ls-files -z prints.
  auto decode = [](const std::string& b64) {
    std::string out;
    int bits = 0, value = 0;
    for (char c : b64) {
      if (c == '=') break;
      value = value << 6 | static_cast<int>(std::string("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/").find(c));
      if ((bits += 6) >= 8) out += static_cast<char>((value >> (bits -= 8)) & 0xff);
    }
    return out;
  };
  std::string git_name = f.repo.git({"ls-files", "-z", "3.test_cases/pytorch/FSDP/\xff\xfe.bin"}).out;
  CHECK(decode(j[0]["path_bytes"]["query"]) + '\0' == git_name);
  CHECK(decode(j[0]["path_bytes"]["answer"]) == "examples/training/fsdp/\xff\xfe.bin");
}

// Bad input and output (issue 15, items 13, 14, 15 and 18): names the file system cannot hold, a
// mapping of two YAML documents, a directory or a device as the mapping, a quoted version, and
// output that cannot be written. Each is refused with a message, never half-done or silently ignored.
#include <catch2/catch.hpp>

#include <string>

#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "support/temp_repo.hpp"

using namespace gitreorg;
using gitreorg::testing::CommandResult;
using gitreorg::testing::TempRepo;
namespace fs = std::filesystem;

namespace {

void make_repo(TempRepo& r) {
  r.write("a/x", "x\n");
  r.write("README.md", "[x](a/x)\n");
  r.commit("init");
}

std::string mapping_to(const std::string& to) { return "version: 1\nmoves:\n  - from: a\n    to: " + to + "\n"; }

}  // namespace

TEST_CASE("safety: a destination segment over 255 bytes or a path over 4095 bytes is refused by check at line:col", "[safety]") {
  TempRepo r;
  make_repo(r);
  std::string mapping = (r.dir() / ".git/m.yaml").string();
  SECTION("a 256-byte segment") {
    r.write(".git/m.yaml", mapping_to("docs/" + std::string(256, 's')));
    CommandResult c = r.reorg({"check", mapping});
    INFO(c.err);
    CHECK(c.exit_code == 1);
    CHECK(c.err.find(mapping + ":4:9: error:") != std::string::npos);
    CHECK(c.err.find("path has a segment of 256 bytes (file systems allow at most 255)") != std::string::npos);
  }
  SECTION("255 bytes are fine") {
    r.write(".git/m.yaml", mapping_to("docs/" + std::string(255, 's')));
    CommandResult c = r.reorg({"check", mapping});
    INFO(c.err);
    CHECK(c.exit_code == 0);
  }
  SECTION("a path of a million bytes") {
    std::string deep;
    for (int k = 0; k < 10000; ++k) deep += (k ? "/" : "") + std::string(99, 'd');
    r.write(".git/m.yaml", mapping_to(deep));
    CommandResult c = r.reorg({"check", mapping});
    CHECK(c.exit_code == 1);
    CHECK(c.err.find(mapping + ":4:9: error:") != std::string::npos);
    CHECK(c.err.find("bytes long (file systems allow at most 4095)") != std::string::npos);
    CHECK(r.reorg({"apply", mapping}).exit_code == 1);
    CHECK(r.git({"status", "--porcelain"}).out.empty());
  }
}

TEST_CASE("safety: a mapping with two YAML documents is an error at the second ---", "[safety]") {
  diag::Sink sink;
  mapping::load_mapping("version: 1\nmoves:\n  - from: a\n    to: b\n---\nversion: 1\nmoves: []\n", "m.yaml", sink);
  REQUIRE(sink.all().size() == 1);
  const diag::Diagnostic& d = sink.all().front();
  CHECK(d.pos.line == 5);
  CHECK(d.pos.column == 1);
  CHECK(d.message == "the mapping has more than one YAML document (a second `---`); put everything in one");
  diag::Sink leading, trailing;
  mapping::load_mapping("---\nversion: 1\nmoves:\n  - from: a\n    to: b\n", "m.yaml", leading);
  CHECK_FALSE(leading.has_errors());
  mapping::load_mapping("---\nversion: 1\nmoves:\n  - from: a\n    to: b\n---\n", "m.yaml", trailing);
  REQUIRE(trailing.has_errors());
  CHECK(trailing.all().front().pos.line == 6);
}

TEST_CASE("safety: output that cannot be written exits 2 with cannot write", "[safety]") {
  TempRepo r;
  make_repo(r);
  r.write(".git/m.yaml", mapping_to("b"));
  std::string mapping = (r.dir() / ".git/m.yaml").string();
  SECTION("plan -o /dev/full") {
    CommandResult c = r.reorg({"plan", mapping, "-o", "/dev/full"});
    CHECK(c.exit_code == 2);
    CHECK(c.err.find("git-reorg: error: cannot write /dev/full: No space left on device") != std::string::npos);
  }
  for (std::string command : {"check", "plan", "links", "where"}) {
    DYNAMIC_SECTION(command << " with stdout on /dev/full") {
      std::string args = command == "links" ? "links" : command == "where" ? command + " \"$1\" a/x" : command + " \"$1\"";
      CommandResult c =
          gitreorg::testing::run_command({"sh", "-c", "exec \"$0\" " + args + " >/dev/full", GITREORG_CLI_PATH, mapping}, r.dir(),
                                         gitreorg::testing::fixed_git_env());
      INFO(c.err);
      CHECK(c.exit_code == 2);
      CHECK(c.err.find("git-reorg: error: cannot write to standard output: No space left on device") != std::string::npos);
    }
  }
}

TEST_CASE("safety: a mapping that is a directory or /dev/zero or holds NUL bytes or a quoted version is refused", "[safety]") {
  TempRepo r;
  make_repo(r);
  SECTION("a directory") {
    CommandResult c = r.reorg({"check", "a"});
    CHECK(c.exit_code == 2);
    CHECK(c.err == "git-reorg: error: cannot read mapping file `a`: it is a directory\n");
  }
  SECTION("/dev/zero") {
    CommandResult c = r.reorg({"check", "/dev/zero"});
    CHECK(c.exit_code == 1);
    CHECK(c.err.find("/dev/zero: error: the mapping is larger than 16 MiB; it must be a YAML text file") != std::string::npos);
  }
  SECTION("NUL bytes") {
    r.write(".git/m.yaml", std::string("version: 1\nmoves:\n  - from: a\0\n    to: b\n", 37));
    CommandResult c = r.reorg({"check", (r.dir() / ".git/m.yaml").string()});
    CHECK(c.exit_code == 1);
    CHECK(c.err.find("the mapping contains a NUL byte") != std::string::npos);
  }
  SECTION("version: '1'") {
    r.write(".git/m.yaml", "version: '1'\nmoves:\n  - from: a\n    to: b\n");
    std::string mapping = (r.dir() / ".git/m.yaml").string();
    CommandResult c = r.reorg({"check", mapping});
    CHECK(c.exit_code == 1);
    CHECK(c.err.find(mapping + ":1:10: error: `version` must be an integer, not the string `1` (write `version: 1`)") !=
          std::string::npos);
  }
}

// Issue 15, item 12: the files apply edits are written in their work-tree form, as `git checkout`
// writes them: `eol=crlf`, core.autocrlf and `ident` applied. The oracle is git itself: after the
// apply, each edited file is removed and checked out again, and must come back byte for byte.
#include <catch2/catch.hpp>

#include <string>

#include "support/temp_repo.hpp"

namespace {

using gitreorg::testing::CommandResult;
using gitreorg::testing::kFaultKilled;
using gitreorg::testing::TempRepo;
namespace fs = std::filesystem;

// README.md links to a/x, docs/guide.md to ../README.md: both are edited when a and docs move.
void make_repo(TempRepo& r, const std::string& attributes) {
  if (!attributes.empty()) r.write(".gitattributes", attributes);
  r.write("a/x", "x\n");
  r.write("README.md", "# Readme $Id$\n\n[x](a/x)\n");
  r.write("docs/guide.md", "[readme](../README.md)\nline two\n");
  r.write("mapping.yaml", "version: 1\nmoves:\n  - from: a\n    to: b\n  - from: docs\n    to: manual/docs\n");
  r.commit("first");
  // The work tree as checkout writes it, whatever git add left there.
  fs::remove(r.dir() / "README.md");
  fs::remove(r.dir() / "docs/guide.md");
  r.git({"checkout", "--", "README.md", "docs/guide.md"});
}

// `path` as it is now equals what `git checkout` writes for it.
void check_as_checked_out(TempRepo& r, const std::string& path) {
  std::string written = r.read(path);
  fs::remove(r.dir() / path);
  r.git({"checkout", "--", path});
  INFO(path);
  CHECK(written == r.read(path));
}

}  // namespace

TEST_CASE("apply: edited files are written as checkout writes them (eol=crlf, core.autocrlf, ident)", "[exec][apply]") {
  struct Case {
    const char* name;
    const char* attributes;
    const char* config;
    const char* expect;  // in the new README.md
  };
  for (Case c : {Case{"eol=crlf", "*.md text eol=crlf\n", "", "[x](b/x)\r\n"},
                 Case{"core.autocrlf=true", "", "true", "[x](b/x)\r\n"}, Case{"ident", "*.md ident\n", "", "$Id: "}}) {
    DYNAMIC_SECTION(c.name) {
      TempRepo r;
      if (*c.config) r.git({"config", "core.autocrlf", c.config});
      make_repo(r, c.attributes);
      std::string old_readme = r.read("README.md"), old_guide = r.read("docs/guide.md");
      SECTION("apply") {
        CommandResult res = r.reorg({"apply", "mapping.yaml"});
        INFO(res.out << res.err);
        REQUIRE(res.exit_code == 0);
        CHECK(r.read("README.md").find(c.expect) != std::string::npos);
        CHECK(r.git({"status", "--porcelain"}).out.empty());
        check_as_checked_out(r, "README.md");
        check_as_checked_out(r, "manual/docs/guide.md");
      }
      SECTION("--abort after the writes puts the old work-tree form back") {
        REQUIRE(r.reorg({"apply", "mapping.yaml"}, {{"GITREORG_FAULT_AFTER_STEP", "6"}}).exit_code == kFaultKilled);
        CommandResult res = r.reorg({"apply", "--abort"});
        INFO(res.out << res.err);
        REQUIRE(res.exit_code == 0);
        CHECK(r.read("README.md") == old_readme);
        CHECK(r.read("docs/guide.md") == old_guide);
        CHECK(r.git({"status", "--porcelain"}).out.empty());
      }
      SECTION("--continue after a kill during the writes") {
        REQUIRE(r.reorg({"apply", "mapping.yaml"}, {{"GITREORG_FAULT_MID_WRITE", "6"}}).exit_code == kFaultKilled);
        CommandResult res = r.reorg({"apply", "--continue"});
        INFO(res.out << res.err);
        REQUIRE(res.exit_code == 0);
        CHECK(r.git({"status", "--porcelain"}).out.empty());
        check_as_checked_out(r, "README.md");
        check_as_checked_out(r, "manual/docs/guide.md");
      }
    }
  }
}

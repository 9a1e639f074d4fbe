// `check`, `plan` and `where` with `imports:` on throwaway repositories: the sibling is opened at
// its ref, every file mapped or dropped, collisions and unreadable repositories reported at line:col.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/sibling_repo.hpp"
#include "support/temp_repo.hpp"

using gitreorg::testing::CommandResult;
using gitreorg::testing::TempRepo;
namespace fs = std::filesystem;

namespace {

struct Hosted {
  TempRepo host, sibling;
  std::string mapping;
  explicit Hosted(const std::string& imports_tail = "") {
    gitreorg::testing::make_sibling_repo(sibling);
    host.write("a/x", "x\n");
    host.write("README.md", "# Host\n");
    host.commit("host");
    mapping = (host.dir() / ".git/m.yaml").string();
    write_mapping(gitreorg::testing::sibling_import(sibling.dir().string()) + imports_tail);
  }
  void write_mapping(const std::string& imports) {
    std::ofstream(mapping) << "version: 1\nmoves:\n  - from: a\n    to: docs/a\nimports:\n" << imports;
  }
};

}  // namespace

TEST_CASE("imports cli: check validates the import; plan shows it in text and JSON", "[cli][imports]") {
  Hosted h;
  CommandResult c = h.host.reorg({"check", h.mapping});
  INFO(c.out << c.err);
  CHECK(c.exit_code == 0);
  CHECK(c.out.find(": OK: 1 rules, 1 of 2 files move, 0 files with reference edits; 1 import to merge, 4 files\n") !=
        std::string::npos);

  CommandResult p = h.host.reorg({"plan", h.mapping, "--files"});
  INFO(p.out << p.err);
  CHECK(p.exit_code == 0);
  CHECK(p.out.find("Imports\n  sibling from " + h.sibling.dir().string()) != std::string::npos);
  CHECK(p.out.find("(main): 4 files, 1 dropped; 6 commits (2 become empty), history: rewrite") != std::string::npos);
  CHECK(p.out.find("    sibling:2.projects/engine/run.sh -> examples/engine/run.sh\n") != std::string::npos);
  CHECK(p.out.find("    sibling:notes/todo.md (dropped)\n") != std::string::npos);

  CommandResult j = h.host.reorg({"plan", h.mapping, "--format", "json"});
  REQUIRE(j.exit_code == 0);
  auto doc = nlohmann::json::parse(j.out);
  REQUIRE(doc["imports"].size() == 1);
  auto imp = doc["imports"][0];
  CHECK(imp["name"] == "sibling");
  CHECK(imp["commit"] == TempRepo::trim(h.sibling.git({"rev-parse", "main"}).out));
  CHECK(imp["commits"] == 6);
  CHECK(imp["dropped"] == nlohmann::json::array({"notes/todo.md"}));
  REQUIRE(imp["files"].size() == 4);
  CHECK(imp["files"][0]["old"] == "2.projects/engine/README.md");
  CHECK(imp["files"][0]["new"] == "examples/engine/README.md");
  CHECK(imp["files"][1]["mode"] == "100755");
}

TEST_CASE("imports cli: a plan without imports has no `imports` key", "[cli][imports]") {
  Hosted h;
  std::ofstream(h.mapping) << "version: 1\nmoves:\n  - from: a\n    to: docs/a\n";
  CommandResult j = h.host.reorg({"plan", h.mapping, "--format", "json"});
  REQUIRE(j.exit_code == 0);
  CHECK_FALSE(nlohmann::json::parse(j.out).contains("imports"));
}

TEST_CASE("imports cli: unmapped files, a missing repository, an unknown ref and collisions are errors at line:col",
          "[cli][imports]") {
  Hosted h;
  std::string sib = h.sibling.dir().string();
  SECTION("unmapped") {
    h.write_mapping("  - name: sibling\n    repo: " + sib + "\n    moves:\n      - from: LICENSE\n        to: LICENSE.sib\n");
    CommandResult c = h.host.reorg({"check", h.mapping});
    CHECK(c.exit_code == 1);
    CHECK(c.err.find("m.yaml:8:5: error: import `sibling`: 4 files of the imported tree are neither moved nor dropped: "
                     "`2.projects/engine/README.md`, `2.projects/engine/run.sh`, `3.use-cases/chat/README.md`, "
                     "`notes/todo.md`; add a move (`- from: 2.projects` with its `to:` would take 2 of them) or list them "
                     "under `drop:`") != std::string::npos);
  }
  SECTION("no repository") {
    h.write_mapping("  - name: sibling\n    repo: ../no-such-sibling\n    moves: []\n");
    CommandResult c = h.host.reorg({"check", h.mapping});
    CHECK(c.exit_code == 1);
    CHECK(c.err.find("m.yaml:7:11: error: import `sibling`: cannot open `../no-such-sibling`: not a git repository") !=
          std::string::npos);
  }
  SECTION("unknown ref") {
    h.write_mapping("  - name: sibling\n    repo: " + sib + "\n    ref: nope\n    moves: []\n");
    CommandResult c = h.host.reorg({"check", h.mapping});
    CHECK(c.exit_code == 1);
    CHECK(c.err.find("m.yaml:8:10: error: import `sibling`: `ref: nope`: unknown revision `nope`") != std::string::npos);
  }
  SECTION("collision with the host") {
    h.host.write("examples/LICENSE.sibling", "host's\n");
    h.host.commit("a file where the import wants one");
    CommandResult c = h.host.reorg({"check", h.mapping});
    CHECK(c.exit_code == 1);
    CHECK(c.err.find("m.yaml:16:13: error: import `sibling`: `LICENSE` would land on `examples/LICENSE.sibling`, where "
                     "`examples/LICENSE.sibling` of this repository is") != std::string::npos);
  }
  SECTION("relative to the host's top directory") {
    fs::path rel = fs::relative(h.sibling.dir(), h.host.dir());
    h.write_mapping(gitreorg::testing::sibling_import(rel.string()));
    fs::create_directories(h.host.dir() / "a/deeper");
    CommandResult c = h.host.reorg({"-C", "a/deeper", "check", h.mapping});
    INFO(c.err);
    CHECK(c.exit_code == 0);
  }
}

TEST_CASE("imports cli: where NAME:PATH", "[cli][imports][where]") {
  Hosted h;
  CommandResult w = h.host.reorg({"where", h.mapping, "sibling:2.projects/engine", "sibling:3.use-cases/chat/README.md",
                                  "sibling:notes/todo.md", "a/x"});
  INFO(w.err);
  CHECK(w.exit_code == 0);
  CHECK(w.out ==
        "sibling:2.projects/engine -> examples/engine\n"
        "sibling:3.use-cases/chat/README.md -> examples/use-cases/chat/README.md\n"
        "sibling:notes/todo.md (dropped by `drop: notes` at line 17)\n"
        "a/x -> docs/a/x\n");
  CommandResult u = h.host.reorg({"where", h.mapping, "sibling:elsewhere/file"});
  CHECK(u.exit_code == 1);
  CHECK(u.err == "git-reorg: error: sibling:elsewhere/file: no move of import `sibling` takes it and no `drop:` names it\n");
}

// Issue 12: --reverse answers for paths an import provides too, as `NAME:PATH` of its tree; the host's
// own old paths first.
TEST_CASE("imports cli: where --reverse names the imported path a new path comes from", "[cli][imports][where]") {
  Hosted h;
  CommandResult r = h.host.reorg({"where", "--reverse", h.mapping, "examples/engine", "examples/engine/new.py",
                                  "examples/use-cases/chat/README.md", "examples/LICENSE.sibling", "docs/a/x", "README.md"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "examples/engine <- sibling:2.projects/engine\n"
        "examples/engine/new.py <- sibling:2.projects/engine/new.py\n"
        "examples/use-cases/chat/README.md <- sibling:3.use-cases/chat/README.md\n"
        "examples/LICENSE.sibling <- sibling:LICENSE\n"
        "docs/a/x <- a/x\n"
        "README.md (unchanged)\n");
  CHECK(r.err.empty());
  // The forward answers agree: each imported path goes where --reverse says it came from.
  CHECK(h.host.reorg({"where", h.mapping, "sibling:2.projects/engine", "sibling:LICENSE"}).out ==
        "sibling:2.projects/engine -> examples/engine\nsibling:LICENSE -> examples/LICENSE.sibling\n");
  auto j = nlohmann::json::parse(h.host.reorg({"where", "-r", "--format", "json", h.mapping, "examples/engine"}).out)["answers"];
  CHECK(j[0]["answer"] == "sibling:2.projects/engine");
  CHECK(j[0]["kind"] == "moved");
  // A dropped path is not claimed by the import; a sibling that cannot be read is a warning, once.
  CHECK(h.host.reorg({"where", "-r", h.mapping, "notes/todo.md"}).out == "notes/todo.md (unchanged)\n");
  fs::path away = h.sibling.dir().string() + "-away";
  fs::rename(h.sibling.dir(), away);
  CommandResult gone = h.host.reorg({"where", "-r", h.mapping, "examples/engine", "examples/use-cases/chat"});
  fs::rename(away, h.sibling.dir());
  CHECK(gone.exit_code == 0);
  CHECK(gone.out == "examples/engine (unchanged)\nexamples/use-cases/chat (unchanged)\n");
  CHECK(gone.err.find("git-reorg: warning: import `sibling` cannot be read (") == 0);
  CHECK(gone.err.find("its paths are not answered\n") == gone.err.size() - std::string("its paths are not answered\n").size());
}

// The public snapshot of awsome-inference lacks one blob: the error names the file, not only its id.
TEST_CASE("imports cli: a blob missing from the sibling is reported with its file", "[cli][imports]") {
  Hosted h;
  std::string blob = TempRepo::trim(h.sibling.git({"rev-parse", "main:2.projects/engine/README.md"}).out);
  fs::remove(h.sibling.dir() / ".git/objects" / blob.substr(0, 2) / blob.substr(2));
  CommandResult c = h.host.reorg({"check", h.mapping});
  INFO(c.out << c.err);
  CHECK(c.exit_code == 2);
  CHECK(c.err.find("git-reorg: error: import `sibling` (") == 0);
  CHECK(c.err.find("cannot read `2.projects/engine/README.md` (blob " + blob.substr(0, 12) + "): ") != std::string::npos);
  CHECK(c.err.find("the clone is incomplete or damaged: fetch it again") != std::string::npos);
}

// The host's `policy:` holds for the result, imported files included, at the import's own rule.
TEST_CASE("imports cli: the host's policy applies to the imported files", "[cli][imports][policy]") {
  Hosted h;
  std::ofstream(h.mapping) << "version: 1\nmoves:\n  - from: a\n    to: docs/a\n"
                              "policy:\n  no_numeric_prefix: ['.']\n  max_depth: {root: examples, depth: 1}\nimports:\n"
                              "  - name: sibling\n    repo: " << h.sibling.dir().string() << "\n"
                              "    moves:\n"
                              "      - from: 2.projects/engine\n        to: examples/2.engine\n"
                              "      - match: '3\\.use-cases/([^/]+)'\n        to: 'examples/use-cases/\\1'\n"
                              "      - from: LICENSE\n        to: examples/LICENSE.sibling\n"
                              "    drop: [notes]\n";
  CommandResult c = h.host.reorg({"check", h.mapping});
  INFO(c.out << c.err);
  CHECK(c.exit_code == 1);
  CHECK(c.err.find("m.yaml:13:13: error: import `sibling`: policy no_numeric_prefix") != std::string::npos);
  CHECK(c.err.find("examples/2.engine") != std::string::npos);
  CHECK(c.err.find("m.yaml:15:13: error: import `sibling`: policy max_depth") != std::string::npos);
  CHECK(c.err.find("examples/use-cases/chat") != std::string::npos);
  // The host's own files obey it: nothing is reported for them.
  CHECK(c.err.find("docs/a") == std::string::npos);

  // Within the policy, check passes.
  std::ofstream(h.mapping) << "version: 1\nmoves:\n  - from: a\n    to: docs/a\n"
                              "policy:\n  no_numeric_prefix: ['.']\n  max_depth: {root: examples, depth: 2}\nimports:\n"
                           << gitreorg::testing::sibling_import(h.sibling.dir().string());
  CommandResult ok = h.host.reorg({"check", h.mapping});
  INFO(ok.out << ok.err);
  CHECK(ok.exit_code == 0);
}

// GitHub lists at most 250 commits of a pull request: an import's history can go past that.
TEST_CASE("imports cli: plan notes when the pull request adds more commits than GitHub lists", "[cli][imports][github]") {
  TempRepo host, sibling;
  host.write("a/x", "x\n");
  host.commit("host");
  // 255 commits, each changing the one file, written by git fast-import.
  std::string stream;
  for (int i = 1; i <= 255; ++i) {
    std::string data = "line " + std::to_string(i) + "\n";
    stream += "commit refs/heads/main\ncommitter Dev <dev@example.com> " + std::to_string(1700000000 + i) + " +0000\n"
              "data 6\nchange\nM 100644 inline lib/f.txt\ndata " + std::to_string(data.size()) + "\n" + data + "\n";
  }
  sibling.write(".git/stream", stream);
  REQUIRE(gitreorg::testing::run_command({"sh", "-c", "cd '" + sibling.dir().string() + "' && git fast-import --quiet < .git/stream"}).exit_code == 0);
  REQUIRE(TempRepo::trim(sibling.git({"rev-list", "--count", "main"}).out) == "255");
  std::string mapping = (host.dir() / ".git/m.yaml").string();
  std::ofstream(mapping) << "version: 1\nmoves:\n  - from: a\n    to: docs/a\nimports:\n  - name: sib\n    repo: "
                         << sibling.dir().string() << "\n    moves:\n      - from: lib\n        to: sib/lib\n";
  CommandResult p = host.reorg({"plan", mapping});
  INFO(p.out << p.err);
  REQUIRE(p.exit_code == 0);
  CHECK(p.out.find("Note: GitHub lists at most 250 commits of a pull request; this one adds 257 (the imports' histories "
                   "included)") != std::string::npos);
  auto j = nlohmann::json::parse(host.reorg({"plan", mapping, "--format", "json"}).out);
  CHECK(j["references"]["pull_request_commits"] == 257);
  // The oracle: the commits apply adds, as git counts them.
  REQUIRE(host.reorg({"apply", mapping}).exit_code == 0);
  CHECK(TempRepo::trim(host.git({"rev-list", "--count", "HEAD", "^HEAD^1~1"}).out) == "257");

  // With history preserve: the sibling's commits as they are, plus the commit of renames.
  TempRepo again;
  again.write("a/x", "x\n");
  again.commit("host");
  std::string preserve = (again.dir() / ".git/m.yaml").string();
  std::ofstream(preserve) << "version: 1\nmoves:\n  - from: a\n    to: docs/a\nimports:\n  - name: sib\n    repo: "
                          << sibling.dir().string() << "\n    history: preserve\n    moves:\n      - from: lib\n        to: sib/lib\n";
  auto pj = nlohmann::json::parse(again.reorg({"plan", preserve, "--format", "json"}).out);
  CHECK(pj["references"]["pull_request_commits"] == 258);
  REQUIRE(again.reorg({"apply", preserve}).exit_code == 0);
  CHECK(TempRepo::trim(again.git({"rev-list", "--count", "HEAD", "^HEAD^1~1"}).out) == "258");
}

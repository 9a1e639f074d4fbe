// URLs pinned to commits of an imported repository: plan predicts what each commit becomes (the
// commit map), the rewriter re-points SHA-pinned URLs to the host's commit and the file's path there,
// and apply writes exactly those commits; git is the oracle (the URL's commit and path exist in the
// host and hold the content the original URL showed).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <regex>

#include "support/sibling_repo.hpp"
#include "support/temp_repo.hpp"

using gitreorg::testing::CommandResult;
using gitreorg::testing::lines;
using gitreorg::testing::TempRepo;
namespace fs = std::filesystem;

namespace {

const std::string kSib = "https://github.com/o/sibling";
const std::string kHost = "https://github.com/o/host";

struct Pinned {
  TempRepo host, sibling;
  std::string mapping;
  std::string add, bob, carol, merge, notes;  // the sibling's commits (see sibling_repo.hpp)
  explicit Pinned(const std::string& history) {
    gitreorg::testing::make_sibling_repo(sibling);
    add = sib({"rev-list", "--max-parents=0", "main"});
    bob = sib({"log", "-1", "--format=%H", "--author=Bob", "--", "2.projects/engine/README.md"});
    carol = sib({"rev-parse", "feature"});
    merge = sib({"rev-parse", "main^"});
    notes = sib({"rev-parse", "main"});
    host.write("README.md", "# Host\n"
                            "- " + kSib + "/blob/" + add + "/engine/README.md\n"           // a path renamed later
                            "- " + kSib + "/tree/" + bob.substr(0, 12) + "/2.projects/engine\n"  // a short id, a directory
                            "- https://raw.githubusercontent.com/o/sibling/" + merge + "/3.use-cases/chat/README.md\n"
                            "- " + kSib + "/commit/" + carol + "\n"
                            "- " + kSib + "/commit/" + notes + "\n"                         // became empty: kept
                            "- " + kSib + "/blob/" + add + "/notes/todo.md\n"               // dropped: kept
                            "- " + kSib + "/blob/v1.0/2.projects/engine/README.md\n");      // a tag: kept
    host.write("a/x", "x\n");
    host.commit("host");
    mapping = (host.dir() / ".git/m.yaml").string();
    std::string imp = gitreorg::testing::sibling_import(sibling.dir().string(), history);
    imp.insert(imp.find("    history:"), "    urls: [" + kSib + "]\n");
    std::ofstream(mapping) << "version: 1\nrepository:\n  urls: [" << kHost << "]\nmoves:\n  - from: a\n    to: docs/a\n"
                           << "imports:\n" << imp;
  }
  std::string sib(const std::vector<std::string>& args) { return TempRepo::trim(sibling.git(args).out); }
  std::string git(const std::vector<std::string>& args) { return TempRepo::trim(host.git(args).out); }
};

// The commit of the host and the path a rewritten URL names: `.../blob/SHA/PATH`, raw, `commit/SHA`.
struct Named {
  std::string commit, path;
};
std::vector<Named> host_urls(const std::string& text) {
  std::vector<Named> out;
  std::regex url(R"((?:github\.com/o/host/(?:blob|tree|commit)|raw\.githubusercontent\.com/o/host)/([0-9a-f]{7,40})(?:/(\S*))?)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), url); it != std::sregex_iterator(); ++it)
    out.push_back({(*it)[1], (*it)[2]});
  return out;
}

}  // namespace

TEST_CASE("import: URLs pinned to the sibling's commits follow the rewritten history", "[exec][apply][imports][pinned]") {
  Pinned p("rewrite");
  CommandResult plan = p.host.reorg({"plan", p.mapping, "--format", "json"});
  INFO(plan.out << plan.err);
  REQUIRE(plan.exit_code == 0);
  nlohmann::json doc = nlohmann::json::parse(plan.out);
  const nlohmann::json& map = doc["imports"][0]["commit_map"];
  REQUIRE(map.size() == 6);
  CHECK(map[p.notes].is_null());  // the notes-only commit becomes empty
  std::string new_add = map[p.add], new_bob = map[p.bob], new_carol = map[p.carol], new_merge = map[p.merge];

  CommandResult r = p.host.reorg({"apply", p.mapping});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  // apply wrote the commits plan predicted: the same map in the file.
  std::map<std::string, std::string> written;
  for (const std::string& l : lines(p.host.read(".git/reorg-imports/sibling.map"))) written[l.substr(0, 40)] = l.substr(41);
  for (auto& [from, to] : map.items()) CHECK(written[from] == (to.is_null() ? "-" : to.get<std::string>()));
  CHECK(p.git({"log", "-1", "--format=%(trailers:key=Reorg-Original-Commit,valueonly)", new_carol}) == p.carol);

  std::string readme = p.host.read("README.md");
  CHECK(readme == "# Host\n"
                  "- " + kHost + "/blob/" + new_add + "/examples/engine/README.md\n"
                  "- " + kHost + "/tree/" + new_bob.substr(0, 12) + "/examples/engine\n"
                  "- https://raw.githubusercontent.com/o/host/" + new_merge + "/examples/use-cases/chat/README.md\n"
                  "- " + kHost + "/commit/" + new_carol + "\n"
                  "- " + kSib + "/commit/" + p.notes + "\n"
                  "- " + kSib + "/blob/" + p.add + "/notes/todo.md\n"
                  "- " + kSib + "/blob/v1.0/2.projects/engine/README.md\n");
  // The oracle: each commit is in the host, and each path holds what the original URL showed.
  std::vector<Named> named = host_urls(readme);
  REQUIRE(named.size() == 4);
  for (const Named& n : named) {
    INFO(n.commit << ":" << n.path);
    CHECK(p.host.git({"cat-file", "-e", n.commit + "^{commit}"}).exit_code == 0);
    if (!n.path.empty()) CHECK(p.host.git({"cat-file", "-e", n.commit + ":" + n.path}).exit_code == 0);
  }
  CHECK(p.git({"show", new_add + ":examples/engine/README.md"}) == p.sib({"show", p.add + ":engine/README.md"}));
  CHECK(p.git({"rev-parse", new_bob.substr(0, 12) + ":examples/engine"}) == p.sib({"rev-parse", p.bob + ":2.projects/engine"}));
  CHECK(p.host.git({"fsck", "--full", "--strict"}).exit_code == 0);
}

TEST_CASE("import: with history preserve, pinned URLs keep their commit and path on the host", "[exec][apply][imports][pinned]") {
  Pinned p("preserve");
  CommandResult r = p.host.reorg({"apply", p.mapping});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  std::string readme = p.host.read("README.md");
  CHECK(readme.find(kHost + "/blob/" + p.add + "/engine/README.md\n") != std::string::npos);
  CHECK(readme.find(kHost + "/commit/" + p.notes + "\n") != std::string::npos);  // every commit is kept
  for (const Named& n : host_urls(readme)) {
    INFO(n.commit << ":" << n.path);
    CHECK(p.host.git({"cat-file", "-e", n.commit + "^{commit}"}).exit_code == 0);
    if (!n.path.empty()) CHECK(p.host.git({"cat-file", "-e", n.commit + ":" + n.path}).exit_code == 0);
  }
}

TEST_CASE("import: a path of an older commit that nothing maps is an error of check and plan", "[exec][imports][pinned]") {
  TempRepo host, sibling;
  sibling.write("old/a.md", "a\n");
  sibling.commit("old layout");
  sibling.git({"rm", "-q", "-r", "old"});
  sibling.write("2.projects/e/a.md", "b\n");  // not a rename: a new blob
  sibling.commit("new layout");
  host.write("a/x", "x\n");
  host.commit("host");
  std::string mapping = (host.dir() / ".git/m.yaml").string();
  std::ofstream(mapping) << "version: 1\nmoves:\n  - from: a\n    to: docs/a\nimports:\n  - name: s\n    repo: "
                         << sibling.dir().string() << "\n    ref: main\n    moves:\n      - from: 2.projects/e\n        to: examples/e\n";
  for (const char* cmd : {"check", "plan"}) {
    CommandResult r = host.reorg({cmd, mapping});
    INFO(cmd << r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("m.yaml:9:5: error: import `s`: 1 path of older commits is neither moved nor dropped: `old/a.md`; its "
                     "history cannot be rewritten: add a move (`- from: old` with its `to:` would take 1 of them)") !=
          std::string::npos);
  }
  std::string head = TempRepo::trim(host.git({"rev-parse", "HEAD"}).out);
  CHECK(host.reorg({"apply", mapping}).exit_code == 1);
  CHECK(TempRepo::trim(host.git({"rev-parse", "HEAD"}).out) == head);
}

TEST_CASE("import: two paths of an older commit on one new path are an error of check and plan", "[exec][imports][pinned]") {
  TempRepo host, sibling;
  sibling.write("a/x.md", "from a\n");
  sibling.write("b/x.md", "from b\n");
  std::string both = sibling.commit("a and b");
  sibling.git({"rm", "-q", "-r", "b"});
  sibling.commit("b gone");  // the tip has a/x.md alone: no collision there
  host.write("a/x", "x\n");
  host.commit("host");
  std::string mapping = (host.dir() / ".git/m.yaml").string();
  std::ofstream(mapping) << "version: 1\nmoves:\n  - from: a\n    to: docs/a\nimports:\n  - name: s\n    repo: "
                         << sibling.dir().string() << "\n    ref: main\n    moves:\n      - match: '(a|b)'\n"
                         << "        to: e\n";
  for (const char* cmd : {"check", "plan"}) {
    CommandResult r = host.reorg({cmd, mapping});
    INFO(cmd << r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("m.yaml:9:5: error: import `s`: two paths of one older commit would land on one path: `a/x.md` and "
                     "`b/x.md` on `e/x.md` in " + both.substr(0, 12)) != std::string::npos);
  }
  std::string head = TempRepo::trim(host.git({"rev-parse", "HEAD"}).out);
  CHECK(host.reorg({"apply", mapping}).exit_code == 1);
  CHECK(TempRepo::trim(host.git({"rev-parse", "HEAD"}).out) == head);
}

TEST_CASE("import: plan writes nothing to the sibling, and apply only packs into the host", "[exec][apply][imports][pinned]") {
  Pinned p("rewrite");
  auto objects = [](TempRepo& r) {
    std::string packs;
    for (const auto& e : fs::directory_iterator(r.dir() / ".git/objects/pack")) packs += e.path().filename().string() + "\n";
    return r.git({"count-objects", "-v"}).out + packs;
  };
  std::string before = objects(p.sibling);
  std::string loose = p.host.git({"count-objects"}).out;
  REQUIRE(p.host.reorg({"plan", p.mapping}).exit_code == 0);
  CHECK(objects(p.sibling) == before);
  CommandResult r = p.host.reorg({"apply", p.mapping});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(objects(p.sibling) == before);
  // The host's new objects are in packs: no new loose object, nothing written that no commit needs.
  CHECK(p.host.git({"count-objects"}).out == loose);
  CommandResult fsck = p.host.git({"fsck", "--full", "--strict"});
  CHECK(fsck.exit_code == 0);
  CHECK(fsck.out.find("dangling") == std::string::npos);
}

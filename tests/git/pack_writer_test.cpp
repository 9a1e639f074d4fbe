// git::PackWriter: new objects are readable before they are packed, are written as exactly one pack
// holding exactly them, and nothing is written loose; the git CLI is the oracle.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <set>

#include "gitreorg/git/pack_writer.hpp"
#include "gitreorg/git/write.hpp"
#include "support/temp_repo.hpp"

using namespace gitreorg;
using testing::TempRepo;
namespace fs = std::filesystem;

namespace {

// `git count-objects -v` as a map: count (loose objects), in-pack, packs, ...
std::map<std::string, std::string> count_objects(TempRepo& r) {
  std::map<std::string, std::string> out;
  for (const std::string& l : testing::lines(r.git({"count-objects", "-v"}).out)) out[l.substr(0, l.find(':'))] = l.substr(l.find(": ") + 2);
  return out;
}

}  // namespace

TEST_CASE("pack writer: the new objects in one pack, none loose, readable before and after", "[git][pack]") {
  TempRepo r;
  r.write("old.txt", "old\n");
  std::string base = r.commit("base");
  r.git({"repack", "-a", "-d", "-q"});
  REQUIRE(count_objects(r)["count"] == "0");
  git::Repository repo = git::Repository::open(r.dir());
  git::Signature who{"A U Thor", "author@example.com", 1700000000, 0};
  std::string blob, tree, commit;
  {
    git::PackWriter pack(repo);
    blob = git::write_blob(repo, "new\n");
    core::Tree files = repo.read_tree(base);
    files.push_back({"sub/new.txt", core::kModeFile, blob});
    tree = git::write_tree(repo, files);
    commit = git::write_commit(repo, tree, {base}, who, who, "add\n");
    git::write_blob(repo, "old\n");  // already in the repository: not written again
    CHECK(pack.pending() == 4);      // the blob, the two trees, the commit
    CHECK(repo.read_blob(blob) == "new\n");  // read from memory
    CHECK(repo.read_tree(commit).size() == 2);
    CHECK(count_objects(r)["count"] == "0");
    CHECK(r.git({"cat-file", "-e", blob}, true).exit_code != 0);  // not in the repository yet
    pack.write_pack();
    CHECK(pack.pending() == 0);
    CHECK(repo.read_blob(blob) == "new\n");  // read from the new pack
    pack.write_pack();                       // nothing new: no empty pack
  }
  std::map<std::string, std::string> counts = count_objects(r);
  CHECK(counts["count"] == "0");
  CHECK(counts["packs"] == "2");
  CHECK(r.git({"cat-file", "-p", blob}).out == "new\n");
  CHECK(TempRepo::trim(r.git({"rev-parse", commit + "^{tree}"}).out) == tree);
  CHECK(r.git({"ls-tree", "-r", "--name-only", commit}).out == "old.txt\nsub/new.txt\n");
  // The new pack holds exactly the four new objects (verify-pack -v: one line per object, its id first).
  std::set<std::string> in_new_pack;
  for (const auto& e : fs::directory_iterator(r.dir() / ".git/objects/pack")) {
    if (e.path().extension() != ".idx") continue;
    std::set<std::string> ids;
    for (const std::string& l : testing::lines(r.git({"verify-pack", "-v", e.path().string()}).out))
      if (l.size() > 40 && l[40] == ' ') ids.insert(l.substr(0, 40));
    if (ids.count(blob)) in_new_pack = ids;
  }
  std::string sub = TempRepo::trim(r.git({"rev-parse", commit + ":sub"}).out);
  CHECK(in_new_pack == std::set<std::string>{blob, tree, sub, commit});
  CHECK(r.git({"fsck", "--no-dangling"}).exit_code == 0);

  // Once the writer is gone, objects are written loose again.
  std::string later = git::write_blob(repo, "later\n");
  CHECK(count_objects(r)["count"] == "1");
  CHECK(r.git({"cat-file", "-p", later}).out == "later\n");
}

// The pack is written by git-reorg itself (whole objects, no deltas, its own index): git reads every
// object of it back, of any size (an empty blob; one whose size needs a one-byte, a two-byte and a
// four-byte header), and `git verify-pack` and `git fsck` accept the pack and its index.
TEST_CASE("pack writer: git reads back objects of every size from the pack written", "[git][pack]") {
  TempRepo r;
  r.write("old.txt", "old\n");
  r.commit("base");
  git::Repository repo = git::Repository::open(r.dir());
  std::vector<std::string> contents = {"", "x", std::string(100, 'a'), std::string(5000, 'b')};
  std::string big;  // 300 KB that deflate cannot shrink much
  std::uint32_t seed = 1;
  for (int k = 0; k < 300000; ++k) big.push_back(static_cast<char>((seed = seed * 1103515245u + 12345u) >> 24));
  contents.push_back(big);
  std::vector<std::string> ids;
  {
    git::PackWriter pack(repo);
    for (const std::string& c : contents) ids.push_back(git::write_blob(repo, c));
    pack.write_pack();
  }
  for (std::size_t k = 0; k < contents.size(); ++k) {
    INFO(k);
    CHECK(r.git({"cat-file", "-t", ids[k]}).out == "blob\n");
    CHECK(TempRepo::trim(r.git({"cat-file", "-s", ids[k]}).out) == std::to_string(contents[k].size()));
    CHECK(r.git({"cat-file", "blob", ids[k]}).out == contents[k]);
  }
  for (const auto& e : fs::directory_iterator(r.dir() / ".git/objects/pack"))
    if (e.path().extension() == ".idx") CHECK(r.git({"verify-pack", e.path().string()}, true).exit_code == 0);
  CHECK(r.git({"fsck", "--strict"}).exit_code == 0);
  CHECK(!fs::exists(r.dir() / ".git/reorg-pack"));
}

// Runs of objects are deflated on several threads and joined: a pack of thousands of objects (many
// runs, of every size) is one valid pack, each object where its index says (git reads each back).
TEST_CASE("pack writer: thousands of objects deflated in runs make one pack git reads whole", "[git][pack]") {
  TempRepo r;
  r.write("old.txt", "old\n");
  r.commit("base");
  git::Repository repo = git::Repository::open(r.dir());
  std::vector<std::string> contents, ids;
  for (int k = 0; k < 3000; ++k) contents.push_back(fmt::format("object {}\n{}", k, std::string(static_cast<std::size_t>(k % 97) * 31, 'z')));
  {
    git::PackWriter pack(repo);
    for (const std::string& c : contents) ids.push_back(git::write_blob(repo, c));
    pack.write_pack();
  }
  int idx = 0;
  for (const auto& e : fs::directory_iterator(r.dir() / ".git/objects/pack"))
    if (e.path().extension() == ".idx" && r.git({"verify-pack", "-v", e.path().string()}).out.find(ids[1234]) != std::string::npos) {
      ++idx;
      CHECK(r.git({"verify-pack", e.path().string()}, true).exit_code == 0);
    }
  CHECK(idx == 1);
  std::string batch;
  for (const std::string& id : ids) batch += id + "\n";
  std::string expected;
  for (std::size_t k = 0; k < ids.size(); ++k) expected += fmt::format("{} blob {}\n{}\n", ids[k], contents[k].size(), contents[k]);
  r.write(".git/batch.txt", batch);  // git reads the ids on its stdin
  CHECK(testing::run_command({"sh", "-c", "git cat-file --batch < .git/batch.txt"}, r.dir()).out == expected);
  CHECK(r.git({"fsck", "--strict"}).exit_code == 0);
}

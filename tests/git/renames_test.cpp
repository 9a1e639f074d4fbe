// git::follow_renames: the renames along first parents, newest first, as `git log --first-parent -M`
// reports them (the git CLI is the oracle), a side branch's renames at the merge, and the limit.
#include <catch2/catch.hpp>

#include "gitreorg/git/renames.hpp"
#include "support/temp_repo.hpp"

using namespace gitreorg;
using testing::TempRepo;

namespace {

// `git log --first-parent -M --diff-filter=R` as "commit from to" lines, newest first.
std::vector<std::string> git_renames(TempRepo& r) {
  std::vector<std::string> out;
  std::string commit;
  for (const std::string& l :
       testing::lines(r.git({"log", "--first-parent", "-M", "--diff-filter=R", "--name-status", "--format=C %H"}).out)) {
    if (l.starts_with("C ")) commit = l.substr(2);
    else if (l.starts_with("R")) {
      std::size_t t1 = l.find('\t'), t2 = l.find('\t', t1 + 1);
      out.push_back(commit + " " + l.substr(t1 + 1, t2 - t1 - 1) + " " + l.substr(t2 + 1));
    }
  }
  return out;
}

}  // namespace

TEST_CASE("renames: every rename of the first-parent history, newest first, as git log -M sees them", "[git][renames]") {
  TempRepo r;
  // 1: two files; 2: one renamed unchanged, 3: renamed again with an edit (still similar), plus an
  // unrelated delete and add (not similar: no rename); 4: a side branch renames tools/, merged.
  r.write("docs/setup.md", "# Setup\n\nInstall the tools, then run the checks.\nLine three.\nLine four.\n");
  r.write("tools/run.sh", "#!/bin/sh\necho run\n");
  r.write("gone.txt", "one thing\n");
  r.commit("base");
  std::filesystem::create_directories(r.dir() / "guide");
  r.git({"mv", "docs/setup.md", "guide/setup.md"});
  std::string c2 = r.commit("rename");
  std::filesystem::create_directories(r.dir() / "handbook");
  r.git({"mv", "guide/setup.md", "handbook/setup.md"});
  r.write("handbook/setup.md", "# Setup\n\nInstall the tools, then run the checks.\nLine three.\nLine four, edited.\n");
  r.git({"rm", "-q", "gone.txt"});
  r.write("new.txt", "something else entirely\n");
  std::string c3 = r.commit("rename and edit");
  r.git({"checkout", "-q", "-b", "side"});
  r.git({"mv", "tools", "scripts"});
  r.commit("side: move tools");
  r.git({"checkout", "-q", "main"});
  r.git({"merge", "-q", "--no-ff", "-m", "merge side", "side"});
  std::string tip = TempRepo::trim(r.git({"rev-parse", "HEAD"}).out);

  git::Repository repo = git::Repository::open(r.dir());
  git::RenameWalk walk = git::follow_renames(repo, tip);
  std::vector<std::string> got;
  for (const git::Rename& n : walk.renames) got.push_back(n.commit + " " + n.from + " " + n.to);
  CHECK(got == git_renames(r));
  CHECK(got == std::vector<std::string>{tip + " tools/run.sh scripts/run.sh", c3 + " guide/setup.md handbook/setup.md",
                                        c2 + " docs/setup.md guide/setup.md"});
  CHECK(walk.commits == 4);  // first parents only: the side branch's commit is not walked
  CHECK_FALSE(walk.truncated);

  // At most `max_commits` commits: the newest ones.
  git::RenameWalk two = git::follow_renames(repo, tip, 2);
  CHECK(two.commits == 2);
  CHECK(two.truncated);
  REQUIRE(two.renames.size() == 2);
  CHECK(two.renames[1].commit == c3);
}

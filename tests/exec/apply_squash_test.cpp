// The squash-merge check against git itself: the plan flags the moved and edited files under git's
// 50% rename threshold; after apply, the migration's two commits diffed as one (what a squash merge
// commits) show exactly those as deleted and added, and every other moved file as renamed.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <sstream>

#include "support/temp_repo.hpp"

namespace {

using gitreorg::testing::CommandResult;
using gitreorg::testing::TempRepo;

const char* kMapping =
    "version: 1\n"
    "moves:\n"
    "  - from: 3.test_cases/pytorch/FSDP\n    to: examples/fsdp\n"
    "  - from: 0.docs\n    to: documentation\n";

// Moved files of three kinds: one whose text is nearly all links into a moved directory (heavily
// rewritten), a long README with one such link (lightly rewritten), one not edited at all; and a
// relative symlink that moves to another depth, so its target is rewritten.
void make_repo(TempRepo& r) {
  r.write("0.docs/links.md",
          "[a](../3.test_cases/pytorch/FSDP/a.py)\n[b](../3.test_cases/pytorch/FSDP/b.py)\n"
          "[c](../3.test_cases/pytorch/FSDP/c.py)\n");
  std::string guide = "# Guide\n\n";
  for (int i = 0; i < 40; ++i)
    guide += "Paragraph " + std::to_string(i) + " explains one more step of the setup in plain words.\n";
  guide += "\nThe [training script](../3.test_cases/pytorch/FSDP/a.py) is where it starts.\n";
  r.write("0.docs/guide.md", guide);
  r.write("0.docs/plain.md", "# Plain\n\nNo links here.\n");
  for (const char* f : {"a.py", "b.py", "c.py"}) r.write(std::string("3.test_cases/pytorch/FSDP/") + f, "print('hello')\n");
  r.write("common/env.sh", "export X=1\n");
  r.symlink("../../../common/env.sh", "3.test_cases/pytorch/FSDP/env.sh");
  r.write(".git/m.yaml", kMapping);
  r.commit("old layout");
}

// `git diff -M --name-status A B`: path -> status letter (R for renames, by their new path).
std::map<std::string, char> name_status(TempRepo& r, const std::string& a, const std::string& b) {
  std::map<std::string, char> out;
  std::istringstream in(r.git({"-c", "diff.renames=true", "diff", "-M", "--name-status", a, b}).out);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::istringstream l(line);
    for (std::string c; std::getline(l, c, '\t');) cols.push_back(c);
    out[cols.back()] = cols[0][0];
    if (cols[0][0] == 'R') out[cols[1]] = 'r';  // the old path of a rename
  }
  return out;
}

}  // namespace

TEST_CASE("apply: the files the plan says a squash breaks are those git sees deleted and added", "[exec][apply][squash]") {
  TempRepo r;
  make_repo(r);
  std::string base = TempRepo::trim(r.git({"rev-parse", "HEAD"}).out);

  CommandResult plan = r.reorg({"plan", ".git/m.yaml", "--format", "json"});
  INFO(plan.out << plan.err);
  REQUIRE(plan.exit_code == 0);
  nlohmann::json doc = nlohmann::json::parse(plan.out);
  std::map<std::string, int> listed;
  std::set<std::string> flagged;
  for (const auto& b : doc["references"]["squash_breaks"]) {
    listed[b["path"].get<std::string>()] = b["similarity"].get<int>();
    if (b["similarity"].get<int>() < 50) flagged.insert(b["path"].get<std::string>());
    CHECK(b["old_path"].get<std::string>() != b["path"].get<std::string>());
  }
  // The heavily rewritten file and the retargeted symlink break; the long README does not.
  CHECK(flagged == std::set<std::string>{"documentation/links.md", "examples/fsdp/env.sh"});
  CHECK_FALSE(listed.count("documentation/guide.md"));
  // Each under 50% is a warning naming the file and its similarity.
  std::set<std::string> warned;
  for (const auto& d : doc["diagnostics"])
    if (d["message"].get<std::string>().find("not squash, or this file's history breaks") != std::string::npos)
      warned.insert(d["path"].get<std::string>());
  CHECK(warned == flagged);
  CommandResult text = r.reorg({"plan", ".git/m.yaml"});
  CHECK(text.out.find("Squash review: 2 moved and edited files less than 75% similar") != std::string::npos);
  CHECK(text.out.find("documentation/links.md (from 0.docs/links.md): breaks: deleted and added") != std::string::npos);

  CommandResult apply = r.reorg({"apply", ".git/m.yaml"});
  INFO(apply.out << apply.err);
  REQUIRE(apply.exit_code == 0);
  // Each commit on its own: every move an exact rename.
  for (const auto& [path, status] : name_status(r, base, "HEAD~1")) CHECK((status == 'R' || status == 'r'));
  // The two commits as one squash merge would commit them: git as the oracle.
  std::map<std::string, char> squashed = name_status(r, base, "HEAD");
  std::set<std::string> added;
  for (const auto& [path, status] : squashed) {
    INFO(path << " " << status);
    if (status == 'A') added.insert(path);
    if (flagged.count(path)) CHECK(status == 'A');
  }
  CHECK(added == flagged);
  for (const char* moved : {"documentation/guide.md", "documentation/plain.md", "examples/fsdp/a.py"})
    CHECK(squashed[moved] == 'R');
  CHECK(squashed["0.docs/links.md"] == 'D');
  CHECK(squashed["3.test_cases/pytorch/FSDP/env.sh"] == 'D');
  // A real squash of the two commits agrees.
  r.git({"reset", "-q", "--soft", "HEAD~2"});
  r.git({"commit", "-q", "-m", "squashed"});
  CHECK(name_status(r, base, "HEAD") == squashed);
}

// The whole migration on the bundled demo repository, judged by git and by the link checker: every
// moved file is an exact rename, no link breaks (broken after == broken before), and no Markdown link
// or absolute URL on a rewritten branch still points into an old path; the sibling it imports arrives
// with its history, reached by `git log -- NEW` without --follow.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <sstream>

#include "gitreorg/core/path.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/markdown/link_path.hpp"
#include "gitreorg/markdown/markdown_scan.hpp"
#include "support/temp_dir.hpp"
#include "support/temp_repo.hpp"

namespace {

using gitreorg::testing::CommandResult;
using gitreorg::testing::run_command;
namespace fs = std::filesystem;

using gitreorg::testing::lines;

}  // namespace

TEST_CASE("demo: the demo mapping migrates the demo repository without breaking a link") {
  gitreorg::testing::TempDir scratch("gitreorg-demo");
  const fs::path dir = scratch.path() / "repo", sibling = scratch.path() / "demo-inference";
  std::string mapping = std::string(GITREORG_SOURCE_DIR) + "/mappings/demo.yaml";
  auto env = gitreorg::testing::fixed_git_env();
  REQUIRE(run_command({GITREORG_DEMO_PATH, "--sibling", sibling.string()}).exit_code == 0);
  REQUIRE(run_command({GITREORG_DEMO_PATH, dir.string(), "--scale", "2"}).exit_code == 0);
  auto git = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "git");
    CommandResult r = run_command(args, dir, env);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
  };
  auto reorg = [&](std::vector<std::string> args) {
    args.insert(args.begin(), GITREORG_CLI_PATH);
    return run_command(args, dir, env);
  };

  CommandResult before = reorg({"links", "--format", "json"});
  auto jb = nlohmann::json::parse(before.out);
  CommandResult sibling_links = run_command({GITREORG_CLI_PATH, "links", "--format", "json"}, sibling, env);
  auto js = nlohmann::json::parse(sibling_links.out);
  std::string old_head = gitreorg::testing::TempRepo::trim(git({"rev-parse", "HEAD"}));
  std::set<std::string> old_files;
  for (auto& l : lines(git({"ls-files"}))) old_files.insert(l);

  CommandResult applied = reorg({"apply", mapping, "--tag-before", "pre-reorg"});
  INFO(applied.out << applied.err);
  REQUIRE(applied.exit_code == 0);

  // Commit 1: every moved file is an exact rename, nothing else.
  auto renames = lines(git({"diff", "-M", "--name-status", "HEAD~3", "HEAD~2"}));
  REQUIRE(renames.size() > 150);
  for (auto& l : renames) CHECK(l.rfind("R100\t", 0) == 0);
  // Commit 2: only modifications.
  for (auto& l : lines(git({"diff", "--name-status", "HEAD~2", "HEAD~1"}))) CHECK(l[0] == 'M');
  // Commit 3, the import: only the sibling's files added, where the mapping puts them.
  auto imported = lines(git({"diff", "--name-status", "HEAD^1", "HEAD"}));
  CHECK(imported.size() == 18);
  for (auto& l : imported) CHECK(l[0] == 'A');
  CHECK(std::find(imported.begin(), imported.end(), "A\texamples/inference/trtllm/README.md") != imported.end());
  // Its history, without --follow: the README was at trtllm-inference/ in the sibling's first commit.
  std::string first = gitreorg::testing::TempRepo::trim(
      run_command({"git", "rev-list", "--max-parents=0", "main"}, sibling, env).out);
  auto reached = lines(git({"log", "--format=%(trailers:key=Reorg-Original-Commit,valueonly)", "--",
                            "examples/inference/trtllm/README.md"}));
  REQUIRE_FALSE(reached.empty());
  CHECK(reached.back() == first);
  CHECK(lines(git({"log", "--format=%an %ad", "--date=short", "--", "examples/inference/trtllm/deploy.sh"})) ==
        std::vector<std::string>{"Ana Lima 2024-01-10"});
  CHECK(git({"blame", "--porcelain", "examples/inference/sglang/app.py"}).find("author Chen Wei\n") != std::string::npos);
  CHECK(git({"status", "--porcelain"}).empty());
  CHECK(run_command({"git", "fsck", "--strict"}, dir, env).exit_code == 0);

  // Broken links after == before (the two the generator plants on purpose).
  CommandResult after = reorg({"links", "--format", "json"});
  auto ja = nlohmann::json::parse(after.out);
  REQUIRE(jb["broken"].is_number());
  REQUIRE(jb["links"].get<int>() > 200);
  CHECK(jb["broken"] == 2);
  CHECK(js["broken"] == 0);
  CHECK(ja["broken"] == jb["broken"]);
  CHECK(ja["links"] == jb["links"].get<int>() + js["links"].get<int>());

  // No relative Markdown link resolves into a path that the migration removed.
  gitreorg::diag::Sink sink;
  auto m = gitreorg::mapping::load_mapping_file(mapping, sink);
  std::set<std::string> new_files;
  for (auto& l : lines(git({"ls-files"}))) new_files.insert(l);
  std::vector<std::string> gone;  // old files and directories that no longer exist
  for (const auto& f : old_files)
    if (!new_files.count(f)) gone.push_back(f);
  std::size_t checked = 0;
  for (const auto& f : new_files) {
    if (!gitreorg::markdown::is_markdown_path(f)) continue;
    std::string text = git({"show", "HEAD:" + f});
    for (const auto& link : gitreorg::markdown::scan_markdown(text).links) {
      std::string d = gitreorg::markdown::resolved_destination(link);
      if (d.find("://") != std::string::npos || d.rfind("mailto:", 0) == 0 || d.empty() || d[0] == '#') continue;
      d = d.substr(0, d.find_first_of("#?"));
      if (d.empty()) continue;
      auto resolved = gitreorg::markdown::resolve_path(gitreorg::core::parent_dir(f), d);
      if (!resolved) continue;  // leaves the repository
      std::string target = gitreorg::markdown::percent_decode(*resolved);
      ++checked;
      for (const auto& g : gone) {
        INFO(f << ": " << link.raw);
        CHECK_FALSE(gitreorg::core::is_path_prefix(target, g));
      }
    }
  }
  CHECK(checked > 200);

  // Workflows are edited in place: every line that names no moved path (comments, keys, quoting,
  // layout) is still there, in order; every edited line keeps its indentation and quote style.
  // The numbered top-level directories of the old layout: a line naming none of them names no old path.
  std::vector<std::string> froms = {"0.docs", "1.architectures", "2.ami_and_containers", "3.test_cases",
                                    "4.validation_and_observability"};
  std::size_t workflows = 0, edited_lines = 0;
  for (const auto& f : new_files) {
    if (f.rfind(".github/workflows/", 0) != 0 || !old_files.count(f)) continue;  // not the imported one
    ++workflows;
    std::vector<std::string> old_lines = gitreorg::testing::lines(git({"show", "pre-reorg:" + f}));
    std::vector<std::string> new_lines = gitreorg::testing::lines(git({"show", "HEAD:" + f}));
    std::size_t j = 0;
    for (const auto& line : old_lines) {
      bool names_old = std::any_of(froms.begin(), froms.end(), [&](const std::string& p) { return line.find(p) != std::string::npos; });
      if (names_old) {
        ++edited_lines;
        continue;
      }
      while (j < new_lines.size() && new_lines[j] != line) ++j;
      INFO(f << ": line lost or reordered: " << line);
      REQUIRE(j < new_lines.size());
      ++j;
    }
    for (const auto& line : new_lines)
      for (const auto& p : {std::string("- '3.test_cases"), std::string("- \"3.test_cases")}) CHECK(line.find(p) == std::string::npos);
  }
  CHECK(workflows >= 3);
  CHECK(edited_lines >= 5);

  // Absolute URLs on `main` follow the moves; pinned ones stay.
  std::string readme = git({"show", "HEAD:README.md"});
  CHECK(readme.find("blob/main/3.test_cases") == std::string::npos);
  CHECK(readme.find("tree/main/3.test_cases") == std::string::npos);
  CHECK(readme.find("blob/v1.0.0/3.test_cases/megatron/nemo/README.md") != std::string::npos);
  CHECK(gitreorg::testing::TempRepo::trim(git({"rev-parse", "pre-reorg^{commit}"})) == old_head);
}

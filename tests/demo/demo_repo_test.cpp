// Tests for the deterministic demo repository generator (make-demo-repo) and mappings/demo.yaml.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gitreorg/demo/demo_repo.hpp"
#include "gitreorg/git/repository.hpp"
#include "gitreorg/pipeline/plan_repository.hpp"
#include "support/temp_dir.hpp"
#include "support/temp_repo.hpp"

namespace fs = std::filesystem;

namespace {

using gitreorg::testing::CommandResult;
using gitreorg::testing::lines;
using gitreorg::testing::run_command;
using gitreorg::testing::TempDir;

std::string trim(std::string s) { return gitreorg::testing::TempRepo::trim(std::move(s)); }

// The HEAD commit of the demo repository, pinned: a change of the generator, of its fixture or of
// libgit2 that alters any object shows up here (as libgit2's own tests pin INITIAL_COMMIT).
constexpr const char* kHead = "c6e4168c58aa03b112864c316e52d10c896b67c3";          // make-demo-repo DIR
constexpr const char* kHeadScale2 = "d7f44a6365a002f2cc63dbcdc1b8b73b5baae3be";    // --scale 2 (.ci/demo, tests)
constexpr const char* kHeadFiles3000 = "36619ca3d4fe07f10dec78d6074131d776f189ca"; // --files 3000
constexpr const char* kHeadScale3Files5000 = "c17bad02700feb85ee1e9cc2e5dfefff0fabc8ab";                           // --scale 3 --files 5000 (bench shape)
constexpr const char* kSiblingHead = "f89919591e666f998201051766a27445fb6b231b";  // --sibling

std::string git(const fs::path& dir, std::vector<std::string> args) {
  args.insert(args.begin(), "git");
  const CommandResult r = run_command(args, dir, gitreorg::testing::fixed_git_env());
  INFO(args[1] << "\n" << r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

CommandResult make_demo(const fs::path& dir, std::vector<std::string> extra = {}) {
  extra.insert(extra.begin(), {GITREORG_DEMO_PATH, dir.string()});
  return run_command(extra);
}

void require_made(const fs::path& dir, std::vector<std::string> extra = {}) {
  const CommandResult r = make_demo(dir, std::move(extra));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.out.rfind("created " + dir.string() + ": ", 0) == 0);
}

// The demo repository in `root`/repo and, where mappings/demo.yaml imports it from, its sibling
// in `root`/demo-inference; returns the demo repository's directory.
fs::path require_demo_pair(const fs::path& root, std::vector<std::string> extra = {}) {
  const CommandResult r = run_command({GITREORG_DEMO_PATH, "--sibling", (root / "demo-inference").string()});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  require_made(root / "repo", std::move(extra));
  return root / "repo";
}

struct TreeEntry {
  std::string mode;
  std::string path;
};

std::vector<TreeEntry> ls_tree(const fs::path& dir) {
  std::vector<TreeEntry> out;
  for (const auto& line : lines(git(dir, {"ls-tree", "-r", "--full-tree", "HEAD"}))) {
    const auto tab = line.find('\t');
    REQUIRE(tab != std::string::npos);
    out.push_back({line.substr(0, line.find(' ')), line.substr(tab + 1)});
  }
  return out;
}

bool is_hex40(const std::string& s) {
  return s.size() == 40 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

TEST_CASE("make-demo-repo writes the same commits on every machine", "[demo]") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> pinned = {
      {{}, kHead}, {{"--scale", "2"}, kHeadScale2}, {{"--files", "3000"}, kHeadFiles3000},
      {{"--scale", "3", "--files", "5000"}, kHeadScale3Files5000}};
  for (const auto& [args, head] : pinned) {
    CAPTURE(args);
    TempDir t("gitreorg-demo-test");
    require_made(t.path(), args);
    CHECK(trim(git(t.path(), {"rev-parse", "HEAD"})) == head);
    CHECK(trim(git(t.path(), {"symbolic-ref", "HEAD"})) == "refs/heads/main");
  }
  TempDir t("gitreorg-demo-test");
  require_made(t.path(), {"--sibling"});
  CHECK(trim(git(t.path(), {"rev-parse", "HEAD"})) == kSiblingHead);
}

TEST_CASE("make-demo-repo --sibling writes a repository shaped like awsome-inference, with a rename and a merge",
          "[demo]") {
  TempDir t("gitreorg-demo-test");
  const fs::path& dir = t.path();
  require_made(dir, {"--sibling"});
  CHECK(git(dir, {"status", "--porcelain", "--untracked-files=all"}).empty());
  CHECK(run_command({"git", "fsck", "--full", "--strict", "--no-progress"}, dir).exit_code == 0);
  CHECK(trim(git(dir, {"ls-tree", "--name-only", "HEAD"})) ==
        ".github\n1.infrastructure\n2.projects\n3.use-cases\nCONTRIBUTING.md\nLICENSE\nREADME.md");
  CHECK(trim(git(dir, {"ls-tree", "--name-only", "HEAD:2.projects"})) ==
        "README.md\nnims-inference\nsglang-inference\ntrtllm-inference");
  // Several authors, each committing their own work.
  std::set<std::string> authors;
  for (const auto& l : lines(git(dir, {"log", "--format=%an <%ae>|%cn <%ce>"}))) {
    CHECK(l.substr(0, l.find('|')) == l.substr(l.find('|') + 1));
    authors.insert(l.substr(0, l.find('|')));
  }
  CHECK(authors.size() == 4);
  // An exact directory rename: the engine started at the root.
  const std::string renames = git(dir, {"log", "--format=", "-M", "--diff-filter=R", "--name-status"});
  CHECK(renames.find("R100\ttrtllm-inference/README.md\t2.projects/trtllm-inference/README.md") != std::string::npos);
  CHECK(lines(git(dir, {"log", "--format=%h", "--follow", "--", "2.projects/trtllm-inference/deploy.sh"})).size() == 2);
  // A branch merged with a merge commit, and kept.
  const auto merges = lines(git(dir, {"log", "--merges", "--format=%P %s"}));
  REQUIRE(merges.size() == 1);
  CHECK(merges[0].size() == 2 * 40 + 1 + std::string(" Merge branch 'add-sglang-inference'").size());
  CHECK(trim(git(dir, {"merge-base", "--is-ancestor", "add-sglang-inference", "main"})).empty());
  CHECK(trim(git(dir, {"rev-list", "--count", "main"})) == "8");
  // The references the import has to deal with.
  const std::string trtllm = git(dir, {"show", "HEAD:2.projects/trtllm-inference/README.md"});
  for (const char* s : {"git clone https://github.com/aws-samples/awsome-inference.git && cd awsome-inference/2.projects/trtllm-inference",
                        "https://github.com/aws-samples/awsome-inference/blob/main/2.projects/trtllm-inference/deploy.sh",
                        "https://github.com/aws-samples/awsome-inference/tree/capacity-block-eks/1.infrastructure",
                        "https://github.com/aws-samples/awsome-inference/blob/v0.1.0/", "](../../1.infrastructure/"})
    CHECK(trtllm.find(s) != std::string::npos);
  CHECK(git(dir, {"show", "HEAD:.github/workflows/sglang-tests.yml"}).find("'2.projects/sglang-inference/**'") !=
        std::string::npos);
}

TEST_CASE("git reorg apply works in the demo repository on a machine with no git identity", "[demo]") {
  TempDir t("gitreorg-demo-test"), home("gitreorg-demo-home");
  const fs::path dir = require_demo_pair(t.path(), {"--scale", "2"});
  fs::create_directories(home.path());
  // No identity anywhere but the demo repository's own .git/config.
  const std::map<std::string, std::string> bare_machine = {{"HOME", home.path().string()},
                                                           {"XDG_CONFIG_HOME", home.path().string()},
                                                           {"GIT_CONFIG_GLOBAL", "/dev/null"},
                                                           {"GIT_CONFIG_NOSYSTEM", "1"}};
  const std::vector<std::string> unset = {"GIT_AUTHOR_NAME",    "GIT_AUTHOR_EMAIL",    "GIT_AUTHOR_DATE",
                                          "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_COMMITTER_DATE",
                                          "EMAIL"};
  const CommandResult apply = run_command(
      {GITREORG_CLI_PATH, "apply", std::string(GITREORG_SOURCE_DIR) + "/mappings/demo.yaml"}, dir, bare_machine, unset);
  INFO(apply.out << apply.err);
  CHECK(apply.exit_code == 0);
  // Move files, Update references, Import awsome-inference; and the imported side's Update references.
  const CommandResult log =
      run_command({"git", "log", "-3", "--first-parent", "--format=%an <%ae>|%cn <%ce>"}, dir, bare_machine, unset);
  CHECK(lines(log.out) == std::vector<std::string>(3, "git-reorg demo <demo@example.invalid>|git-reorg demo <demo@example.invalid>"));
  const CommandResult side = run_command({"git", "log", "-2", "--format=%an <%ae>", "HEAD^2"}, dir, bare_machine, unset);
  CHECK(lines(side.out) == std::vector<std::string>{"git-reorg demo <demo@example.invalid>", "Dana Cruz <dana@example.com>"});
}

TEST_CASE("the demo repository is well formed and has the expected shape", "[demo]") {
  TempDir t("gitreorg-demo-test");
  const fs::path& dir = t.path();
  const CommandResult made = make_demo(dir);
  INFO(made.err);
  REQUIRE(made.exit_code == 0);

  SECTION("fsck is clean and the work tree matches HEAD") {
    const CommandResult fsck = run_command({"git", "fsck", "--full", "--strict", "--no-progress"}, dir);
    const std::string output = fsck.out + fsck.err;
    INFO(output);
    CHECK(fsck.exit_code == 0);
    CHECK(output.find("error") == std::string::npos);
    CHECK(output.find("warning") == std::string::npos);
    CHECK(output.find("dangling") == std::string::npos);
    CHECK(git(dir, {"status", "--porcelain"}).empty());
  }

  SECTION("several commits with fixed authors and dates") {
    const int count = std::stoi(git(dir, {"rev-list", "--count", "HEAD"}));
    CHECK(count >= 5);
    CHECK(count <= 8);
    CHECK(made.out.find(", " + std::to_string(count) + " commits") != std::string::npos);
    const auto dates = lines(git(dir, {"log", "--reverse", "--date=short", "--format=%an|%ae|%ad"}));
    REQUIRE_FALSE(dates.empty());
    CHECK(dates.front() == "Demo Author|demo@example.com|2024-01-01");
    // README.md was edited after the first commit: blame shows lines from several commits.
    std::set<std::string> blamed;
    for (const auto& line : lines(git(dir, {"blame", "--porcelain", "README.md"})))
      if (is_hex40(line.substr(0, 40)) && line.size() > 40 && line[40] == ' ') blamed.insert(line.substr(0, 40));
    CHECK(blamed.size() >= 2);
  }

  SECTION("symlink, executable script and binary file") {
    const auto entries = ls_tree(dir);
    CHECK(made.out.find(": " + std::to_string(entries.size()) + " files") != std::string::npos);
    std::map<std::string, std::string> mode_of;
    for (const auto& e : entries) mode_of[e.path] = e.mode;

    CHECK(mode_of["3.test_cases/pytorch/FSDP/slurm/common.sh"] == "120000");
    CHECK(trim(git(dir, {"cat-file", "-p", "HEAD:3.test_cases/pytorch/FSDP/slurm/common.sh"})) ==
        "../../../../1.architectures/0.common/common.sh");
    CHECK(fs::is_symlink(dir / "3.test_cases/pytorch/FSDP/slurm/common.sh"));
    CHECK(fs::is_regular_file(dir / "3.test_cases/pytorch/FSDP/slurm/common.sh"));  // target resolves

    CHECK(mode_of["1.architectures/0.common/common.sh"] == "100755");
    std::size_t executables = 0;
    for (const auto& e : entries) executables += e.mode == "100755" ? 1 : 0;
    CHECK(executables >= 3);

    const std::string png = "0.docs/images/architecture-overview.png";
    REQUIRE(mode_of.count(png) == 1);
    std::ifstream in(dir / png, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(bytes.rfind("\x89PNG\r\n\x1a\n", 0) == 0);
    CHECK(bytes.find('\0') != std::string::npos);
    // git itself classifies the file as binary.
    const std::string numstat =
      git(dir, {"diff", "--numstat", "4b825dc642cb6eb9a060e54bf8d69288fbee4904", "HEAD", "--", png});
    CHECK(numstat.rfind("-\t-\t", 0) == 0);
  }

  SECTION("the reference-architecture layout is present") {
    for (const char* p : {"README.md", "LICENSE", "CONTRIBUTING.md", ".gitignore", ".github/CODEOWNERS",
                "1.architectures/5.sagemaker-hyperpod/README.md",
                "1.architectures/7.sagemaker-hyperpod-eks/README.md",
                "2.ami_and_containers/README.md", "3.test_cases/pytorch/FSDP/Dockerfile",
                "3.test_cases/pytorch/FSDP/Makefile", "3.test_cases/pytorch/FSDP/requirements.txt",
                "3.test_cases/megatron/megatron-lm/README.md", "3.test_cases/jax/paxml/README.md",
                "4.validation_and_observability/0.nccl-tests/README.md",
                "micro-benchmarks/nvshmem/README.md", ".github/workflows/fsdp-regression.yml"})
      CHECK(fs::exists(dir / p));
    const std::string readme = git(dir, {"show", "HEAD:README.md"});
    CHECK(readme.find("https://github.com/aws-samples/awsome-distributed-training/blob/main/3.test_cases/") !=
        std::string::npos);
    CHECK(readme.find("[fsdp]: 3.test_cases/pytorch/FSDP/README.md \"FSDP\"") != std::string::npos);
  }
}

TEST_CASE("make-demo-repo --files pads the tree", "[demo]") {
  TempDir t("gitreorg-demo-test");
  require_made(t.path(), {"--files", "3000"});
  const auto entries = ls_tree(t.path());
  CHECK(entries.size() >= 3000);
  CHECK(entries.size() <= 3100);
  CHECK(git(t.path(), {"status", "--porcelain"}).empty());
}

TEST_CASE("make-demo-repo rejects bad usage", "[demo]") {
  TempDir t("gitreorg-demo-test");
  CHECK(run_command({GITREORG_DEMO_PATH}).exit_code == 2);
  CHECK(make_demo(t.path(), {"--scale", "0"}).exit_code == 2);
  CHECK(make_demo(t.path(), {"--scale"}).exit_code == 2);
  CHECK(make_demo(t.path(), {"--files", "many"}).exit_code == 2);
  CHECK(make_demo(t.path(), {"--bogus"}).exit_code == 2);
  CHECK(make_demo(t.path(), {"--sibling", "--scale", "2"}).exit_code == 2);
  CHECK_FALSE(fs::exists(t.path()));

  fs::create_directories(t.path());
  std::ofstream(t.path() / "keep.txt") << "do not overwrite\n";
  CHECK(make_demo(t.path()).exit_code != 0);
  CHECK_FALSE(fs::exists(t.path() / ".git"));
}

TEST_CASE("generate_demo_repo reports what it wrote", "[demo]") {
  TempDir t("gitreorg-demo-test");
  const auto result = gitreorg::demo::generate_demo_repo({t.path(), 2, 0});
  CHECK(result.commits == static_cast<std::size_t>(std::stoi(git(t.path(), {"rev-list", "--count", "HEAD"}))));
  CHECK(result.files == ls_tree(t.path()).size());
  CHECK(fs::exists(t.path() / "3.test_cases/jax/model-002/README.md"));
  CHECK_THROWS(gitreorg::demo::generate_demo_repo({t.path(), 1, 0}));  // not empty any more
}

// mappings/demo.yaml planned on the demo repository by the library itself: no problem of any
// severity (a rule that moves nothing, a missing source, a collision, a policy breach would each be
// one), every rule moves files, and every directory a rule moves keeps its README.
TEST_CASE("mappings/demo.yaml fits the demo repository", "[demo]") {
  for (const int scale : {1, 3}) {
    CAPTURE(scale);
    TempDir t("gitreorg-demo-test");
    const fs::path dir = require_demo_pair(t.path(), {"--scale", std::to_string(scale)});
    gitreorg::git::Repository repo = gitreorg::git::Repository::discover(dir);
    gitreorg::diag::Sink sink;
    gitreorg::plan::RepositoryPlan rp =
        gitreorg::pipeline::plan_repository(repo, std::string(GITREORG_SOURCE_DIR) + "/mappings/demo.yaml", {}, sink);
    for (const gitreorg::diag::Diagnostic& d : sink.all()) {
      // A scale-1 demo has no synthetic model-NNN cases for the pattern rule that moves them.
      if (scale == 1 && d.message.find("(model-\\d+)` matches no directory") != std::string::npos) continue;
      FAIL_CHECK(d.path << ":" << d.pos.line << ": " << d.message);
    }
    REQUIRE(rp.plan.moved_files > 0);
    for (const gitreorg::plan::RuleSummary& r : rp.plan.rules) {
      const gitreorg::mapping::Rule& rule = rp.mapping.rules[r.rule];
      INFO("rule at line " << rule.pos.line << ": " << rule.from);
      if (scale > 1 || rule.from.find("model-") == std::string::npos) CHECK(r.files > 0);
    }
    const gitreorg::plan::MoveModel& moves = rp.move_model();
    std::set<std::string> new_paths;
    for (const gitreorg::plan::PlannedFile& f : rp.plan.files) new_paths.insert(f.new_path);
    std::size_t directory_moves = 0;
    for (const gitreorg::plan::ConcreteMove& m : rp.plan.moves) {
      if (moves.kind(m.from) != gitreorg::core::PathKind::directory) continue;
      ++directory_moves;
      INFO(m.from << " -> " << m.to);
      CHECK(moves.kind(m.from + "/README.md") == gitreorg::core::PathKind::file);
      CHECK(new_paths.count(m.to + "/README.md") == 1);
    }
    CHECK(directory_moves > 10);
    // The sibling: every rule takes files, none is left over, nothing lands on the host's files.
    REQUIRE(rp.imports.size() == 1);
    const gitreorg::plan::ImportPlan& ip = rp.imports[0];
    CHECK(ip.merged_by.empty());
    CHECK(ip.plan.files.size() == 18);
    CHECK(ip.dropped == std::vector<std::string>{"CONTRIBUTING.md", "LICENSE"});
    CHECK(ip.commits == 8);
    for (const gitreorg::plan::RuleSummary& r : ip.plan.rules) CHECK(r.files > 0);
    for (const gitreorg::plan::PlannedFile& f : ip.plan.files) CHECK(new_paths.count(f.new_path) == 0);
  }
}

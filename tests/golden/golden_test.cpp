// Golden tests: the whole CLI output (stdout, stderr, exit status) of every command on fixed
// repositories, and the commits `apply` writes, compared byte for byte with files under
// tests/golden/<scenario>/. They pin behaviour across refactorings: a change that alters any output
// shows up here as a diff. After an intended change, regenerate with GITREORG_UPDATE_GOLDEN=1 and
// review the diff of tests/golden/ like any other change.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <exception>
#include <fstream>
#include <sstream>

#include "support/temp_repo.hpp"

namespace {

namespace fs = std::filesystem;
using gitreorg::testing::CommandResult;
using gitreorg::testing::run_command;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// One command's whole observable result, as stored in a golden file.
std::string transcript(const CommandResult& r) {
  return "exit: " + std::to_string(r.exit_code) + "\n--- stdout\n" + r.out + "--- stderr\n" + r.err;
}

// Compares `actual` with tests/golden/<scenario>/<name>, or rewrites the file when asked to.
void expect_golden(const std::string& scenario, const std::string& name, const std::string& actual) {
  fs::path file = fs::path(GITREORG_SOURCE_DIR) / "tests" / "golden" / scenario / name;
  const char* update = std::getenv("GITREORG_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary | std::ios::trunc) << actual;
    return;
  }
  INFO("golden file " << file << " (regenerate with GITREORG_UPDATE_GOLDEN=1 after an intended change)");
  REQUIRE(fs::exists(file));
  std::string expected = read_file(file);
  if (expected == actual) {
    SUCCEED();
    return;
  }
  // Name the first differing line so the failure says where, not just that.
  std::istringstream e(expected), a(actual);
  std::string el, al;
  int line = 1;
  while (true) {
    bool he = static_cast<bool>(std::getline(e, el)), ha = static_cast<bool>(std::getline(a, al));
    if (!he && !ha) break;
    if (!he || !ha || el != al) {
      INFO(name << ":" << line << ": expected: " << (he ? el : "<end>") << "\n" << name << ":" << line
                << ":   actual: " << (ha ? al : "<end>"));
      CHECK(expected == actual);
      return;
    }
    ++line;
  }
  CHECK(expected == actual);
}

// A scratch directory holding a repository `repo/` and its mappings beside it, so that every path
// the commands print is relative and the same on every machine.
struct Scenario {
  explicit Scenario(std::string name) : name_(std::move(name)) {
    root_ = fs::temp_directory_path() / ("gitreorg-golden-" + name_ + "-" + std::to_string(getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  ~Scenario() {
    std::error_code ec;
    // Kept for inspection when any assertion of the test failed, like TempRepo.
    if (gitreorg::testing::current_test_failed() || std::uncaught_exceptions() > 0) {
      std::fprintf(stderr, "kept golden scenario: %s\n", root_.c_str());
      return;
    }
    fs::remove_all(root_, ec);
  }
  fs::path repo() const { return root_ / "repo"; }
  void put(const std::string& name, const std::string& text) const {
    std::ofstream(root_ / name, std::ios::binary | std::ios::trunc) << text;
  }
  CommandResult reorg(std::vector<std::string> args, int tick = 0) const {
    args.insert(args.begin(), GITREORG_CLI_PATH);
    return run_command(args, repo(), gitreorg::testing::fixed_git_env(tick));
  }
  std::string git(std::vector<std::string> args) const {
    args.insert(args.begin(), "git");
    CommandResult r = run_command(args, repo(), gitreorg::testing::fixed_git_env());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
  }
  // Runs git-reorg and compares its transcript with the golden file `file`.
  void golden(const std::string& file, std::vector<std::string> args, int tick = 0) const {
    expect_golden(name_, file, transcript(reorg(std::move(args), tick)));
  }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  fs::path root_;
};

}  // namespace

TEST_CASE("golden: every command on the demo repository, byte for byte", "[golden]") {
  Scenario s("demo");
  REQUIRE(run_command({GITREORG_DEMO_PATH, s.repo().string(), "--scale", "2"}).exit_code == 0);
  // The sibling mappings/demo.yaml imports, where it looks for it (../demo-inference).
  REQUIRE(run_command({GITREORG_DEMO_PATH, "--sibling", (s.repo().parent_path() / "demo-inference").string()}).exit_code == 0);
  s.put("demo.yaml", read_file(fs::path(GITREORG_SOURCE_DIR) / "mappings" / "demo.yaml"));
  s.put("bad.yaml",
        "version: 1\n"
        "moves:\n"
        "  - from: 0.docs\n"
        "    to: docs\n"
        "  - form: 3.test_cases/jax\n"
        "    to: examples/jax\n"
        "  - from: 3.test_cases/pytorch/FSPD\n"
        "    to: examples/fsdp\n"
        "  - match: '1\\.architectures/(\\d+'\n"
        "    to: 'architectures/\\1'\n"
        "  - from: 2.ami_and_containers\n"
        "    to: docs\n");
  expect_golden("demo", "head.txt", s.git({"log", "--format=%H %T %s"}));

  s.golden("check.txt", {"check", "../demo.yaml"});
  s.golden("check-json.txt", {"check", "../demo.yaml", "--format", "json"});
  s.golden("check-github.txt", {"check", "../demo.yaml", "--format", "github"});
  s.golden("check-strict.txt", {"check", "../demo.yaml", "--strict"});
  s.golden("check-bad.txt", {"check", "../bad.yaml"});
  s.golden("check-bad-json.txt", {"check", "../bad.yaml", "--format", "json"});
  s.golden("check-bad-github.txt", {"check", "../bad.yaml", "--format", "github"});
  s.golden("where.txt", {"where", "../demo.yaml", "3.test_cases/pytorch/FSDP",
                         "3.test_cases/pytorch/FSDP/slurm/new-job.sbatch", "no/such/path"});
  s.golden("where-reverse.txt", {"where", "--reverse", "../demo.yaml", "architectures/sagemaker-hyperpod"});
  s.golden("where-import.txt", {"where", "../demo.yaml", "awsome-inference:2.projects/sglang-inference",
                                "awsome-inference:README.md", "awsome-inference:LICENSE"});
  s.golden("plan.txt", {"plan", "../demo.yaml"});
  s.golden("plan-files.txt", {"plan", "../demo.yaml", "--files"});
  s.golden("plan-json.txt", {"plan", "../demo.yaml", "--format", "json"});
  s.golden("plan-markdown.txt", {"plan", "../demo.yaml", "--format", "markdown"});
  s.golden("plan-bad.txt", {"plan", "../bad.yaml"});
  s.golden("links-before.txt", {"links"});
  s.golden("links-before-json.txt", {"links", "--format", "json"});
  s.golden("links-before-github.txt", {"links", "--format", "github"});

  s.golden("apply.txt", {"apply", "../demo.yaml", "--tag-before", "pre-reorg"}, 1);
  // The commits themselves: ids pin trees, messages, authors and dates.
  expect_golden("demo", "commits.txt",
                s.git({"log", "-3", "--first-parent", "--format=%H %T%n%an <%ae> %ad%n%cn <%ce> %cd%n%B--"}));
  expect_golden("demo", "renames.txt", s.git({"diff", "-M", "--name-status", "HEAD~3", "HEAD~2"}));
  expect_golden("demo", "edits.txt", s.git({"diff", "--stat=200", "HEAD~2", "HEAD~1"}));
  // The import: the sibling's history rewritten (authors, dates, trailers), its files, its reference edits.
  expect_golden("demo", "import-commits.txt",
                s.git({"log", "--topo-order", "--format=%H %T %P%n%an <%ae> %ad%n%cn <%ce> %cd%n%B--", "HEAD^1..HEAD"}));
  expect_golden("demo", "import-files.txt", s.git({"diff", "--name-status", "HEAD^1", "HEAD"}));
  expect_golden("demo", "import-edits.diff", s.git({"diff", "HEAD^2^", "HEAD^2"}));
  s.golden("links-after.txt", {"links"});
  s.golden("apply-again.txt", {"apply", "../demo.yaml", "--allow-missing"}, 2);
  s.golden("where-after.txt", {"where", "--reverse", "../demo.yaml", "examples/training/pytorch/fsdp"});
}

// A small repository with one file of every kind the rewriters know, so each kind's output is
// pinned too (the demo does not hold them all: .gitmodules, dependabot, ignore and attribute files,
// notebooks, Makefiles, Dockerfiles, local actions, LFS pointers).
TEST_CASE("golden: a repository with every kind of reference, byte for byte", "[golden]") {
  Scenario s("kinds");
  fs::create_directories(s.repo());
  s.git({"init", "-q", "-b", "main"});
  auto put = [&](const std::string& path, const std::string& text) {
    fs::path p = s.repo() / path;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
  };
  put("README.md",
      "# Kinds\n\n"
      "See [the guide](1.docs/guide.md#setup), [jobs](2.jobs/train/) and ![plot](2.jobs/train/plot.png).\n"
      "<a href=\"2.jobs/train/README.md\">train</a> <img src=\"2.jobs/train/plot.png\">\n"
      "[ref]: 2.jobs/train/run.sh\n\n"
      "Online: https://github.com/acme/kinds/blob/main/2.jobs/train/run.sh and\n"
      "https://raw.githubusercontent.com/acme/kinds/main/1.docs/guide.md, pinned\n"
      "https://github.com/acme/kinds/tree/v1.0/2.jobs/train.\n\n"
      "```sh\ncd 2.jobs/train && bash run.sh\n```\n\nRun `bash 2.jobs/train/run.sh` or [gone](missing.md).\n");
  put("1.docs/guide.md", "# Guide\n\n## Setup\n\nBack to [the top](../README.md) and [train](../2.jobs/train/README.md#train).\n");
  put("2.jobs/train/README.md", "# Train\n\nUse [run.sh](run.sh) and [the guide](../../1.docs/guide.md).\n");
  put("2.jobs/train/run.sh", "#!/bin/bash\nset -e\nsource ../../3.common/env.sh\npython 2.jobs/train/train.py --config 2.jobs/train/conf.yaml\n");
  put("2.jobs/train/train.py", "CONF = '2.jobs/train/conf.yaml'\nCOMMON = \"3.common/env.sh\"\n");
  put("2.jobs/train/conf.yaml", "data: 2.jobs/train/data\n");
  put("2.jobs/train/plot.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR 2.jobs/train", 29));
  put("2.jobs/train/weights.bin",
      "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n");
  put("2.jobs/train/Makefile", "run:\n\tbash 2.jobs/train/run.sh\n");
  put("2.jobs/train/Dockerfile", "FROM debian:12\nCOPY 2.jobs/train/ /opt/train/\nCOPY 3.common/env.sh /opt/\n");
  put("2.jobs/train/notebook.ipynb",
      "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"!bash 2.jobs\\/train\\/run.sh\\n\", \"open('3.common/env.sh')\"]}],"
      " \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n");
  put("2.jobs/serve/README.md", "# Serve\n\nSee [train](../train/) and [env](../../3.common/env.sh).\n");
  put("2.jobs/serve/serve.sh", "#!/bin/sh\nls 2.jobs/*/README.md\ncd \"${ROOT}/2.jobs/serve\"\n");
  put("3.common/env.sh", "export JOBS=2.jobs\n");
  put(".gitignore", "/2.jobs/train/data/\n2.jobs/**/*.log\n*.tmp\n");
  put("2.jobs/.gitignore", "train/out/\n");
  put(".gitattributes", "2.jobs/train/*.bin filter=lfs diff=lfs merge=lfs -text\n*.sh text eol=lf\n");
  put(".github/CODEOWNERS", "* @acme/all\n/2.jobs/ @acme/jobs\n/2.jobs/train/ @acme/train\n3.common/*.sh @acme/infra\n");
  put(".github/dependabot.yml",
      "version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /2.jobs/train\n    schedule: {interval: weekly}\n"
      "  - package-ecosystem: docker\n    directories: [\"/2.jobs/train\", \"/2.jobs/serve\"]\n    schedule: {interval: weekly}\n");
  put(".github/workflows/ci.yml",
      "name: ci\non:\n  push:\n    paths:\n      - '2.jobs/train/**'\n      - \"3.common/**\"\n      - '!2.jobs/**/*.md'\n"
      "  pull_request:\n    paths-ignore: [1.docs/**]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
      "    defaults:\n      run:\n        working-directory: 2.jobs/train\n    steps:\n      - uses: actions/checkout@v4\n"
      "      - uses: ./.github/actions/setup\n      - uses: actions/cache@v4\n        with:\n"
      "          key: ${{ hashFiles('2.jobs/train/conf.yaml', '3.common/**') }}\n"
      "      - run: bash run.sh && bash ../../3.common/env.sh\n"
      "      - run: |\n          cd 2.jobs/serve\n          ./serve.sh\n        working-directory: .\n");
  put(".github/actions/setup/action.yml",
      "name: setup\nruns:\n  using: composite\n  steps:\n    - run: source 3.common/env.sh\n      shell: bash\n");
  put("Makefile", "all:\n\t$(MAKE) -C 2.jobs/train run\n");
  put(".gitmodules", "[submodule \"lib\"]\n\tpath = 2.jobs/vendor/lib\n\turl = https://example.com/lib.git\n");
  fs::create_directories(s.repo() / "2.jobs/serve");
  fs::create_symlink("../train/run.sh", s.repo() / "2.jobs/serve/run.sh");
  fs::create_symlink("../3.common", s.repo() / "2.jobs/common");
  s.git({"add", "-A"});
  // A submodule's gitlink, staged by hand (no submodule is cloned).
  s.git({"update-index", "--add", "--cacheinfo", "160000,1111111111111111111111111111111111111111,2.jobs/vendor/lib"});
  s.git({"commit", "-q", "-m", "every kind"});
  fs::create_directories(s.repo() / "2.jobs/vendor/lib");  // as a clone leaves an uninitialised submodule
  s.put("kinds.yaml",
        "version: 1\n"
        "repository:\n"
        "  urls: [https://github.com/acme/kinds]\n"
        "  branches: [main]\n"
        "moves:\n"
        "  - from: 1.docs\n"
        "    to: docs\n"
        "  - from: 2.jobs/train\n"
        "    to: jobs/training\n"
        "  - from: 2.jobs/serve\n"
        "    to: serving\n"
        "  - from: 2.jobs/vendor/lib\n"
        "    to: vendor/lib\n"
        "  - from: 2.jobs/common\n"
        "    to: jobs/common\n"
        "  - from: 2.jobs/.gitignore\n"
        "    to: jobs/.gitignore\n"
        "  - from: 3.common\n"
        "    to: common\n");
  expect_golden("kinds", "head.txt", s.git({"log", "--format=%H %T %s"}));
  s.golden("check.txt", {"check", "../kinds.yaml"});
  s.golden("plan-files.txt", {"plan", "../kinds.yaml", "--files"});
  s.golden("plan-json.txt", {"plan", "../kinds.yaml", "--format", "json"});
  s.golden("plan-markdown.txt", {"plan", "../kinds.yaml", "--format", "markdown"});
  s.golden("links-before.txt", {"links"});
  s.golden("apply.txt", {"apply", "../kinds.yaml"}, 1);
  expect_golden("kinds", "commits.txt", s.git({"log", "-3", "--format=%H %T%n%B--"}));
  expect_golden("kinds", "renames.txt", s.git({"diff", "-M", "--name-status", "HEAD~2", "HEAD~1"}));
  expect_golden("kinds", "edits.diff", s.git({"diff", "HEAD~1", "HEAD"}));
  s.golden("links-after.txt", {"links"});
}

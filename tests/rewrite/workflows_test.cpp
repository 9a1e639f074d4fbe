// Workflows, CODEOWNERS and ignore files through the whole rewrite stage (in-memory repositories):
// only the edited scalars change, lists grow in place, owners stay the same for every file.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <algorithm>

#include "gitreorg/rewrite/pattern_files.hpp"
#include "gitreorg/rewrite/workflows.hpp"
#include "rewrite/rewrite_fixture.hpp"

using namespace gitreorg;
using gitreorg::testing::Files;
using gitreorg::testing::Reorg;

namespace {

const char* kMapping = R"(version: 1
moves:
  - from: 3.test_cases/pytorch/FSDP
    to: examples/training/fsdp
  - from: 3.test_cases/megatron/megatron-lm
    to: examples/training/megatron-lm
  - from: 1.architectures/0.common
    to: architectures/common
)";

Files tree() {
  Files f;
  f.content["3.test_cases/pytorch/FSDP/train.py"] = "print(1)\n";
  f.content["3.test_cases/pytorch/FSDP/README.md"] = "# FSDP\n";
  f.content["3.test_cases/pytorch/FSDP/slurm/run.sbatch"] = "#!/bin/bash\npython ../train.py\n";
  f.content["3.test_cases/megatron/megatron-lm/Dockerfile"] = "FROM x\n";
  f.content["3.test_cases/megatron/megatron-lm/README.md"] = "# Megatron\n";
  f.content["1.architectures/0.common/common.sh"] = "echo common\n";
  f.content["examples/training/old/x.py"] = "print(2)\n";
  f.content["README.md"] = "# Repo\n";
  return f;
}

}  // namespace

TEST_CASE("rewrite: a workflow is edited in place and byte-identical elsewhere", "[rewrite][workflow]") {
  Files f = tree();
  f.content[".github/workflows/ci.yml"] =
      "name: CI  # comment\r\n"
      "on:\r\n"
      "  push:\r\n"
      "    paths:\r\n"
      "      - '3.test_cases/**'   # everything\r\n"
      "      - \"1.architectures/0.common/**\"\r\n"
      "      - '!**/*.md'\r\n"
      "  pull_request:\r\n"
      "    paths: [3.test_cases/pytorch/FSDP/**, 'README.md']\r\n"
      "jobs:\r\n"
      "  build:\r\n"
      "    runs-on: ubuntu-latest\r\n"
      "    defaults:\r\n"
      "      run:\r\n"
      "        working-directory: 3.test_cases/pytorch/FSDP\r\n"
      "    steps:\r\n"
      "      - uses: actions/checkout@v4\r\n"
      "      - run: python train.py && sbatch slurm/run.sbatch\r\n"
      "      - name: common\r\n"
      "        working-directory: ./1.architectures/0.common\r\n"
      "        run: |\r\n"
      "          bash common.sh\r\n"
      "          cd ../../3.test_cases/megatron/megatron-lm && docker build .\r\n"
      "      - uses: actions/cache@v4\r\n"
      "        with:\r\n"
      "          key: deps-${{ hashFiles('3.test_cases/pytorch/FSDP/**/*.py') }}\r\n";
  Reorg r(f, kMapping);
  CHECK(r.content(f, ".github/workflows/ci.yml") ==
        "name: CI  # comment\r\n"
        "on:\r\n"
        "  push:\r\n"
        "    paths:\r\n"
        "      - 'examples/training/megatron-lm/**'   # everything\r\n"
        "      - 'examples/training/fsdp/**'\r\n"
        "      - \"architectures/common/**\"\r\n"
        "      - '!**/*.md'\r\n"
        "  pull_request:\r\n"
        "    paths: [examples/training/fsdp/**, 'README.md']\r\n"
        "jobs:\r\n"
        "  build:\r\n"
        "    runs-on: ubuntu-latest\r\n"
        "    defaults:\r\n"
        "      run:\r\n"
        "        working-directory: examples/training/fsdp\r\n"
        "    steps:\r\n"
        "      - uses: actions/checkout@v4\r\n"
        "      - run: python train.py && sbatch slurm/run.sbatch\r\n"
        "      - name: common\r\n"
        "        working-directory: ./architectures/common\r\n"
        "        run: |\r\n"
        "          bash common.sh\r\n"
        "          cd ../../examples/training/megatron-lm && docker build .\r\n"
        "      - uses: actions/cache@v4\r\n"
        "        with:\r\n"
        "          key: deps-${{ hashFiles('examples/training/fsdp/**/*.py') }}\r\n");
  CHECK(r.result.counts.at("workflow-filter") == 4);  // three entries, one of them growing into two
  CHECK(r.result.counts.at("workflow-path") == 2);
  CHECK(r.result.counts.at("hash-files") == 1);
  CHECK(r.result.counts.at("path-mention") == 1);
  CHECK(r.result.counts.count("filter-changed") == 0);
  CHECK(r.result.path_filter_workflows == std::vector<std::string>{".github/workflows/ci.yml"});
  CHECK(r.sink.count(diag::Severity::warning) == 0);
}

TEST_CASE("rewrite: a filter entry grows into a list in block and flow sequences", "[rewrite][workflow]") {
  Files f = tree();
  f.content["examples/training/old/README.md"] = "# Old\n";  // so `examples/training/**/README.md` is too wide
  f.content[".github/workflows/a.yaml"] =
      "on:\n"
      "  push:\n"
      "    paths:\n"
      "    - \"3.test_cases/**\"\n"
      "    - README.md\n"
      "  pull_request:\n"
      "    paths-ignore: [ '3.test_cases/**/README.md' , \"x/**\" ]\n"
      "  workflow_dispatch:\n"
      "    paths:\n"
      "      - 3.test_cases/*/*/Dockerfile";  // no final newline
  Reorg r(f, kMapping);
  CHECK(r.content(f, ".github/workflows/a.yaml") ==
        "on:\n"
        "  push:\n"
        "    paths:\n"
        "    - \"examples/training/megatron-lm/**\"\n"
        "    - \"examples/training/fsdp/**\"\n"
        "    - README.md\n"
        "  pull_request:\n"
        "    paths-ignore: [ 'examples/training/megatron-lm/**/README.md', 'examples/training/fsdp/**/README.md' , \"x/**\" ]\n"
        "  workflow_dispatch:\n"
        "    paths:\n"
        "      - examples/*/*/Dockerfile");
}

TEST_CASE("rewrite: a filter list whose selection changes is a warning", "[rewrite][workflow]") {
  Files f = tree();
  // `**/fsdp/**` matched nothing before, so it stays; after the move it matches the FSDP files.
  f.content[".github/workflows/b.yml"] = "on:\n  push:\n    paths: ['examples/**', '**/fsdp/**']\n";
  Reorg r(f, kMapping);
  CHECK(r.content(f, ".github/workflows/b.yml") == "on:\n  push:\n    paths: ['examples/training/old/**', '**/fsdp/**']\n");
  CHECK(r.result.counts.at("filter-changed") == 1);
  REQUIRE(r.result.diagnostics.count(diag::Severity::warning) == 1);
  CHECK(r.result.diagnostics.all()[0].message == "`on.push.paths` selects different files after the move");
  CHECK(r.result.diagnostics.all()[0].pos.line == 3);
  const std::vector<std::string>& filtered = r.result.path_filter_workflows;
  CHECK(std::find(filtered.begin(), filtered.end(), ".github/workflows/b.yml") != filtered.end());
  plan::MoveModel moves(r.tree, r.plan.files, nullptr);
  rewrite::MovedTree moved(moves, r.tree);
  rewrite::PathMentions mentions(moves, r.tree, "");
  diag::Sink sink;
  std::vector<rewrite::ReviewItem> review;
  CHECK_FALSE(rewrite::rewrite_workflow(".github/workflows/c.yml", "on: [push]\njobs: {}\n", moved, mentions, sink, review).path_filters);
}

TEST_CASE("rewrite: a workflow that is not valid YAML is rewritten as text", "[rewrite][workflow]") {
  Files f = tree();
  // The heredoc terminator at column 0 ends the `run: |` block for a YAML parser; the script goes on.
  f.content[".github/workflows/broken.yml"] =
      "on:\n"
      "  push:\n"
      "    paths: \n"
      "      - '3.test_cases/**'  # both\n"
      "      - \"!**/*.md\"\n"
      "  pull_request:\n"
      "    paths: ['1.architectures/0.common/**']\n"
      "jobs:\n"
      "  build:\n"
      "    steps:\n"
      "      - working-directory: 3.test_cases/pytorch/FSDP\n"
      "        run: ls\n"
      "      - run: |\n"
      "          ssh host bash -s << 'EOF'\n"
      "            cd 3.test_cases/pytorch/FSDP\n"
      "EOF\n"
      "          \n"
      "          sbatch 3.test_cases/megatron/megatron-lm/Dockerfile\n"
      "      - run: bash 1.architectures/0.common/common.sh\n"
      "      - uses: ./1.architectures/0.common\n";
  Reorg r(f, kMapping);
  CHECK(r.content(f, ".github/workflows/broken.yml") ==
        "on:\n"
        "  push:\n"
        "    paths: \n"
        "      - 'examples/training/megatron-lm/**'  # both\n"
        "      - 'examples/training/fsdp/**'\n"
        "      - \"!**/*.md\"\n"
        "  pull_request:\n"
        "    paths: ['architectures/common/**']\n"
        "jobs:\n"
        "  build:\n"
        "    steps:\n"
        "      - working-directory: examples/training/fsdp\n"
        "        run: ls\n"
        "      - run: |\n"
        "          ssh host bash -s << 'EOF'\n"
        "            cd examples/training/fsdp\n"
        "EOF\n"
        "          \n"
        "          sbatch examples/training/megatron-lm/Dockerfile\n"
        "      - run: bash architectures/common/common.sh\n"
        "      - uses: ./architectures/common\n");
  CHECK(r.result.counts.at("workflow-text") == 1);
  CHECK(r.result.counts.count("filter-changed") == 0);
  CHECK(r.result.path_filter_workflows == std::vector<std::string>{".github/workflows/broken.yml"});
  REQUIRE(r.result.diagnostics.count(diag::Severity::warning) == 1);
  const diag::Diagnostic& d = r.result.diagnostics.all()[0];
  CHECK(d.pos.line > 0);
  CHECK(d.pos.column > 0);
  INFO(d.message);
  CHECK(d.message.starts_with("not valid YAML ("));
  CHECK(d.message.ends_with("): read as text, 2 filter entries and 5 paths rewritten"));
  // The plan reads such a file first: it says so per file.
  for (const rewrite::FileRewrite& file : r.result.files) CHECK(file.read_as_text == (file.old_path == ".github/workflows/broken.yml"));
}

TEST_CASE("rewrite: a workflow read as text reads each run: script from its working directory", "[rewrite][workflow]") {
  Files f = tree();
  f.content[".github/workflows/wd.yml"] =
      "defaults:\n"
      "  run:\n"
      "    working-directory: 1.architectures/0.common\n"
      "jobs:\n"
      "  one:\n"
      "    defaults:\n"
      "      run:\n"
      "        working-directory: 3.test_cases/pytorch/FSDP\n"
      "    steps:\n"
      "      - run: python train.py && bash ../../../1.architectures/0.common/common.sh\n"
      "      - name: own\n"
      "        with:\n"
      "          args:\n"
      "            - a\n"
      "        run: |\n"
      "          cat << EOF\n"
      "EOF\n"
      "          docker build -f Dockerfile ../../pytorch/FSDP/slurm\n"
      "        working-directory: 3.test_cases/megatron/megatron-lm\n"
      "      - working-directory: ${{ env.DIR }}\n"
      "        run: ls 3.test_cases/pytorch/FSDP\n"
      "  two:\n"
      "    steps:\n"
      "      - run: bash ../0.common/common.sh\n";
  Reorg r(f, kMapping);
  CHECK(r.content(f, ".github/workflows/wd.yml") ==
        "defaults:\n"
        "  run:\n"
        "    working-directory: architectures/common\n"
        "jobs:\n"
        "  one:\n"
        "    defaults:\n"
        "      run:\n"
        "        working-directory: examples/training/fsdp\n"
        "    steps:\n"
        "      - run: python train.py && bash ../../../architectures/common/common.sh\n"
        "      - name: own\n"
        "        with:\n"
        "          args:\n"
        "            - a\n"
        "        run: |\n"
        "          cat << EOF\n"
        "EOF\n"
        "          docker build -f Dockerfile ../fsdp/slurm\n"
        "        working-directory: examples/training/megatron-lm\n"
        "      - working-directory: ${{ env.DIR }}\n"
        "        run: ls 3.test_cases/pytorch/FSDP\n"
        "  two:\n"
        "    steps:\n"
        "      - run: bash ../common/common.sh\n");
  CHECK(r.result.counts.at("workflow-text") == 1);
}

TEST_CASE("rewrite: disabled workflows and commented-out filter entries are rewritten as text", "[rewrite][workflow]") {
  Files f = tree();
  f.content[".github/workflows/old.yml.disabled"] =
      "on:\n  push:\n    paths:\n      - '3.test_cases/pytorch/FSDP/**'\njobs:\n  a:\n    steps:\n"
      "      - run: python 3.test_cases/pytorch/FSDP/train.py\n";
  f.content[".github/workflows/ci.yml"] =
      "on:\n"
      "  push:\n"
      "    paths:\n"
      "      - '1.architectures/0.common/**'\n"
      "      # - '3.test_cases/**'\n"
      "#  pull_request:\n"
      "#    paths: ['3.test_cases/megatron/megatron-lm/**']\n"
      "jobs:\n"
      "  a:\n"
      "    steps:\n"
      "      - run: |\n"
      "          # paths:\n"
      "          # - 3.test_cases/pytorch/FSDP/train.py\n";
  Reorg r(f, kMapping);
  CHECK(r.content(f, ".github/workflows/old.yml.disabled") ==
        "on:\n  push:\n    paths:\n      - 'examples/training/fsdp/**'\njobs:\n  a:\n    steps:\n"
        "      - run: python examples/training/fsdp/train.py\n");
  CHECK(r.content(f, ".github/workflows/ci.yml") ==
        "on:\n"
        "  push:\n"
        "    paths:\n"
        "      - 'architectures/common/**'\n"
        "      # - 'examples/training/megatron-lm/**'\n"
        "      # - 'examples/training/fsdp/**'\n"
        "#  pull_request:\n"
        "#    paths: ['examples/training/megatron-lm/**']\n"
        "jobs:\n"
        "  a:\n"
        "    steps:\n"
        "      - run: |\n"
        "          # paths:\n"  // a shell comment in a script: a path mention, not a filter
        "          # - examples/training/fsdp/train.py\n");
  CHECK(r.result.counts.at("workflow-text") == 1);
  CHECK(r.result.counts.at("commented-filter") == 2);
  // GitHub does not run a disabled workflow: its filters do not matter for the migration's pull request.
  CHECK(r.result.path_filter_workflows == std::vector<std::string>{".github/workflows/ci.yml"});
  CHECK(r.result.diagnostics.count(diag::Severity::warning) == 0);
  std::vector<std::string> notes;
  for (const diag::Diagnostic& d : r.result.diagnostics.all()) notes.push_back(d.path + ": " + d.message);
  std::sort(notes.begin(), notes.end());
  CHECK(notes == std::vector<std::string>{
                     ".github/workflows/ci.yml: 2 commented-out filter entries rewritten as text",
                     ".github/workflows/old.yml.disabled: workflow disabled by its name: read as text, 1 filter entries and 1 paths rewritten"});
}

TEST_CASE("rewrite: every file keeps its CODEOWNERS owners", "[rewrite][codeowners]") {
  Files f = tree();
  f.content["1.architectures/5.sagemaker-hyperpod/README.md"] = "# HyperPod\n";
  f.content["3.test_cases/pytorch/bionemo/train.py"] = "print(3)\n";
  const std::string owners =
      "# Later lines take precedence.\n"
      "*                              @maintainers\n"
      "*.md                           @docs-team\n"
      "/1.architectures/              @infra-owner\n"
      "/1.architectures/5.sagemaker-hyperpod/ @hyperpod-owner\n"
      "/3.test_cases/pytorch/         @owner-a\n"
      "/3.test_cases/pytorch/FSDP/    @owner-a @fsdp-owner\n"
      "/3.test_cases/megatron/        @owner-b\n";
  f.content[".github/CODEOWNERS"] = owners;
  Reorg r(f, R"(version: 1
moves:
  - from: 3.test_cases/pytorch/FSDP
    to: examples/training/fsdp
  - from: 3.test_cases/pytorch/bionemo
    to: examples/use-cases/bionemo
  - from: 3.test_cases/megatron/megatron-lm
    to: examples/training/megatron-lm
  - match: '1\.architectures/\d+\.([^/]+)'
    to: 'architectures/\1'
)");
  CHECK(r.content(f, ".github/CODEOWNERS") ==
        "# Later lines take precedence.\n"
        "*                              @maintainers\n"
        "*.md                           @docs-team\n"
        "/architectures/              @infra-owner\n"
        "/architectures/sagemaker-hyperpod/ @hyperpod-owner\n"
        "/examples/training/fsdp/         @owner-a\n"
        "/examples/use-cases/bionemo/         @owner-a\n"
        "/examples/training/fsdp/    @owner-a @fsdp-owner\n"
        "/examples/training/megatron-lm/        @owner-b\n");
  CHECK(r.result.counts.count("pattern-changed") == 0);
  CHECK(r.sink.count(diag::Severity::warning) == 0);
  // The oracle: every file's owners, before and after.
  Files after = r.after(f);
  for (const auto& pf : r.plan.files) {
    INFO(pf.old_path);
    CHECK(rewrite::pattern_decision(rewrite::PatternFile::codeowners, owners, "", pf.old_path) ==
          rewrite::pattern_decision(rewrite::PatternFile::codeowners, after.content.at(".github/CODEOWNERS"), "", pf.new_path));
  }
}

TEST_CASE("rewrite: a directory's filter and owners stay one pattern when one subfolder goes elsewhere", "[rewrite][codeowners]") {
  Files f;
  f.content["3.test_cases/pytorch/deepspeed/README.md"] = "# DeepSpeed\n";
  f.content["3.test_cases/pytorch/deepspeed/a/x.py"] = "print(1)\n";
  f.content["3.test_cases/pytorch/deepspeed/b/y.py"] = "print(2)\n";
  f.content["3.test_cases/pytorch/deepspeed/qlora/src/q.py"] = "print(3)\n";
  f.content["examples/training/other/z.py"] = "print(4)\n";
  f.content[".github/workflows/ds.yml"] = "on:\n  pull_request:\n    paths:\n      - '3.test_cases/pytorch/deepspeed/**'\n";
  f.content[".github/CODEOWNERS"] = "/3.test_cases/pytorch/deepspeed/ @ds\n";
  Reorg r(f, R"(version: 1
moves:
  - from: 3.test_cases/pytorch/deepspeed
    to: examples/training/deepspeed
  - from: 3.test_cases/pytorch/deepspeed/qlora
    to: examples/fine-tuning/qlora
)");
  // The directory's pattern, then what moved out of it: files added to the directory later are still
  // selected, which one pattern per child would not do.
  CHECK(r.content(f, ".github/workflows/ds.yml") ==
        "on:\n  pull_request:\n    paths:\n      - 'examples/training/deepspeed/**'\n      - 'examples/fine-tuning/qlora/**'\n");
  CHECK(r.content(f, ".github/CODEOWNERS") == "/examples/training/deepspeed/ @ds\n/examples/fine-tuning/qlora/ @ds\n");
  CHECK(r.result.counts.count("filter-changed") == 0);
  CHECK(r.result.counts.count("pattern-changed") == 0);
}

// Issue 13: what moved into a directory from elsewhere is excluded (`!` in a `paths` list, a later
// line with its old owners in CODEOWNERS), not enumerated: the directory stays one pattern, so files
// added to it later are still selected. Where `!` means something else (`paths-ignore`) it is split.
TEST_CASE("rewrite: a directory's filter and owners stay one pattern when another directory moves into it", "[rewrite][codeowners]") {
  Files f;
  f.content["3.test_cases/pytorch/FSDP/README.md"] = "# FSDP\n";
  f.content["3.test_cases/pytorch/FSDP/train.py"] = "print(1)\n";
  f.content["3.test_cases/pytorch/FSDP/slurm/run.sbatch"] = "srun\n";
  f.content["3.test_cases/pytorch/FSDP/kubernetes/job.yaml"] = "kind: Job\n";
  f.content["3.test_cases/pytorch/FSDP/qlora/src/q.py"] = "print(3)\n";
  f.content["3.test_cases/megatron/bench/b.py"] = "print(4)\n";
  f.content["3.test_cases/megatron/bench/run/r.sh"] = "echo\n";
  f.content["3.test_cases/megatron/lm/x.py"] = "print(5)\n";
  f.content[".github/workflows/fsdp.yml"] =
      "on:\n  pull_request:\n    paths:\n      - '3.test_cases/pytorch/FSDP/**'\n"
      "  push:\n    paths-ignore:\n      - '3.test_cases/pytorch/FSDP/**'\n";
  const std::string owners =
      "/3.test_cases/                 @everyone\n"
      "/3.test_cases/megatron/        @megatron\n"
      "/3.test_cases/pytorch/FSDP/    @fsdp\n";
  f.content[".github/CODEOWNERS"] = owners;
  Reorg r(f, R"(version: 1
moves:
  - from: 3.test_cases/pytorch/FSDP/qlora
    to: examples/training/deepspeed/qlora
  - from: 3.test_cases/pytorch/FSDP
    to: examples/training/fsdp
  - from: 3.test_cases/megatron/bench
    to: examples/training/fsdp/bench
  - from: 3.test_cases/megatron/lm
    to: examples/training/megatron
)");
  std::string wf = r.content(f, ".github/workflows/fsdp.yml");
  CHECK(wf.substr(0, wf.find("  push:")) ==
        "on:\n  pull_request:\n    paths:\n      - 'examples/training/fsdp/**'\n      - 'examples/training/deepspeed/qlora/**'\n"
        "      - '!examples/training/fsdp/bench/**'\n");
  // paths-ignore: GitHub reads no `!` there; the pieces select the same files without it.
  CHECK(wf.find("'!", wf.find("paths-ignore")) == std::string::npos);
  // The FSDP line, what moved out of it, then the line giving `bench` (moved in) back to its owners.
  CHECK(r.content(f, ".github/CODEOWNERS") ==
        "/examples/                 @everyone\n"
        "/examples/training/fsdp/bench/        @megatron\n"
        "/examples/training/megatron/        @megatron\n"
        "/examples/training/fsdp/    @fsdp\n"
        "/examples/training/deepspeed/qlora/    @fsdp\n"
        "/examples/training/fsdp/bench/    @megatron\n");
  CHECK(r.result.counts.count("filter-changed") == 0);
  CHECK(r.result.counts.count("pattern-changed") == 0);
  // Every file keeps its owners, as GitHub reads the file (last matching line wins).
  Files after = r.after(f);
  for (const auto& pf : r.plan.files) {
    INFO(pf.old_path);
    CHECK(rewrite::pattern_decision(rewrite::PatternFile::codeowners, owners, "", pf.old_path) ==
          rewrite::pattern_decision(rewrite::PatternFile::codeowners, after.content.at(".github/CODEOWNERS"), "", pf.new_path));
  }
}

TEST_CASE("rewrite: CODEOWNERS lines GitHub skips are reported and left as they are", "[rewrite][codeowners]") {
  Files f = tree();
  // GitHub does not support `!`, `[ ]` or `\#` in CODEOWNERS and skips such lines; read gitignore-style,
  // `!` would take owners away and a range would give them files.
  const std::string owners =
      "/3.test_cases/pytorch/         @owner-a\n"
      "!/3.test_cases/pytorch/FSDP/   @nobody\n"
      "/3.test_cases/[mp]*/           @ranges\n"
      "\\#notes.md                    @hash\n";
  f.content[".github/CODEOWNERS"] = owners;
  Reorg r(f, kMapping);
  CHECK(r.content(f, ".github/CODEOWNERS") ==
        "/examples/training/fsdp/         @owner-a\n"
        "!/3.test_cases/pytorch/FSDP/   @nobody\n"
        "/3.test_cases/[mp]*/           @ranges\n"
        "\\#notes.md                    @hash\n");
  std::vector<std::string> warnings;
  for (const diag::Diagnostic& d : r.result.diagnostics.all())
    if (d.severity == diag::Severity::warning && d.path == ".github/CODEOWNERS")
      warnings.push_back(fmt::format("{}:{}: {}", d.pos.line, d.pos.column, d.message));
  CHECK(warnings == std::vector<std::string>{
                        "2:1: invalid CODEOWNERS pattern `!/3.test_cases/pytorch/FSDP/`: GitHub does not support negation "
                        "with `!` and skips this line; left as is",
                        "3:1: invalid CODEOWNERS pattern `/3.test_cases/[mp]*/`: GitHub does not support character ranges "
                        "with `[ ]` and skips this line; left as is",
                        "4:1: invalid CODEOWNERS pattern `\\#notes.md`: GitHub does not support an escaped `#` and skips "
                        "this line; left as is"});
  // The skipped lines decide nothing: FSDP keeps the owners of the line GitHub reads.
  CHECK(rewrite::pattern_decision(rewrite::PatternFile::codeowners, owners, "", "3.test_cases/pytorch/FSDP/README.md") ==
        "@owner-a");
}

TEST_CASE("rewrite: gitignore and gitattributes patterns and dependabot directories", "[rewrite][codeowners]") {
  Files f = tree();
  f.content[".gitignore"] = "*.pyc\n/3.test_cases/pytorch/FSDP/slurm/\n!/1.architectures/0.common/common.sh\n";
  f.content[".gitattributes"] = "*.sh text eol=lf\n3.test_cases/**/*.py linguist-language=Python\n";
  f.content["3.test_cases/pytorch/FSDP/.gitignore"] = "/slurm/*.out\n";
  f.content[".github/dependabot.yml"] =
      "version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: \"/3.test_cases/pytorch/FSDP\"  # FSDP\n"
      "  - package-ecosystem: docker\n    directories: [/3.test_cases/megatron/megatron-lm, /]\n";
  Reorg r(f, kMapping);
  CHECK(r.content(f, ".gitignore") == "*.pyc\n/examples/training/fsdp/slurm/\n!/architectures/common/common.sh\n");
  CHECK(r.content(f, ".gitattributes") ==
        "*.sh text eol=lf\nexamples/training/fsdp/**/*.py linguist-language=Python\n");
  CHECK(r.content(f, "3.test_cases/pytorch/FSDP/.gitignore") == "/slurm/*.out\n");
  CHECK(r.content(f, ".github/dependabot.yml") ==
        "version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: \"/examples/training/fsdp\"  # FSDP\n"
        "  - package-ecosystem: docker\n    directories: [/examples/training/megatron-lm, /]\n");
  CHECK(r.result.counts.at("gitignore") == 2);
  CHECK(r.result.counts.at("gitattributes") == 1);
  CHECK(r.result.counts.at("dependabot") == 2);
}

TEST_CASE("rewrite: .gitignore lines naming ignored files under a moved directory follow them", "[rewrite][codeowners]") {
  Files f;
  f.content["01-intro/lesson.md"] = "# Intro\n";
  f.content["02-next/lesson.md"] = "# Next\n";
  f.content[".gitignore"] = "01-intro/model.pth\n01-intro/data/\n/01-intro/*.ckpt\n*.log\n02-next/out/\n01-intro/gone.bin\n";
  f.content["01-intro/.gitignore"] = "/cache/\n";
  const char* mapping = "version: 1\nmoves:\n  - from: 01-intro\n    to: intro\n";
  std::vector<std::string> ignored = {"01-intro/a.ckpt", "01-intro/cache/", "01-intro/data/", "01-intro/model.pth",
                                      "01-intro/run.log", "02-next/out/"};
  Reorg r(f, mapping, ignored);
  // Only the ignored files say what these lines name; a line naming nothing stays.
  CHECK(r.content(f, ".gitignore") == "intro/model.pth\nintro/data/\n/intro/*.ckpt\n*.log\n02-next/out/\n01-intro/gone.bin\n");
  CHECK(r.content(f, "01-intro/.gitignore") == "/cache/\n");  // relative to its own directory, which moves with it
  CHECK(r.result.counts.at("gitignore") == 3);
  CHECK(r.result.counts.count("pattern-changed") == 0);
  // Without them (a bare repository, a plan of another commit) the lines name nothing and stay.
  Reorg bare(f, mapping);
  CHECK(bare.result.counts.count("gitignore") == 0);
}

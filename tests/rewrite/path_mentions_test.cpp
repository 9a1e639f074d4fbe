// Path mentions in scripts, notebooks and Markdown code, through the whole rewrite stage: every form a
// path is written in, and the words that must be left alone.
#include <catch2/catch.hpp>

#include <algorithm>

#include "gitreorg/markdown/markdown_scan.hpp"
#include "gitreorg/rewrite/path_mentions.hpp"
#include "gitreorg/rewrite/text_blob.hpp"
#include "rewrite/rewrite_fixture.hpp"

using namespace gitreorg;
using gitreorg::testing::Files;
using gitreorg::testing::Reorg;

namespace {

const char* kMapping = R"(version: 1
repository:
  urls: [https://github.com/aws-samples/awsome-distributed-training]
  branches: [main]
moves:
  - from: 3.test_cases/pytorch/FSDP
    to: examples/fsdp
  - from: 3.test_cases/pytorch/bionemo
    to: examples/use-cases/bionemo
  - from: 1.architectures/0.common
    to: architectures/common
)";

Files tree() {
  Files f;
  f.content["1.architectures/0.common/common.sh"] = "echo common\n";
  f.content["3.test_cases/pytorch/FSDP/train.py"] = "print(1)\n";
  f.content["3.test_cases/pytorch/FSDP/slurm/train.sbatch"] =
      "#!/bin/bash\nsource ../../../../1.architectures/0.common/common.sh\npython ../train.py\n";
  f.content["3.test_cases/pytorch/bionemo/x.py"] = "print(2)\n";
  return f;
}

}  // namespace

TEST_CASE("rewrite: script mentions in every form", "[rewrite][mentions]") {
  Files f = tree();
  f.content["scripts/setup.sh"] =
      "#!/bin/bash\n"
      "cd 3.test_cases/pytorch/FSDP/\n"                                              // root-relative, trailing /
      "bash 1.architectures/0.common/common.sh.\n"                                  // a full stop after it
      "cd awsome-distributed-training/3.test_cases/pytorch/FSDP\n"                  // clone prefix
      "ls ~/awsome-distributed-training/3.test_cases/pytorch/FSDP/slurm/train.sbatch\n"
      "bash ../1.architectures/0.common/common.sh\n"                                // file-relative
      "echo my3.test_cases_x 1.architectures.v2 v1.2.3\n"                           // not paths
      "git clone https://github.com/other/repo && cd repo/3.test_cases/pytorch/FSDP\n"
      "curl https://github.com/other/repo/tree/main/3.test_cases/pytorch/FSDP\n"    // another repository
      "ls 3.test_cases/pytorch/\n"                                                  // split by the move
      "cat 3.test_cases/missing/file.txt\n"                                         // names nothing
      "ls 3.test_cases/pytorch/FSDP/*.py ${ROOT}/3.test_cases/pytorch/FSDP\n";
  Reorg r(f, kMapping);
  CHECK(r.content(f, "scripts/setup.sh") ==
        "#!/bin/bash\n"
        "cd examples/fsdp/\n"
        "bash architectures/common/common.sh.\n"
        "cd awsome-distributed-training/examples/fsdp\n"
        "ls ~/awsome-distributed-training/examples/fsdp/slurm/train.sbatch\n"
        "bash ../architectures/common/common.sh\n"
        "echo my3.test_cases_x 1.architectures.v2 v1.2.3\n"
        "git clone https://github.com/other/repo && cd repo/3.test_cases/pytorch/FSDP\n"
        "curl https://github.com/other/repo/tree/main/3.test_cases/pytorch/FSDP\n"
        "ls 3.test_cases/pytorch/\n"
        "cat 3.test_cases/missing/file.txt\n"
        "ls examples/fsdp/*.py ${ROOT}/examples/fsdp\n");
  // A moved script: relative paths recomputed from its new place.
  CHECK(r.content(f, "3.test_cases/pytorch/FSDP/slurm/train.sbatch") ==
        "#!/bin/bash\nsource ../../../architectures/common/common.sh\npython ../train.py\n");
  std::vector<std::pair<int, std::string>> review;
  for (const auto& item : r.result.needs_review)
    if (item.path == "scripts/setup.sh") review.emplace_back(item.line, item.text);
  CHECK(review == std::vector<std::pair<int, std::string>>{{8, "repo/3.test_cases/pytorch/FSDP"},
                                                           {10, "3.test_cases/pytorch/"},
                                                           {11, "3.test_cases/missing/file.txt"}});
}

TEST_CASE("rewrite: paths after the script's own directory or the repository root", "[rewrite][mentions]") {
  Files f = tree();
  // Moves one level up (3.test_cases/pytorch/FSDP -> examples/fsdp): every `..` path below it changes.
  f.content["3.test_cases/pytorch/FSDP/slurm/run.sh"] =
      "#!/bin/bash\n"
      "SCRIPT_DIR=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)\"\n"
      "HERE=$(dirname \"$0\")\n"
      "export REAL=\"$(dirname \"$(readlink -f \"$0\")\")\"\n"
      "REPO_ROOT=$(git rev-parse --show-toplevel)\n"
      "source \"${SCRIPT_DIR}/../../../../1.architectures/0.common/common.sh\"\n"
      "source $HERE/../../../../1.architectures/0.common/common.sh\n"
      "python \"$REAL/../train.py\"\n"
      "bash \"$(dirname \"$0\")/../../../../1.architectures/0.common/common.sh\"\n"
      "python \"${REPO_ROOT}/3.test_cases/pytorch/FSDP/train.py\"\n"
      "cd ../.. && docker build -f ../../Dockerfile ../..\n";
  f.content["3.test_cases/pytorch/FSDP/Makefile"] =
      "ROOT := $(dir $(lastword $(MAKEFILE_LIST)))\n"
      "include $(ROOT)../../../1.architectures/0.common/common.sh\n"
      "run:\n\tbash $(ROOT)/../../../1.architectures/0.common/common.sh\n";
  Reorg r(f, kMapping);
  CHECK(r.content(f, "3.test_cases/pytorch/FSDP/slurm/run.sh") ==
        "#!/bin/bash\n"
        "SCRIPT_DIR=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)\"\n"
        "HERE=$(dirname \"$0\")\n"
        "export REAL=\"$(dirname \"$(readlink -f \"$0\")\")\"\n"
        "REPO_ROOT=$(git rev-parse --show-toplevel)\n"
        "source \"${SCRIPT_DIR}/../../../architectures/common/common.sh\"\n"
        "source $HERE/../../../architectures/common/common.sh\n"
        "python \"$REAL/../train.py\"\n"
        "bash \"$(dirname \"$0\")/../../../architectures/common/common.sh\"\n"
        "python \"${REPO_ROOT}/examples/fsdp/train.py\"\n"
        "cd ../.. && docker build -f ../../Dockerfile ../..\n");
  CHECK(r.content(f, "3.test_cases/pytorch/FSDP/Makefile") ==
        "ROOT := $(dir $(lastword $(MAKEFILE_LIST)))\n"
        "include $(ROOT)../../architectures/common/common.sh\n"
        "run:\n\tbash $(ROOT)/../../architectures/common/common.sh\n");
  // `../..` (split `3.test_cases/pytorch`) names no path of its own: not even listed for review.
  for (const auto& item : r.result.needs_review) CHECK(item.path != "3.test_cases/pytorch/FSDP/slurm/run.sh");
}

TEST_CASE("rewrite: relative mentions keep their route", "[rewrite][mentions]") {
  Files f = tree();
  // The script keeps its depth (1.architectures/0.common -> architectures/common): the route through
  // the root stays, only the renamed segments change (not the shortest `common.sh`).
  f.content["1.architectures/0.common/setup.sh"] = "#!/bin/bash\nsource ../../1.architectures/0.common/common.sh\n";
  // A file that stays, naming a sibling that left its parent: the shortest path from where it is.
  f.content["1.architectures/3.aws-batch/run.sh"] = "#!/bin/bash\nsource ../0.common/common.sh\n";
  Reorg r(f, kMapping);
  CHECK(r.content(f, "1.architectures/0.common/setup.sh") == "#!/bin/bash\nsource ../../architectures/common/common.sh\n");
  CHECK(r.content(f, "1.architectures/3.aws-batch/run.sh") == "#!/bin/bash\nsource ../../architectures/common/common.sh\n");
}

TEST_CASE("rewrite: paths after a prefix nobody can resolve follow only what moved as a unit", "[rewrite][mentions]") {
  Files f = tree();
  f.content["1.architectures/README.md"] = "# stays\n";
  f.content["scripts/ci.sh"] =
      "#!/bin/bash\n"
      "SCRIPT_DIR=$(dirname \"$0\")\n"
      "SCRIPT_DIR=/opt/elsewhere\n"  // assigned two ways: unknown
      "cp \"${X}/3.test_cases/pytorch/FSDP/train.py\" $OUT/3.test_cases/pytorch/FSDP/\n"
      "cd \"$(pwd)/${BUILD_ID}/3.test_cases/pytorch/FSDP\" && ls ${SCRIPT_DIR}/1.architectures/0.common\n"
      "FSDP=\"${{ env.REMOTE }}/3.test_cases/pytorch/FSDP/slurm\"\n"
      "aws iam create-policy --policy-document file://awsome-distributed-training/1.architectures/0.common/common.sh\n"
      "cat file://3.test_cases/pytorch/FSDP/train.py /apps/awsome-distributed-training/3.test_cases/pytorch/FSDP/train.py\n"
      "ls ${X}/3.test_cases/pytorch/ ${X}/1.architectures/ ${X}/.. $X/../..\n";
  Reorg r(f, kMapping);
  CHECK(r.content(f, "scripts/ci.sh") ==
        "#!/bin/bash\n"
        "SCRIPT_DIR=$(dirname \"$0\")\n"
        "SCRIPT_DIR=/opt/elsewhere\n"
        "cp \"${X}/examples/fsdp/train.py\" $OUT/examples/fsdp/\n"
        "cd \"$(pwd)/${BUILD_ID}/examples/fsdp\" && ls ${SCRIPT_DIR}/architectures/common\n"
        "FSDP=\"${{ env.REMOTE }}/examples/fsdp/slurm\"\n"
        "aws iam create-policy --policy-document file://awsome-distributed-training/architectures/common/common.sh\n"
        "cat file://examples/fsdp/train.py /apps/awsome-distributed-training/examples/fsdp/train.py\n"
        "ls ${X}/3.test_cases/pytorch/ ${X}/1.architectures/ ${X}/.. $X/../..\n");
  std::vector<std::pair<int, std::string>> review;
  for (const auto& item : r.result.needs_review)
    if (item.path == "scripts/ci.sh") review.emplace_back(item.line, item.text);
  // Split by the move; lost a child (`0.common`) that went elsewhere.
  CHECK(review == std::vector<std::pair<int, std::string>>{{9, "/3.test_cases/pytorch/"}, {9, "/1.architectures/"}});
}

TEST_CASE("rewrite: a notebook's recorded outputs are history, not references", "[rewrite][mentions]") {
  Files f = tree();
  f.content["notebooks/run.ipynb"] =
      "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"!python 3.test_cases/pytorch/FSDP/train.py\"],\n"
      "  \"outputs\": [{\"name\": \"stdout\", \"text\": [\"running 3.test_cases/pytorch/FSDP/train.py\\n\", \"[done] {ok}\"]}]}],\n"
      " \"metadata\": {\"workdir\": \"3.test_cases/pytorch/FSDP\"}}\n";
  Reorg r(f, kMapping);
  CHECK(r.content(f, "notebooks/run.ipynb") ==
        "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"!python examples/fsdp/train.py\"],\n"
        "  \"outputs\": [{\"name\": \"stdout\", \"text\": [\"running 3.test_cases/pytorch/FSDP/train.py\\n\", \"[done] {ok}\"]}]}],\n"
        " \"metadata\": {\"workdir\": \"examples/fsdp\"}}\n");
  for (const auto& item : r.result.needs_review) CHECK(item.path != "notebooks/run.ipynb");
}

TEST_CASE("rewrite: mentions inside notebooks and Markdown code", "[rewrite][mentions]") {
  Files f = tree();
  f.content["notebooks/demo.ipynb"] =
      "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"!cd awsome-distributed-training\\/3.test_cases\\/pytorch\\/FSDP\\n\", "
      "\"!python 3.test_cases/pytorch/FSDP/train.py\"]}], \"3.test_cases/pytorch/FSDP/train.py\": 1}\n";
  f.content["docs/guide.md"] =
      "Run `bash 1.architectures/0.common/common.sh` first.\r\n\r\n"
      "```bash\r\n"
      "cd awsome-distributed-training/3.test_cases/pytorch/FSDP\r\n"
      "sbatch slurm/train.sbatch\r\n"
      "```\r\n\r\n"
      "Prose about 3.test_cases/pytorch/FSDP follows too.\r\n";
  Reorg r(f, kMapping);
  CHECK(r.content(f, "notebooks/demo.ipynb") ==
        "{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"!cd awsome-distributed-training\\/examples\\/fsdp\\n\", "
        "\"!python examples/fsdp/train.py\"]}], \"3.test_cases/pytorch/FSDP/train.py\": 1}\n");
  CHECK(r.content(f, "docs/guide.md") ==
        "Run `bash architectures/common/common.sh` first.\r\n\r\n"
        "```bash\r\n"
        "cd awsome-distributed-training/examples/fsdp\r\n"
        "sbatch slurm/train.sbatch\r\n"
        "```\r\n\r\n"
        "Prose about examples/fsdp follows too.\r\n");
}

TEST_CASE("rewrite: old directory names in prose, tree diagrams and headings", "[rewrite][mentions]") {
  Files f;
  f.content["1.architectures/5.sagemaker-hyperpod/setup.sh"] = "#!/bin/sh\n";
  f.content["1.architectures/0.common/env.sh"] = "#!/bin/sh\n";
  f.content["1.architectures/2.aws-parallelcluster/x.yaml"] = "a: 1\n";
  f.content["3.test_cases/pytorch/FSDP/run.sh"] = "#!/bin/sh\n";
  f.content["3.test_cases/pytorch/ddp/run.sh"] = "#!/bin/sh\n";
  f.content["3.test_cases/jax/0.common/x.sh"] = "#!/bin/sh\n";  // a second `0.common`
  f.content["docs/layout.md"] =
      "# The 5.sagemaker-hyperpod tree\n"
      "\n"
      "Start from the 5.sagemaker-hyperpod directory, or `5.sagemaker-hyperpod/`.\n"
      "See 2.aws-parallelcluster. The docs and 0.common are shared.\n"
      "Run 3.test_cases/pytorch/FSDP/run.sh, or anything in 3.test_cases.\n"
      "| dir | what |\n|---|---|\n| 5.sagemaker-hyperpod | clusters |\n"
      "\n"
      "```\n"
      "1.architectures/\n"
      "├── 5.sagemaker-hyperpod/\n"
      "└── 2.aws-parallelcluster/\n"
      "```\n"
      "Links keep their text: [5.sagemaker-hyperpod](https://example.com/x).\n"
      "Edit 1.architectures/5.sagemaker-hyperpod/2. Setup Container/manifest.yaml first; [old](../3.test_cases/pytorch/gone.md).\n";
  f.content["1.architectures/5.sagemaker-hyperpod/2. Setup Container/manifest.yaml"] = "a: 1\n";
  // In a script, a name with a space is read in a longer string only when it is an obsolete one.
  f.content["scripts/s.sh"] = "#!/bin/sh\necho \"- 1.architectures/5.sagemaker-hyperpod/2. Setup Container/manifest.yaml with your ID\"\n";
  Reorg r(f,
          "version: 1\nmoves:\n  - from: 1.architectures\n    to: architectures\n"
          "  - from: 1.architectures/0.common\n    to: architectures/common\n"
          "  - from: 1.architectures/2.aws-parallelcluster\n    to: architectures/aws-parallelcluster\n"
          "  - from: 1.architectures/5.sagemaker-hyperpod\n    to: architectures/sagemaker-hyperpod-slurm\n"
          "  - from: '1.architectures/5.sagemaker-hyperpod/2. Setup Container'\n"
          "    to: architectures/sagemaker-hyperpod-slurm/setup-container\n"
          "  - from: 3.test_cases/pytorch/FSDP\n    to: examples/training/fsdp\n"
          "  - from: 3.test_cases/pytorch/ddp\n    to: examples/training/ddp\n"
          "  - from: 3.test_cases/jax\n    to: examples/training/jax\n");
  // One directory had the name and it moved: its new name, in prose, tables, code spans and tree
  // diagrams. `0.common` names two directories, `3.test_cases` is split, a heading keeps its anchor,
  // a plain word (`docs`) and link text are not prose mentions.
  CHECK(r.content(f, "docs/layout.md") ==
        "# The 5.sagemaker-hyperpod tree\n"
        "\n"
        "Start from the sagemaker-hyperpod-slurm directory, or `sagemaker-hyperpod-slurm/`.\n"
        "See aws-parallelcluster. The docs and 0.common are shared.\n"
        "Run examples/training/fsdp/run.sh, or anything in 3.test_cases.\n"
        "| dir | what |\n|---|---|\n| sagemaker-hyperpod-slurm | clusters |\n"
        "\n"
        "```\n"
        "architectures/\n"
        "├── sagemaker-hyperpod-slurm/\n"
        "└── aws-parallelcluster/\n"
        "```\n"
        "Links keep their text: [5.sagemaker-hyperpod](https://example.com/x).\n"
        "Edit architectures/sagemaker-hyperpod-slurm/setup-container/manifest.yaml first; [old](../3.test_cases/pytorch/gone.md).\n");
  CHECK(r.content(f, "scripts/s.sh") ==
        "#!/bin/sh\necho \"- architectures/sagemaker-hyperpod-slurm/setup-container/manifest.yaml with your ID\"\n");
  std::vector<std::string> reviewed;
  for (const auto& item : r.result.needs_review)
    if (item.path == "docs/layout.md") reviewed.push_back(std::to_string(item.line) + " " + item.text + ": " + item.reason);
  std::sort(reviewed.begin(), reviewed.end());
  CHECK(reviewed == std::vector<std::string>{
                        "1 5.sagemaker-hyperpod: in a heading, whose text makes its #anchor: would be `sagemaker-hyperpod-slurm`",
                        "16 ../3.test_cases/pytorch/gone.md: a link broken before the move, to an old path: fix or remove it",
                        "4 0.common: names 2 directories of the old tree: `1.architectures/0.common`, `3.test_cases/jax/0.common`",
                        "5 3.test_cases: `3.test_cases` is split by the move: no single new place"});
}

TEST_CASE("rewrite: names with spaces, quoted, in code spans and in Markdown's HTML comments", "[rewrite][mentions]") {
  Files f;
  f.content["01-security/1.1 The CIA triad.md"] = "# CIA\n";
  f.content["3.test_cases/my dir/run.sh"] = "#!/bin/sh\n";
  f.content["translations/fr/1.1 The CIA triad.md"] =
      "<!-- source_file: 01-security/1.1 The CIA triad.md -->\n# CIA\n\nRun `3.test_cases/my dir/run.sh` or "
      "`bash \"3.test_cases/my dir/run.sh\"`.<!-- see 3.test_cases/my dir -->\n";
  f.content["scripts/go.sh"] =
      "#!/bin/sh\nbash \"3.test_cases/my dir/run.sh\" 'my dir/x'\ncd '3.test_cases/my dir' && echo \"is my dir here\"\n";
  Reorg r(f, "version: 1\nmoves:\n  - from: 01-security\n    to: security\n  - from: 3.test_cases\n    to: examples\n");
  CHECK(r.content(f, "translations/fr/1.1 The CIA triad.md") ==
        "<!-- source_file: security/1.1 The CIA triad.md -->\n# CIA\n\nRun `examples/my dir/run.sh` or "
        "`bash \"examples/my dir/run.sh\"`.<!-- see examples/my dir -->\n");
  CHECK(r.content(f, "scripts/go.sh") ==
        "#!/bin/sh\nbash \"examples/my dir/run.sh\" 'my dir/x'\ncd 'examples/my dir' && echo \"is my dir here\"\n");
  // Read whole, the words of such a name are not reviewed one by one (`3.test_cases/my` names nothing).
  std::string reviewed;
  for (const auto& item : r.result.needs_review) reviewed += item.path + " " + item.text + ": " + item.reason + "\n";
  CHECK(reviewed == "");
}

TEST_CASE("rewrite: version-like words that name nothing are neither rewritten nor reviewed", "[rewrite][mentions]") {
  Files f;
  f.content["3.test_cases/a/run.py"] = "print('see 1.architectures and 2.x')\n";
  f.content["3.test_cases/a/b.py"] = "x\n";
  Reorg r(f, "version: 1\nmoves:\n  - from: 3.test_cases/a\n    to: examples/a\n");
  CHECK(r.result.files.empty());
  CHECK(r.result.needs_review.empty());
}

TEST_CASE("rewrite: binary files, LFS pointers and huge files are skipped and counted", "[rewrite][mentions]") {
  Files f = tree();
  f.content["scripts/bin.sh"] = std::string("cd 3.test_cases/pytorch/FSDP\0", 29);
  f.content["scripts/lfs.sh"] = "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12\n";
  f.content["scripts/big.sh"] = "cd 3.test_cases/pytorch/FSDP\n" + std::string(rewrite::kMaxScanBytes, '#');
  Reorg r(f, kMapping);
  CHECK(r.result.counts.at("skipped-binary") == 1);
  CHECK(r.result.counts.at("skipped-lfs") == 1);
  CHECK(r.result.counts.at("skipped-large") == 1);
  for (const auto& fr : r.result.files) CHECK(fr.old_path.rfind("scripts/", 0) != 0);
}

TEST_CASE("rewrite: mention formats by file name", "[rewrite][mentions]") {
  using rewrite::MentionFormat;
  CHECK(rewrite::mention_format("a/run.sbatch", "") == MentionFormat::text);
  CHECK(rewrite::mention_format("a/Makefile", "") == MentionFormat::text);
  CHECK(rewrite::mention_format("a/Dockerfile.gpu", "") == MentionFormat::text);
  CHECK(rewrite::mention_format("a/x.ipynb", "") == MentionFormat::json);
  CHECK(rewrite::mention_format("a/README.md", "") == MentionFormat::markdown);
  CHECK(rewrite::mention_format("a/tool", "#!/usr/bin/env python3\n") == MentionFormat::text);
  CHECK(rewrite::mention_format("a/data.csv", "x,y\n") == MentionFormat::none);
}

TEST_CASE("rewrite: the Markdown scan's code ranges are the ones path mentions parse for", "[rewrite][mentions]") {
  for (std::string text : {std::string("# T\n\nRun `bash a/b.sh` and\n\n```sh\ncd 3.test_cases/x\nls\n```\n"),
                           std::string("- item `x/y`\n  ```\n  nested\n  ```\n\n    indented code\n\n| a | `b/c` |\n|---|---|\n"),
                           std::string("<div>\n`not code`\n</div>\n\n> quote `q/r` [l](`x`)\n~~~\nfence ~~~\n"),
                           std::string("``a ` b``  `unclosed\n\n[x]: y\n`z`\r\n\r\n```\r\nwin\r\n```\r\n")}) {
    INFO(text);
    markdown::MarkdownScan scan = markdown::scan_markdown(text);
    REQUIRE(scan.code_read);
    CHECK(scan.code == rewrite::markdown_code_ranges(text));
  }
  // Invalid UTF-8 is scanned from a sanitized copy: its code is parsed again from the bytes themselves.
  CHECK_FALSE(markdown::scan_markdown("`a\xff`\n").code_read);
}

TEST_CASE("rewrite: tree diagrams and aligned scripts keep their comment column", "[rewrite][mentions][columns]") {
  Files f;
  f.content["0.docs/index.md"] = "# Docs\n";
  f.content["1.architectures/setup.sh"] = "#!/bin/sh\n";
  f.content["1.architectures/5.sagemaker-hyperpod/README.md"] = "# HyperPod\n";
  f.content["3.test_cases/README.md"] = "# Examples\n";
  f.content["4.validation_and_obs/tools/x.sh"] = "#!/bin/sh\n";
  f.content["4.validation_and_monitoring/y.sh"] = "#!/bin/sh\n";
  f.content["README.md"] =
      "# Layout\n"
      "\n"
      "```\n"
      ".\n"
      "├── 0.docs/                     # Documentation\n"
      "├── 1.architectures/            # Cluster architectures\n"
      "│   ├── 5.sagemaker-hyperpod/   # HyperPod\n"
      "├── 4.validation_and_obs/tools/ # Tools\n"
      "├── 4.validation_and_monitoring/# Tools, no space\n"
      "└── 3.test_cases/               # Examples\n"
      "```\n"
      "\n"
      "    0.docs/index.md     # an indented code block\n"
      "    3.test_cases/       # is code too\n"
      "\n"
      "`0.docs/   # a code span`\n"
      "`1.arch/   # in a sentence`\n";
  f.content["scripts/paths.sh"] =
      "#!/bin/bash\n"
      "DOCS=0.docs/index.md            # the docs\n"
      "ARCH=1.architectures/setup.sh   # the cluster\n"
      "cd 0.docs  # a lone comment keeps its spaces\n";
  Reorg r(f,
          "version: 1\nmoves:\n  - from: 0.docs\n    to: docs\n  - from: 1.architectures\n    to: architectures\n"
          "  - from: 1.architectures/5.sagemaker-hyperpod\n    to: architectures/sagemaker-hyperpod\n"
          "  - from: 3.test_cases\n    to: test_cases\n  - from: 4.validation_and_obs/tools\n    to: validation/tools\n"
          "  - from: 4.validation_and_monitoring\n    to: validation\n");
  CHECK(r.content(f, "README.md") ==
        "# Layout\n"
        "\n"
        "```\n"
        ".\n"
        "├── docs/                       # Documentation\n"
        "├── architectures/              # Cluster architectures\n"
        "│   ├── sagemaker-hyperpod/     # HyperPod\n"
        "├── validation/tools/           # Tools\n"
        "├── validation/                 # Tools, no space\n"
        "└── test_cases/                 # Examples\n"
        "```\n"
        "\n"
        "    docs/index.md       # an indented code block\n"
        "    test_cases/         # is code too\n"
        "\n"
        "`docs/   # a code span`\n"
        "`1.arch/   # in a sentence`\n");
  CHECK(r.content(f, "scripts/paths.sh") ==
        "#!/bin/bash\n"
        "DOCS=docs/index.md              # the docs\n"
        "ARCH=architectures/setup.sh     # the cluster\n"
        "cd docs  # a lone comment keeps its spaces\n");
  // One edit per name, the spaces in it: counted once, listed with why.
  std::size_t mentions = 0, with_spaces = 0;
  for (const auto& file : r.result.files)
    for (const core::Edit& e : file.edits) {
      mentions += e.kind == "path-mention";
      with_spaces += !e.reason.empty();
      if (!e.reason.empty()) CHECK(e.replacement.ends_with("  "));
    }
  CHECK(mentions == 12);
  CHECK(with_spaces == 10);
  CHECK(r.result.counts.at("path-mention") == mentions);
  CHECK(r.result.needs_review.empty());
}

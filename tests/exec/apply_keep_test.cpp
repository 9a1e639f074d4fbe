// `keep:` end to end on a throwaway repository: a kept subtree stays in the "Move files" commit while
// the rest of its rule's directory moves, links from moved files to kept ones are recomputed for the
// kept location, the plan lists the kept paths in each format, and a lookalike S3 URL is left alone.
// Then `check` on a directory that appeared after the mapping was written, with and without --allow-new.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/temp_repo.hpp"

namespace {

using gitreorg::testing::CommandResult;
using gitreorg::testing::TempRepo;

const char* kMapping =
    "version: 1\n"
    "repository:\n  urls: [https://github.com/aws-samples/awsome-distributed-training]\n"
    "moves:\n"
    "  - from: 1.architectures/5.sagemaker-hyperpod\n    to: architectures/sagemaker-hyperpod-slurm\n"
    "keep:\n"
    "  - 1.architectures/5.sagemaker-hyperpod/LifecycleScripts\n"
    "policy:\n  no_numeric_prefix: ['.']\n";

const char* kS3 =
    "[1-Click](https://console.aws.amazon.com/cloudformation/home#/stacks/quickcreate?templateURL="
    "https://awsome-distributed-training.s3.amazonaws.com/templates/1.architectures/5.sagemaker-hyperpod/Vpc.yaml&stackName=V)\n"
    "Encoded: https%3A%2F%2Fawsome-distributed-training.s3.amazonaws.com%2Ftemplates%2FFSx.yaml\n"
    "Bucket: https://awsome-distributed-training.s3.amazonaws.com/aws-samples/awsome-distributed-training/x.yaml\n";

void make_repo(TempRepo& r) {
  r.write("1.architectures/5.sagemaker-hyperpod/README.md",
          std::string("# HyperPod\n\nRun [on_create](LifecycleScripts/base-config/on_create.sh) and see the "
                      "[scripts](./LifecycleScripts/).\n") + kS3);
  r.write("1.architectures/5.sagemaker-hyperpod/tools/check.md", "Back to [the scripts](../LifecycleScripts/README.md).\n");
  r.write("1.architectures/5.sagemaker-hyperpod/LifecycleScripts/README.md", "See [the cluster README](../README.md).\n");
  r.write("1.architectures/5.sagemaker-hyperpod/LifecycleScripts/base-config/on_create.sh", "#!/bin/bash\necho create\n");
  r.write("README.md", "[HyperPod](1.architectures/5.sagemaker-hyperpod/README.md)\n");
  r.write(".git/m.yaml", kMapping);
  r.commit("old layout");
}

}  // namespace

TEST_CASE("apply keep: the kept subtree stays, the rest moves, links to and from it follow", "[exec][apply][keep]") {
  TempRepo r;
  make_repo(r);
  CommandResult res = r.reorg({"apply", ".git/m.yaml"});
  INFO(res.out << res.err);
  REQUIRE(res.exit_code == 0);
  // git itself: the "Move files" commit renames exactly the two files that are not kept.
  CHECK(gitreorg::testing::lines(r.git({"diff", "--name-status", "-M", "HEAD~2", "HEAD~1"}).out) ==
        std::vector<std::string>{
            "R100\t1.architectures/5.sagemaker-hyperpod/README.md\tarchitectures/sagemaker-hyperpod-slurm/README.md",
            "R100\t1.architectures/5.sagemaker-hyperpod/tools/check.md\tarchitectures/sagemaker-hyperpod-slurm/tools/check.md"});
  CHECK(r.git({"cat-file", "-e", "HEAD:1.architectures/5.sagemaker-hyperpod/LifecycleScripts/base-config/on_create.sh"}, true)
            .exit_code == 0);
  // Links from moved files point at the kept location; the kept README's link follows the moved one.
  std::string readme = r.read("architectures/sagemaker-hyperpod-slurm/README.md");
  CHECK(readme.find("[on_create](../../1.architectures/5.sagemaker-hyperpod/LifecycleScripts/base-config/on_create.sh)") !=
        std::string::npos);
  CHECK(readme.find("[scripts](../../1.architectures/5.sagemaker-hyperpod/LifecycleScripts/)") != std::string::npos);
  CHECK(r.read("architectures/sagemaker-hyperpod-slurm/tools/check.md") ==
        "Back to [the scripts](../../../1.architectures/5.sagemaker-hyperpod/LifecycleScripts/README.md).\n");
  CHECK(r.read("1.architectures/5.sagemaker-hyperpod/LifecycleScripts/README.md") ==
        "See [the cluster README](../../../architectures/sagemaker-hyperpod-slurm/README.md).\n");
  // The S3 bucket looks like the repository's name but is not its URL: byte-identical.
  CHECK(readme.substr(readme.size() - std::string(kS3).size()) == kS3);
  CHECK(r.git({"status", "--porcelain"}).out.empty());

  // Once the consumers are pinned: the same mapping without `keep:`, re-run, moves the kept subtree too.
  std::string without_keep = kMapping;
  without_keep.erase(without_keep.find("keep:\n"), std::string("keep:\n  - 1.architectures/5.sagemaker-hyperpod/LifecycleScripts\n").size());
  r.write(".git/m2.yaml", without_keep);
  CommandResult again = r.reorg({"apply", ".git/m2.yaml", "--allow-missing"});
  INFO(again.out << again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(r.read("architectures/sagemaker-hyperpod-slurm/LifecycleScripts/base-config/on_create.sh") == "#!/bin/bash\necho create\n");
  CHECK(r.read("architectures/sagemaker-hyperpod-slurm/README.md").find("[on_create](LifecycleScripts/base-config/on_create.sh)") !=
        std::string::npos);
  // Same depth as before, so the link written by the first run still resolves to the README: left as is.
  CHECK(r.read("architectures/sagemaker-hyperpod-slurm/LifecycleScripts/README.md") ==
        "See [the cluster README](../../../architectures/sagemaker-hyperpod-slurm/README.md).\n");
}

TEST_CASE("plan keep: kept paths in their own section of text, Markdown and JSON; where says kept", "[cli][keep]") {
  TempRepo r;
  make_repo(r);
  CommandResult text = r.reorg({"plan", ".git/m.yaml"});
  INFO(text.out << text.err);
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("Kept: 2 files stay where they are although a rule covers them (`keep:`)\n"
                      "     8  1.architectures/5.sagemaker-hyperpod/LifecycleScripts  2 files, held from the rule at line 5\n") !=
        std::string::npos);
  CommandResult md = r.reorg({"plan", ".git/m.yaml", "--format", "markdown"});
  CHECK(md.out.find("### Kept\n\n2 files stay where they are although a rule covers them (`keep:`):\n\n"
                    "| Line | Kept | Files | Why |\n|---:|---|---:|---|\n"
                    "| 8 | `1.architectures/5.sagemaker-hyperpod/LifecycleScripts` | 2 | held from the rule at line 5 |\n") !=
        std::string::npos);
  CommandResult js = r.reorg({"plan", ".git/m.yaml", "--format", "json"});
  auto doc = nlohmann::json::parse(js.out);
  CHECK(doc["summary"]["kept"] == 2);
  REQUIRE(doc["kept"].size() == 1);
  CHECK(doc["kept"][0]["path"] == "1.architectures/5.sagemaker-hyperpod/LifecycleScripts");
  CHECK(doc["kept"][0]["rule"] == 0);
  CHECK(doc["kept"][0]["files"] ==
        nlohmann::json::array({"1.architectures/5.sagemaker-hyperpod/LifecycleScripts/README.md",
                               "1.architectures/5.sagemaker-hyperpod/LifecycleScripts/base-config/on_create.sh"}));
  for (const auto& f : doc["files"]) CHECK(f["old"].get<std::string>().find("LifecycleScripts") == std::string::npos);
  CommandResult where = r.reorg({"where", ".git/m.yaml", "1.architectures/5.sagemaker-hyperpod/LifecycleScripts/"});
  CHECK(where.exit_code == 0);
  CHECK(where.out ==
        "1.architectures/5.sagemaker-hyperpod/LifecycleScripts/ (kept: `keep: 1.architectures/5.sagemaker-hyperpod/LifecycleScripts` "
        "at line 8; the rule at line 5 would move it to `architectures/sagemaker-hyperpod-slurm/LifecycleScripts`)\n");
}

TEST_CASE("check --allow-new: a numbered directory added after the mapping fails the policy, or warns", "[cli][uncovered]") {
  TempRepo r;
  make_repo(r);
  REQUIRE(r.reorg({"check", ".git/m.yaml"}).exit_code == 0);
  r.write("6.new-thing/README.md", "# New\n");
  r.commit("a new top-level directory");
  CommandResult strict = r.reorg({"check", ".git/m.yaml"});
  CHECK(strict.exit_code == 1);
  CHECK(strict.err.find("error: `6.new-thing` is not covered by any rule (new since the mapping was written?): its 1 file "
                        "stays; the rule that would cover it: `- from: 6.new-thing` `to: new-thing`; policy no_numeric_prefix forbids it") !=
        std::string::npos);
  CHECK(strict.err.find("keeps a numbered segment") == std::string::npos);
  CommandResult tolerant = r.reorg({"check", ".git/m.yaml", "--allow-new"});
  INFO(tolerant.err);
  CHECK(tolerant.exit_code == 0);
  CHECK(tolerant.err.find("warning: `6.new-thing` is not covered by any rule") != std::string::npos);
  CHECK(r.reorg({"check", ".git/m.yaml", "--allow-new", "--strict"}).exit_code == 1);
  // apply takes the flag too: the new directory stays where it is.
  CommandResult apply = r.reorg({"apply", ".git/m.yaml", "--allow-new", "--branch", "reorg/replay"});
  INFO(apply.err);
  REQUIRE(apply.exit_code == 0);
  CHECK(TempRepo::trim(r.git({"rev-parse", "--abbrev-ref", "HEAD"}).out) == "reorg/replay");
  CHECK(r.read("6.new-thing/README.md") == "# New\n");
}

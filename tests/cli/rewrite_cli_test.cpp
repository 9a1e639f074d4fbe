// `rewrite`, `invert` and `plan --format csv|redirects` run as users run them: the built binary on
// throwaway repositories, with the sample external documents of tests/external/ copied outside them.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/temp_repo.hpp"

using gitreorg::testing::CommandResult;
using gitreorg::testing::TempRepo;
namespace fs = std::filesystem;

namespace {

const char* kMapping = R"(version: 1
repository:
  urls: [https://github.com/acme/adt, https://github.com/acme-old/distributed-training]
  new_url: https://github.com/acme/adt
  branches: [main]
moves:
  - from: 0.docs
    to: docs
  - match: '1\.architectures/\d+\.([^/]+)'
    to: 'architectures/\1'
  - from: 3.test_cases/pytorch/FSDP
    to: examples/training/fsdp
)";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The repository the sample documents link to, with the old layout, and a directory outside it for
// the documents.
struct Fixture {
  TempRepo repo;
  TempRepo outside;  // its docs/ holds the documents (its .git, beside docs/, is not walked)
  Fixture() {
    repo.write("0.docs/overview.md", "# Overview\n");
    repo.write("1.architectures/2.slurm/cluster.yaml", "Resources: {}\n");
    repo.write("1.architectures/2.slurm/README.md", "# Slurm\n");
    repo.write("3.test_cases/pytorch/FSDP/README.md", "# FSDP\n");
    repo.write("3.test_cases/pytorch/FSDP/slurm/train.sbatch", "#!/bin/bash\n#SBATCH -N 2\nsrun train.py\n");
    repo.write("README.md", "# ADT\n");
    repo.write("mappings/reorg.yaml", kMapping);
    repo.commit("old layout");
  }
  std::string docs() const { return (outside.dir() / "docs").string(); }
};

}  // namespace

// A workshop guide's `git clone ... && cd <clone>/3.test_cases/...`: the path in the clone follows
// the move, and the clone is named after the URL it is cloned from, which new_url renames.
TEST_CASE("cli: rewrite follows paths in a clone of the repository, renamed with new_url", "[cli][rewrite][clone]") {
  Fixture f;
  f.repo.write("mappings/reorg.yaml", std::string(kMapping) + "  - from: README.md\n    to: README.md\n");
  std::string mapping = kMapping;
  mapping.replace(mapping.find("  branches: [main]\n"), 0, "  name: distributed-training\n");
  f.repo.write("mappings/reorg.yaml", mapping);
  f.repo.commit("the clone's name");
  f.outside.write("docs/guide.md",
                  "# Guide\n\n```bash\ngit clone https://github.com/acme-old/distributed-training.git\n"
                  "cd distributed-training/3.test_cases/pytorch/FSDP\nsbatch distributed-training/3.test_cases/pytorch/FSDP/slurm/train.sbatch\n"
                  "ls distributed-training/3.test_cases/gone\ncat other-clone/3.test_cases/pytorch/FSDP/README.md\n```\n\n"
                  "Then read distributed-training/0.docs/overview.md.\n");
  CommandResult check = f.repo.reorg({"rewrite", "mappings/reorg.yaml", f.docs(), "--check"});
  INFO(check.out << check.err);
  CHECK(check.exit_code == 1);
  CHECK(check.err.find("guide.md:5:4: warning: `distributed-training/3.test_cases/pytorch/FSDP` in a clone of the repository "
                       "moved to `adt/examples/training/fsdp`") != std::string::npos);
  CHECK(check.err.find("guide.md:7:4: warning: `distributed-training/3.test_cases/gone` in a clone of the repository: looks like "
                       "an old path but names nothing in the tree; left as is") != std::string::npos);
  CHECK(check.err.find("1 URL to the repository and 4 paths in a clone of it in 1 document: 4 stale in 1 file, 0 pinned, "
                       "1 to no known path") != std::string::npos);
  CommandResult json = f.repo.reorg({"rewrite", "mappings/reorg.yaml", f.docs(), "--check", "--format", "json"});
  auto doc = nlohmann::json::parse(json.out);
  CHECK(doc["clone_paths"] == 4);
  CHECK(doc["files"][0]["edits"][1]["kind"] == "path-mention");

  CommandResult r = f.repo.reorg({"rewrite", "mappings/reorg.yaml", f.docs()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("guide.md: rewrote 1 URL and 3 paths in a clone\n") != std::string::npos);
  CHECK(slurp(fs::path(f.docs()) / "guide.md") ==
        "# Guide\n\n```bash\ngit clone https://github.com/acme/adt.git\n"
        "cd adt/examples/training/fsdp\nsbatch adt/examples/training/fsdp/slurm/train.sbatch\n"
        "ls distributed-training/3.test_cases/gone\ncat other-clone/3.test_cases/pytorch/FSDP/README.md\n```\n\n"
        "Then read adt/docs/overview.md.\n");
  // Run again: nothing is stale.
  CommandResult again = f.repo.reorg({"rewrite", "mappings/reorg.yaml", f.docs(), "--check"});
  CHECK(again.err.find("0 stale") != std::string::npos);
  // A document with no URL at all, only a path in a clone (the clone made in an earlier step).
  f.outside.write("docs/step2.sh", "cd ~/distributed-training/3.test_cases/pytorch/FSDP && sbatch slurm/train.sbatch\n");
  CommandResult only = f.repo.reorg({"rewrite", "mappings/reorg.yaml", (fs::path(f.docs()) / "step2.sh").string()});
  INFO(only.out << only.err);
  CHECK(slurp(fs::path(f.docs()) / "step2.sh") == "cd ~/adt/examples/training/fsdp && sbatch slurm/train.sbatch\n");
}

TEST_CASE("cli: rewrite --check lists the sample documents' stale URLs and rewrite fixes them", "[cli][rewrite]") {
  Fixture f;
  fs::create_directories(f.docs());
  for (const char* name : {"workshop-guide.md", "cluster-stack.yaml"})
    fs::copy_file(fs::path(GITREORG_SOURCE_DIR) / "tests/external" / name, fs::path(f.docs()) / name,
                  fs::copy_options::overwrite_existing);
  fs::path guide = fs::path(f.docs()) / "workshop-guide.md";
  fs::path stack = fs::path(f.docs()) / "cluster-stack.yaml";
  std::string guide_before = slurp(guide), stack_before = slurp(stack);

  CommandResult check = f.repo.reorg({"rewrite", "mappings/reorg.yaml", f.docs(), "--check"});
  CHECK(check.exit_code == 1);
  CHECK(check.err.find(guide.string() + ":3:27: warning: URL `https://github.com/acme/adt/blob/main/0.docs/overview.md` moved "
                                        "to `https://github.com/acme/adt/blob/main/docs/overview.md`") != std::string::npos);
  CHECK(check.err.find(guide.string() + ":4:10: warning: URL `https://github.com/acme-old/distributed-training/tree/main/"
                                        "1.architectures/2.slurm` moved to `https://github.com/acme/adt/tree/main/architectures/slurm`") !=
        std::string::npos);
  CHECK(check.err.find(stack.string() + ":7:20: warning: URL") != std::string::npos);
  CHECK(check.err.find("10 URLs to the repository in 2 documents: 7 stale in 2 files, 1 pinned, 0 to no known path") !=
        std::string::npos);
  CHECK(check.err.find("v1.0") == std::string::npos);  // the pinned URL is not reported
  CHECK(slurp(guide) == guide_before);                  // --check changes nothing
  CHECK(slurp(stack) == stack_before);

  CommandResult json = f.repo.reorg({"rewrite", "mappings/reorg.yaml", f.docs(), "--check", "--format", "json"});
  CHECK(json.exit_code == 1);
  nlohmann::json j = nlohmann::json::parse(json.out);
  CHECK(j["schema"] == "git-reorg-rewrite");
  CHECK(j["schema_version"] == 1);
  CHECK(j["stale"] == 7);
  CHECK(j["pinned"] == 1);
  CHECK(j["diagnostics"].size() == 7);
  CommandResult github = f.repo.reorg({"rewrite", "mappings/reorg.yaml", f.docs(), "--check", "--format", "github"});
  CHECK(github.out.find("::warning file=" + guide.string() + ",line=3,col=27") != std::string::npos);

  CommandResult dry = f.repo.reorg({"rewrite", "mappings/reorg.yaml", f.docs(), "-n"});
  CHECK(dry.exit_code == 0);
  CHECK(dry.out.find(guide.string() + ": would rewrite 5 URLs") != std::string::npos);
  CHECK(slurp(guide) == guide_before);

  CommandResult write = f.repo.reorg({"rewrite", "mappings/reorg.yaml", f.docs()});
  CHECK(write.exit_code == 0);
  CHECK(write.out.find(stack.string() + ": rewrote 2 URLs\n  7: https://raw.githubusercontent.com/acme/adt/main/1.architectures/"
                                        "2.slurm/cluster.yaml -> https://raw.githubusercontent.com/acme/adt/main/architectures/"
                                        "slurm/cluster.yaml\n") != std::string::npos);
  std::string guide_after = slurp(guide);
  CHECK(guide_after.find("https://github.com/acme/adt/tree/main/architectures/slurm\">Slurm") != std::string::npos);
  CHECK(guide_after.find("curl -O https://raw.githubusercontent.com/acme/adt/main/architectures/slurm/cluster.yaml\n") !=
        std::string::npos);
  CHECK(guide_after.find("https://github.com/acme/adt/tree/main/examples/training/fsdp/)") != std::string::npos);
  CHECK(guide_after.find("https://github.com/acme/adt/blob/main/examples/training/fsdp/slurm/train.sbatch#L3") != std::string::npos);
  CHECK(guide_after.find("https://github.com/acme/adt/blob/v1.0/3.test_cases/pytorch/FSDP/slurm/train.sbatch") != std::string::npos);
  std::string stack_after = slurp(stack);
  CHECK(stack_after.find("templateURL=https://adt.s3.amazonaws.com/1.architectures/2.slurm/cluster.yaml") != std::string::npos);
  CHECK(stack_after.find("\"https://github.com/acme/adt/tree/main/docs\"") != std::string::npos);
  // Only the URLs changed: the same number of lines, and no temporary file left beside them.
  CHECK(std::count(guide_after.begin(), guide_after.end(), '\n') == std::count(guide_before.begin(), guide_before.end(), '\n'));
  std::size_t entries = 0;
  for (auto& e : fs::directory_iterator(f.docs())) entries += e.is_regular_file();
  CHECK(entries == 2);

  // Rewritten documents are up to date: a second check finds nothing, a second rewrite changes nothing.
  CommandResult again = f.repo.reorg({"rewrite", "mappings/reorg.yaml", f.docs(), "--check"});
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("0 stale in 0 files, 1 pinned, 0 to no known path") != std::string::npos);
  CHECK(f.repo.reorg({"rewrite", "mappings/reorg.yaml", f.docs()}).exit_code == 0);
  CHECK(slurp(guide) == guide_after);
}

TEST_CASE("cli: rewrite after the migration is merged reads the old tree from the commit before it", "[cli][rewrite]") {
  Fixture f;
  fs::create_directories(f.docs());
  fs::path doc = fs::path(f.docs()) / "notes.txt";
  std::ofstream(doc) << "see https://github.com/acme/adt/blob/main/3.test_cases/pytorch/FSDP/README.md\n"
                        "and https://github.com/acme/adt/blob/main/3.test_cases/pytorch/deleted.py\n";
  REQUIRE(f.repo.reorg({"apply", "mappings/reorg.yaml"}).exit_code == 0);
  CommandResult check = f.repo.reorg({"rewrite", "mappings/reorg.yaml", doc.string(), "--check"});
  CHECK(check.exit_code == 1);
  CHECK(check.err.find("note: HEAD has the new layout") != std::string::npos);
  CHECK(check.err.find(":1:5: warning: URL `https://github.com/acme/adt/blob/main/3.test_cases/pytorch/FSDP/README.md` moved to "
                       "`https://github.com/acme/adt/blob/main/examples/training/fsdp/README.md`") != std::string::npos);
  CHECK(check.err.find(":2:5: warning: URL `https://github.com/acme/adt/blob/main/3.test_cases/pytorch/deleted.py` names "
                       "`3.test_cases/pytorch/deleted.py`, which is in neither the old nor the new tree") != std::string::npos);
  CommandResult write = f.repo.reorg({"rewrite", "mappings/reorg.yaml", doc.string()});
  CHECK(write.exit_code == 0);
  CHECK(slurp(doc) == "see https://github.com/acme/adt/blob/main/examples/training/fsdp/README.md\n"
                      "and https://github.com/acme/adt/blob/main/3.test_cases/pytorch/deleted.py\n");
}

TEST_CASE("cli: rewrite refuses a missing document and a mapping without repository URLs", "[cli][rewrite]") {
  Fixture f;
  CommandResult missing = f.repo.reorg({"rewrite", "mappings/reorg.yaml", "no-such-file.md"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("`no-such-file.md` does not exist") != std::string::npos);
  f.repo.write(".git/plain.yaml", "version: 1\nmoves:\n  - from: 0.docs\n    to: docs\n");
  f.repo.write(".git/doc.md", "x\n");
  CommandResult plain = f.repo.reorg({"rewrite", ".git/plain.yaml", ".git/doc.md"});
  CHECK(plain.exit_code == 1);
  CHECK(plain.err.find("no `repository:` section") != std::string::npos);
}

TEST_CASE("cli: invert prints a mapping that, applied after the mapping, restores the tree", "[cli][invert]") {
  Fixture f;
  f.repo.write("docs/existing.md", "# already here\n");  // 0.docs joins it: the inverse must leave it
  std::string orig = f.repo.commit("docs/ exists");
  std::string orig_tree = TempRepo::trim(f.repo.git({"rev-parse", orig + "^{tree}"}).out);
  CommandResult inv = f.repo.reorg({"invert", "mappings/reorg.yaml", "-o", ".git/inverse.yaml"});
  REQUIRE(inv.exit_code == 0);
  std::string yaml = f.repo.read(".git/inverse.yaml");
  CHECK(yaml.find("  - from: 'architectures/slurm'\n    to: '1.architectures/2.slurm'\n") != std::string::npos);
  CHECK(yaml.find("  - from: 'docs/existing.md'\n    to: 'docs/existing.md'\n") != std::string::npos);
  REQUIRE(f.repo.reorg({"apply", "mappings/reorg.yaml"}).exit_code == 0);
  CHECK(f.repo.git({"ls-tree", "-r", "--name-only", "HEAD"}).out.find("examples/training/fsdp/README.md") != std::string::npos);
  CommandResult back = f.repo.reorg({"apply", ".git/inverse.yaml"});
  REQUIRE(back.exit_code == 0);
  // git's own view: the paths (and modes) are those of the original tree.
  CHECK(f.repo.git({"diff", "--stat", "--no-renames", orig_tree, "HEAD", "--", ".", ":!mappings"}).out.empty());
  CHECK(f.repo.git({"ls-tree", "-r", "--name-only", orig_tree}).out == f.repo.git({"ls-tree", "-r", "--name-only", "HEAD"}).out);
}

TEST_CASE("cli: plan --format csv and --format redirects", "[cli][plan]") {
  Fixture f;
  CommandResult csv = f.repo.reorg({"plan", "mappings/reorg.yaml", "--format", "csv"});
  CHECK(csv.exit_code == 0);
  CHECK(csv.out ==
        "old_path,new_path\r\n"
        "0.docs/overview.md,docs/overview.md\r\n"
        "1.architectures/2.slurm/README.md,architectures/slurm/README.md\r\n"
        "1.architectures/2.slurm/cluster.yaml,architectures/slurm/cluster.yaml\r\n"
        "3.test_cases/pytorch/FSDP/README.md,examples/training/fsdp/README.md\r\n"
        "3.test_cases/pytorch/FSDP/slurm/train.sbatch,examples/training/fsdp/slurm/train.sbatch\r\n");
  CommandResult red = f.repo.reorg({"plan", "mappings/reorg.yaml", "--format", "redirects", "-o", ".git/_redirects"});
  CHECK(red.exit_code == 0);
  std::string text = f.repo.read(".git/_redirects");
  CHECK(text.substr(text.find('\n') + 1) ==
        "/3.test_cases/pytorch/FSDP /examples/training/fsdp 301\n"
        "/3.test_cases/pytorch/FSDP/* /examples/training/fsdp/:splat 301\n"
        "/1.architectures/2.slurm /architectures/slurm 301\n"
        "/1.architectures/2.slurm/* /architectures/slurm/:splat 301\n"
        "/0.docs /docs 301\n"
        "/0.docs/* /docs/:splat 301\n");
}

TEST_CASE("cli: rewrite keeps a script executable, writes a symlink's target, and runs with -C", "[cli][rewrite]") {
  Fixture f;
  fs::create_directories(f.docs());
  fs::path script = fs::path(f.docs()) / "fetch.sh";
  std::ofstream(script) << "#!/bin/sh\ncurl -O https://raw.githubusercontent.com/acme/adt/main/0.docs/overview.md\n";
  fs::permissions(script, fs::perms(0750));
  fs::path target = f.outside.dir() / "real.md";
  std::ofstream(target) << "[o](https://github.com/acme/adt/blob/main/0.docs/overview.md)\n";
  fs::path link = f.outside.dir() / "link.md";
  fs::create_symlink(target, link);
  // From outside the repository: -C names its clone, the documents are absolute paths.
  CommandResult r = gitreorg::testing::run_command(
      {GITREORG_CLI_PATH, "-C", f.repo.dir().string(), "rewrite", "mappings/reorg.yaml", script.string(), link.string()},
      f.outside.dir(), gitreorg::testing::fixed_git_env(1));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(slurp(script) == "#!/bin/sh\ncurl -O https://raw.githubusercontent.com/acme/adt/main/docs/overview.md\n");
  CHECK((fs::status(script).permissions() & fs::perms::all) == fs::perms(0750));
  CHECK(fs::is_symlink(link));
  CHECK(slurp(target) == "[o](https://github.com/acme/adt/blob/main/docs/overview.md)\n");
}

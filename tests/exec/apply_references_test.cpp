// `apply` with the reference rewriter: a "Move files" commit of pure renames, then an "Update
// references" commit with the edited links, URLs and symlinks; a crash at any step (including the one
// writing edited files) recovers; a migration that would add a broken link is refused.
#include <catch2/catch.hpp>

#include <sstream>

#include "support/temp_repo.hpp"

namespace {

using gitreorg::testing::CommandResult;
using gitreorg::testing::kFaultKilled;
using gitreorg::testing::TempRepo;
namespace fs = std::filesystem;

const char* kMapping =
    "version: 1\n"
    "repository:\n  urls: [https://github.com/example-org/demo]\n"
    "moves:\n"
    "  - from: 3.test_cases/pytorch/FSDP\n    to: examples/fsdp\n"
    "  - from: 0.docs\n    to: docs\n";

// Old layout with references in every direction: an unmoved file linking into a moved directory, a
// moved file linking to an unmoved one, a URL on main and one pinned to a tag, a relative symlink.
void make_repo(TempRepo& r) {
  r.write("README.md",
          "# Demo\n\nSee [FSDP](3.test_cases/pytorch/FSDP/README.md#usage) and the [docs](./0.docs/).\r\n"
          "Online: https://github.com/example-org/demo/blob/main/3.test_cases/pytorch/FSDP/train.py#L3\n"
          "Pinned: https://github.com/example-org/demo/blob/v1.0/3.test_cases/pytorch/FSDP/train.py\n");
  r.write("3.test_cases/pytorch/FSDP/README.md", "# FSDP\n\n## Usage\n\nBack to the [top](../../../README.md).\n");
  r.write("3.test_cases/pytorch/FSDP/train.py", "import torch\n\nprint('train')\n");
  r.write("0.docs/index.md", "# Docs\n\n![arch](img/arch.png)\n");
  r.write("0.docs/img/arch.png", std::string("\x89PNG\r\n\x1a\n\0\0", 10));
  r.write("common/env.sh", "export X=1\n");
  r.symlink("../../../common/env.sh", "3.test_cases/pytorch/FSDP/env.sh");
  r.write(".git/m.yaml", kMapping);
  r.commit("old layout");
}

std::string show(TempRepo& r, const std::string& spec) { return r.git({"show", spec}).out; }

std::size_t lines_of(const std::string& s) {
  std::size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace

TEST_CASE("apply: references are rewritten in a second commit on top of pure renames", "[exec][apply]") {
  TempRepo r;
  make_repo(r);
  std::string old_head = TempRepo::trim(r.git({"rev-parse", "HEAD"}).out);
  CommandResult res = r.reorg({"apply", ".git/m.yaml"});
  INFO(res.out << res.err);
  REQUIRE(res.exit_code == 0);
  CHECK(TempRepo::trim(r.git({"rev-parse", "HEAD~2"}).out) == old_head);
  CHECK(TempRepo::trim(r.git({"log", "-1", "--format=%s", "HEAD~1"}).out) == "Move files");
  CHECK(TempRepo::trim(r.git({"log", "-1", "--format=%s", "HEAD"}).out) == "Update references");

  // Commit 1: only exact renames.
  for (const std::string& l : {std::string("R100\t0.docs/index.md\tdocs/index.md"),
                               std::string("R100\t3.test_cases/pytorch/FSDP/README.md\texamples/fsdp/README.md"),
                               std::string("R100\t3.test_cases/pytorch/FSDP/env.sh\texamples/fsdp/env.sh")})
    CHECK(r.git({"diff", "-M", "--name-status", "HEAD~2", "HEAD~1"}).out.find(l) != std::string::npos);
  CHECK(r.git({"diff", "-M", "--name-status", "--diff-filter=AMD", "HEAD~2", "HEAD~1"}).out.empty());

  // Commit 2: only modifications, byte-exact outside the edits (the CRLF stays).
  CHECK(r.git({"diff", "--name-status", "HEAD~1", "HEAD"}).out ==
        "M\tREADME.md\nM\texamples/fsdp/README.md\nM\texamples/fsdp/env.sh\n");
  CHECK(show(r, "HEAD:README.md") ==
        "# Demo\n\nSee [FSDP](examples/fsdp/README.md#usage) and the [docs](./docs/).\r\n"
        "Online: https://github.com/example-org/demo/blob/main/examples/fsdp/train.py#L3\n"
        "Pinned: https://github.com/example-org/demo/blob/v1.0/3.test_cases/pytorch/FSDP/train.py\n");
  CHECK(show(r, "HEAD:examples/fsdp/README.md") == "# FSDP\n\n## Usage\n\nBack to the [top](../../README.md).\n");
  CHECK(fs::read_symlink(r.dir() / "examples/fsdp/env.sh") == "../../common/env.sh");
  CHECK(r.read("examples/fsdp/env.sh") == "export X=1\n");
  CHECK(r.git({"status", "--porcelain"}).out.empty());
  CHECK(r.git({"fsck", "--strict"}).exit_code == 0);
  CHECK(r.reorg({"links"}).exit_code == 0);
  // Files moved and edited still follow their history through the pure-rename commit.
  CHECK(lines_of(r.git({"log", "--follow", "--format=%H", "--", "examples/fsdp/README.md"}).out) == 3);
}

TEST_CASE("apply: a crash while references are written recovers both ways", "[exec][apply]") {
  for (int step : {5, 6, 7, 8}) {
    for (bool abort : {false, true}) {
      DYNAMIC_SECTION("step " << step << (abort ? " --abort" : " --continue")) {
        TempRepo r;
        make_repo(r);
        std::string old_head = TempRepo::trim(r.git({"rev-parse", "HEAD"}).out);
        std::string old_readme = r.read("README.md");
        CommandResult crash = r.reorg({"apply", ".git/m.yaml"}, {{"GITREORG_FAULT_AFTER_STEP", std::to_string(step)}});
        REQUIRE(crash.exit_code == kFaultKilled);
        CommandResult rec = r.reorg({"apply", abort ? "--abort" : "--continue"});
        INFO(rec.out << rec.err);
        CHECK(rec.exit_code == 0);
        CHECK(r.git({"fsck", "--strict"}).exit_code == 0);
        CHECK(r.git({"status", "--porcelain"}).out.empty());
        if (abort) {
          CHECK(TempRepo::trim(r.git({"rev-parse", "HEAD"}).out) == old_head);
          CHECK(r.read("README.md") == old_readme);
          CHECK(fs::exists(r.dir() / "3.test_cases/pytorch/FSDP/train.py"));
        } else {
          CHECK(TempRepo::trim(r.git({"rev-parse", "HEAD~2"}).out) == old_head);
          CHECK(r.read("README.md").find("[FSDP](examples/fsdp/README.md#usage)") != std::string::npos);
          CHECK(fs::is_symlink(r.dir() / "examples/fsdp/env.sh"));
        }
      }
    }
  }
}

// The lines of `out` that append to .git-blame-ignore-revs, as printed.
std::vector<std::string> blame_ignore_commands(const std::string& out) {
  std::vector<std::string> found;
  std::istringstream in(out);
  for (std::string l; std::getline(in, l);)
    if (l.rfind("  echo ", 0) == 0 && l.find(">> .git-blame-ignore-revs") != std::string::npos) found.push_back(l.substr(2));
  return found;
}

TEST_CASE("apply: prints the command that hides the references commit from blame, and it does", "[exec][apply][blame]") {
  TempRepo r;
  make_repo(r);
  CommandResult res = r.reorg({"apply", ".git/m.yaml"});
  INFO(res.out << res.err);
  REQUIRE(res.exit_code == 0);
  std::string refs = TempRepo::trim(r.git({"rev-parse", "HEAD"}).out);
  REQUIRE(TempRepo::trim(r.git({"log", "-1", "--format=%s", refs}).out) == "Update references");
  std::vector<std::string> commands = blame_ignore_commands(res.out);
  REQUIRE(commands == std::vector<std::string>{"echo " + refs + " >> .git-blame-ignore-revs"});
  CHECK(res.out.find("only if the pull request is merged with a merge commit: a squash") != std::string::npos);

  // Without the file, git blame gives the rewritten URL line to the references commit; with it, to the
  // commit that wrote the line.
  std::string old_head = TempRepo::trim(r.git({"rev-parse", "HEAD~2"}).out);
  CHECK(r.git({"blame", "--porcelain", "-L3,3", "README.md"}).out.rfind(refs, 0) == 0);
  CommandResult sh = gitreorg::testing::run_command({"sh", "-c", commands[0]}, r.dir());
  REQUIRE(sh.exit_code == 0);
  CHECK(r.read(".git-blame-ignore-revs") == refs + "\n");
  CommandResult blamed = r.git({"blame", "--porcelain", "--ignore-revs-file", ".git-blame-ignore-revs", "-L3,3", "README.md"});
  INFO(blamed.out << blamed.err);
  CHECK(blamed.out.rfind(old_head, 0) == 0);

  SECTION("a mapping that only moves has no references commit and prints no command") {
    TempRepo m;
    m.write("0.docs/index.md", "# Docs\n");
    m.write(".git/m.yaml", "version: 1\nmoves:\n  - from: 0.docs\n    to: docs\n");
    m.commit("old");
    CommandResult moved = m.reorg({"apply", ".git/m.yaml"});
    INFO(moved.out << moved.err);
    REQUIRE(moved.exit_code == 0);
    CHECK(TempRepo::trim(m.git({"log", "-1", "--format=%s"}).out) == "Move files");
    CHECK(blame_ignore_commands(moved.out).empty());
    CHECK(moved.out.find(".git-blame-ignore-revs") == std::string::npos);
  }
}

TEST_CASE("apply: a migration that would add a broken link is refused unless --allow-broken", "[exec][apply]") {
  // Swapping two files of different lengths: the `#L3` line anchor follows its file, so nothing
  // breaks and apply goes ahead.
  TempRepo r;
  r.write("README.md", "# Readme\n\nSee [step 3](run.sh#L3).\n");
  r.write("run.sh", "#!/bin/sh\necho 1\necho 2\n");
  r.write("short/run.sh", "#!/bin/sh\n");
  r.write(".git/m.yaml", "version: 1\nmoves:\n  - from: run.sh\n    to: short/run.sh\n  - from: short/run.sh\n    to: run.sh\n");
  r.commit("layout");
  CommandResult ok = r.reorg({"apply", ".git/m.yaml"});
  INFO(ok.out << ok.err);
  REQUIRE(ok.exit_code == 0);
  CHECK(r.read("README.md") == "# Readme\n\nSee [step 3](short/run.sh#L3).\n");

  // A link whose target exists only as a directory the mapping dissolves into the repository root
  // cannot be followed: the rewriter leaves it, and the migration would break it.
  TempRepo s;
  s.write("README.md", "See [all tools](tools/).\n");
  s.write("tools/a/x.sh", "x\n");
  s.write("tools/b/y.sh", "y\n");
  s.write(".git/m.yaml", "version: 1\nmoves:\n  - from: tools/a\n    to: a\n  - from: tools/b\n    to: b\n");
  s.commit("layout");
  std::string before = TempRepo::trim(s.git({"rev-parse", "HEAD"}).out);
  CommandResult refused = s.reorg({"apply", ".git/m.yaml"});
  INFO(refused.out << refused.err);
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("README.md:1:17: error: broken link `tools/`") != std::string::npos);
  CHECK(refused.err.find("error: the migration would break links (0 broken before, 1 after); fix the mapping or pass --allow-broken") !=
        std::string::npos);
  CHECK(refused.err.find("nothing was changed") != std::string::npos);
  // `check` and `plan` see the same problem before anyone applies anything.
  CHECK(s.reorg({"check", ".git/m.yaml"}).exit_code == 1);
  CHECK(s.reorg({"plan", ".git/m.yaml"}).exit_code == 1);
  CHECK(s.reorg({"check", ".git/m.yaml", "--allow-broken"}).exit_code == 0);
  CHECK(TempRepo::trim(s.git({"rev-parse", "HEAD"}).out) == before);
  CHECK(s.git({"status", "--porcelain"}).out.empty());
  CHECK(fs::exists(s.dir() / "tools/a/x.sh"));

  CommandResult forced = s.reorg({"apply", ".git/m.yaml", "--allow-broken"});
  CHECK(forced.exit_code == 0);
  CHECK(forced.err.find("warning: broken link `tools/`") != std::string::npos);
  CHECK(fs::exists(s.dir() / "a/x.sh"));
}

TEST_CASE("check: links broken before the migration are one note, and only the links it breaks are errors", "[exec][apply]") {
  TempRepo r;
  // Line 1 was broken before; line 3 breaks because `tools/` is dissolved; line 5 was broken and its
  // file moves (the rewrite leaves it, so it is still the same broken link).
  r.write("README.md", "See [gone](missing.md).\n\nSee [all tools](tools/).\n");
  r.write("docs/guide.md", "# Guide\n\n\n\n[old](nowhere.md)\n");
  r.write("tools/a/x.sh", "x\n");
  r.write("tools/b/y.sh", "y\n");
  r.write(".git/m.yaml",
          "version: 1\nmoves:\n  - from: tools/a\n    to: a\n  - from: tools/b\n    to: b\n  - from: docs\n    to: guide\n");
  r.commit("layout");
  CommandResult c = r.reorg({"check", ".git/m.yaml"});
  INFO(c.out << c.err);
  CHECK(c.exit_code == 1);
  CHECK(c.err.find("README.md:3:17: error: broken link `tools/`: `tools` does not exist (the migration breaks this link)") !=
        std::string::npos);
  CHECK(c.err.find("`missing.md`") == std::string::npos);
  CHECK(c.err.find("`nowhere.md`") == std::string::npos);
  CHECK(c.err.find("error: the migration would break links (2 broken before, 3 after)") != std::string::npos);
  CHECK(c.err.find("note: 2 links were already broken before the migration (left as is); `git reorg links --suggest` lists them") !=
        std::string::npos);

  // Without the link it breaks, the old ones fail nothing, not even --strict.
  r.write(".git/m.yaml", "version: 1\nmoves:\n  - from: docs\n    to: guide\n");
  CommandResult strict = r.reorg({"check", ".git/m.yaml", "--strict"});
  INFO(strict.out << strict.err);
  CHECK(strict.exit_code == 0);
  CHECK(strict.err.find("note: 2 links were already broken") != std::string::npos);
  CHECK(strict.err.find("warning") == std::string::npos);
}

// Seen in the real repository: a README written after the mapping links to the new layout already
// (`blob/main/architectures/efa-cheatsheet.md` while the file is still at `1.architectures/`). That
// is not a broken URL to review but one the migration makes valid: a note, and --strict passes.
TEST_CASE("check: a URL to where the migration puts a file is a note, not a warning", "[exec][apply][urls]") {
  TempRepo r;
  r.write("1.architectures/efa-cheatsheet.md", "# EFA\n");
  r.write("README.md", "Ahead: https://github.com/o/r/blob/main/architectures/efa-cheatsheet.md and\n"
                       "https://github.com/o/r/tree/main/architectures, gone: https://github.com/o/r/blob/main/nowhere.md\n");
  r.write(".git/m.yaml", "version: 1\nrepository:\n  urls: [https://github.com/o/r]\nmoves:\n"
                         "  - from: 1.architectures\n    to: architectures\n");
  r.commit("layout");
  CommandResult c = r.reorg({"check", ".git/m.yaml", "--strict"});
  INFO(c.out << c.err);
  CHECK(c.err.find("README.md:1:8: note: URL `https://github.com/o/r/blob/main/architectures/efa-cheatsheet.md` names "
                   "`architectures/efa-cheatsheet.md`, which is not in the tree yet but is where this migration puts a "
                   "file or directory: it works once the migration is merged") != std::string::npos);
  CHECK(c.err.find("README.md:2:1: note: URL `https://github.com/o/r/tree/main/architectures` names `architectures`") !=
        std::string::npos);
  // A path in neither tree is still a warning, and fails --strict (which shows it as an error).
  CHECK(c.err.find("README.md:2:55: error: URL `https://github.com/o/r/blob/main/nowhere.md` points to a path that is "
                   "not in the tree") != std::string::npos);
  CHECK(c.exit_code == 1);
  r.write("README.md", "Ahead: https://github.com/o/r/blob/main/architectures/efa-cheatsheet.md\n");
  r.commit("only the one ahead");
  CommandResult strict = r.reorg({"check", ".git/m.yaml", "--strict"});
  INFO(strict.out << strict.err);
  CHECK(strict.exit_code == 0);
  // Plan lists it in no review section, and apply leaves it as written.
  CommandResult p = r.reorg({"plan", ".git/m.yaml", "--files"});
  CHECK(p.out.find("efa-cheatsheet.md`:") == std::string::npos);
  REQUIRE(r.reorg({"apply", ".git/m.yaml"}).exit_code == 0);
  CHECK(r.read("README.md") == "Ahead: https://github.com/o/r/blob/main/architectures/efa-cheatsheet.md\n");
}

// Seen in the real repository: a script clones `.../awsome-distributed-training/` and works in
// `awsome-distributed-training/1.architectures/...`. With new_url the clone URL becomes the new name's,
// so a clone is a directory of the new name: every path in it follows, moved or not, and the name
// alone (`REPO_NAME="..."`) is listed for review rather than guessed.
TEST_CASE("apply: a README's tree diagram keeps its comments in their column", "[exec][apply][columns]") {
  TempRepo r;
  r.write("0.docs/index.md", "# Docs\n");
  r.write("1.architectures/setup.sh", "echo setup\n");
  r.write("1.architectures/5.sagemaker-hyperpod/README.md", "# HyperPod\n");
  r.write("3.test_cases/README.md", "# Examples\n");
  r.write("README.md",
          "# Layout\n\n```\n.\n"
          "├── 0.docs/                     # Documentation\n"
          "├── 1.architectures/            # Cluster architectures\n"
          "│   ├── 5.sagemaker-hyperpod/   # HyperPod\n"
          "└── 3.test_cases/               # Examples\n"
          "```\n");
  r.write(".git/m.yaml", "version: 1\nmoves:\n  - from: 0.docs\n    to: docs\n  - from: 1.architectures\n    to: architectures\n"
                         "  - from: 1.architectures/5.sagemaker-hyperpod\n    to: architectures/sagemaker-hyperpod-eks-and-slurm\n"
                         "  - from: 3.test_cases\n    to: test_cases\n");
  r.commit("layout");
  // The plan lists one edit per name, the spaces with it, and why.
  CommandResult p = r.reorg({"plan", ".git/m.yaml", "--files"});
  INFO(p.out << p.err);
  CHECK(p.out.find("References: 4 edits in 1 files (path-mention 4)") != std::string::npos);
  CHECK(p.out.find("README.md:5: path-mention: 0.docs/" + std::string(21, ' ') + " -> docs/" + std::string(23, ' ') +
                   " (spaces before the comment 21 -> 23: it keeps its column)") != std::string::npos);
  CHECK(p.out.find("README.md:7: path-mention: 5.sagemaker-hyperpod/    -> sagemaker-hyperpod-eks-and-slurm/   "
                   "(spaces before the comment 3 -> 2: the line is too long for the comment's column)") != std::string::npos);
  REQUIRE(r.reorg({"apply", ".git/m.yaml"}).exit_code == 0);
  // A longer name than the column has room for keeps two of its spaces.
  CHECK(show(r, "HEAD:README.md") ==
        "# Layout\n\n```\n.\n"
        "├── docs/                       # Documentation\n"
        "├── architectures/              # Cluster architectures\n"
        "│   ├── sagemaker-hyperpod-eks-and-slurm/  # HyperPod\n"
        "└── test_cases/                 # Examples\n"
        "```\n");
  CHECK(r.git({"status", "--porcelain"}).out.empty());
}

TEST_CASE("apply: a README's padded table is padded again after its paths change", "[exec][apply][tables]") {
  TempRepo r;
  r.write("1.architectures/README.md", "# Architectures\n");
  r.write("3.test_cases/README.md", "# Examples\n");
  const std::string unaligned = "| a | b |\n|---|---|\n| [x](1.architectures/README.md) | y |\n";
  r.write("README.md",
          "# Layout\n\n"
          "| Directory                    | What              |\n"
          "|:-----------------------------|------------------:|\n"
          "| `1.architectures`            | Cluster templates |\n"
          "| [3.test_cases](3.test_cases) | Examples          |\n"
          "\n" + unaligned);
  r.write(".git/m.yaml", "version: 1\nmoves:\n  - from: 1.architectures\n    to: architectures\n"
                         "  - from: 3.test_cases\n    to: test_cases\n");
  r.commit("layout");
  // The plan lists and counts the references only; the rows re-padded are counted apart.
  CommandResult p = r.reorg({"plan", ".git/m.yaml", "--files"});
  INFO(p.out << p.err);
  CHECK(p.out.find("References: 4 edits in 1 files (link-text 1, markdown-link 2, path-mention 1; also counted: table-padding 3)") !=
        std::string::npos);
  CHECK(p.out.find("table-padding:") == std::string::npos);
  REQUIRE(r.reorg({"apply", ".git/m.yaml"}).exit_code == 0);
  CHECK(show(r, "HEAD:README.md") ==
        "# Layout\n\n"
        "| Directory                | What              |\n"
        "|:-------------------------|------------------:|\n"
        "| `architectures`          | Cluster templates |\n"
        "| [test_cases](test_cases) | Examples          |\n"
        "\n| a | b |\n|---|---|\n| [x](architectures/README.md) | y |\n");
  CHECK(r.git({"status", "--porcelain"}).out.empty());
}

TEST_CASE("apply: with new_url, paths in the repository's clone take the clone's new name", "[exec][apply][clone]") {
  TempRepo r;
  r.write("1.architectures/setup.sh", "echo setup\n");
  r.write("tools/keep.sh", "echo keep\n");
  r.write("scripts/install.sh",
          "REPO_NAME=\"old-name\"\ngit clone --depth=1 https://github.com/o/old-name/\n"
          "bash old-name/1.architectures/setup.sh\nbash old-name/tools/keep.sh\n");
  r.write(".git/m.yaml", "version: 1\nrepository:\n  urls: [https://github.com/o/new-name, https://github.com/o/old-name]\n"
                         "  new_url: https://github.com/o/new-name\n  name: old-name\nmoves:\n"
                         "  - from: 1.architectures\n    to: architectures\n");
  r.commit("layout");
  CommandResult p = r.reorg({"plan", ".git/m.yaml", "--files"});
  INFO(p.out << p.err);
  CHECK(p.out.find("scripts/install.sh:1: `old-name`: the clone's directory name: a clone of the new URL is `new-name`") !=
        std::string::npos);
  REQUIRE(r.reorg({"apply", ".git/m.yaml"}).exit_code == 0);
  CHECK(r.read("scripts/install.sh") ==
        "REPO_NAME=\"old-name\"\ngit clone --depth=1 https://github.com/o/new-name/\n"
        "bash new-name/architectures/setup.sh\nbash new-name/tools/keep.sh\n");
  // A `name:` that no URL gives is a directory the instructions choose: it stays.
  TempRepo own;
  own.write("1.architectures/setup.sh", "echo setup\n");
  own.write("run.sh", "bash mydir/1.architectures/setup.sh\n");
  own.write(".git/m.yaml", "version: 1\nrepository:\n  urls: [https://github.com/o/old-name]\n"
                           "  new_url: https://github.com/o/new-name\n  name: mydir\nmoves:\n"
                           "  - from: 1.architectures\n    to: architectures\n");
  own.commit("layout");
  REQUIRE(own.reorg({"apply", ".git/m.yaml"}).exit_code == 0);
  CHECK(own.read("run.sh") == "bash mydir/architectures/setup.sh\n");
}

TEST_CASE("links --suggest proposes fixes for old link rot, and apply --fix-broken makes them", "[exec][apply][repair]") {
  TempRepo r;
  // One `../` short before the move, and one with no plausible target.
  r.write("README.md", "# Top\n");
  r.write("1.architectures/vpc/README.md", "# VPC\n");
  r.write("3.test_cases/pytorch/FSDP/README.md", "Set up [a cluster](../../1.architectures) and [x](nowhere.md).\n");
  r.write(".git/m.yaml",
          "version: 1\nmoves:\n  - from: 1.architectures\n    to: architectures\n  - from: 3.test_cases/pytorch/FSDP\n"
          "    to: examples/fsdp\n");
  r.commit("layout");

  CommandResult suggest = r.reorg({"links", "--suggest"});
  INFO(suggest.out << suggest.err);
  CHECK(suggest.exit_code == 1);
  CHECK(suggest.err.find("3.test_cases/pytorch/FSDP/README.md:1:20: note: suggested fix: `../../1.architectures` -> "
                         "`../../../1.architectures` (`1.architectures` is the only path it can mean)") != std::string::npos);
  CHECK(suggest.out.find("2 broken, 1 with a suggested fix") != std::string::npos);

  CommandResult plan = r.reorg({"check", ".git/m.yaml"});
  INFO(plan.out << plan.err);
  CHECK(plan.exit_code == 0);
  CHECK(plan.err.find("2 links were already broken before the migration (left as is); 1 of them has one plausible target "
                      "(`--fix-broken` fixes it)") != std::string::npos);

  CommandResult applied = r.reorg({"apply", ".git/m.yaml", "--fix-broken"});
  INFO(applied.out << applied.err);
  REQUIRE(applied.exit_code == 0);
  CHECK(applied.err.find("fixed 1 link that was already broken (--fix-broken)") != std::string::npos);
  CHECK(applied.err.find("1 link was already broken before the migration (left as is)") != std::string::npos);
  // The fix points at the target's new place from the file's new place, in the references commit.
  CHECK(r.read("examples/fsdp/README.md") == "Set up [a cluster](../../architectures) and [x](nowhere.md).\n");
  CHECK(r.git({"diff", "--name-only", "HEAD~1", "HEAD"}).out == "examples/fsdp/README.md\n");
  // The git CLI as the oracle: the fixed link resolves, the other is still the only broken one.
  CHECK(r.reorg({"links"}).out.find("1 broken") != std::string::npos);
}

TEST_CASE("links --suggest follows a target that moved in an earlier commit, and apply --fix-broken fixes it", "[exec][apply][repair]") {
  TempRepo r;
  r.write("README.md", "Read [the setup](docs/setup.md) and run [the tools](tools/).\n"
                       "Online: https://github.com/o/r/blob/main/docs/setup.md and https://github.com/o/r/blob/v1/docs/setup.md\n");
  r.write("docs/setup.md", "# Setup\n");
  r.write("tools/run.sh", "echo run\n");
  r.commit("base");
  // Two commits ago the setup guide moved (the README was not updated); then the tools moved too.
  fs::create_directories(r.dir() / "guide");
  r.git({"mv", "docs/setup.md", "guide/setup.md"});
  std::string moved = r.commit("move the setup guide");
  r.git({"mv", "tools", "scripts"});
  std::string tools = r.commit("move the tools");
  r.write("CHANGES.md", "changes\n");
  r.commit("unrelated");
  // The git CLI as the oracle: `git log --follow` finds the file's old name in that commit.
  CHECK(r.git({"log", "--follow", "--format=%H", "--diff-filter=R", "--", "guide/setup.md"}).out == moved + "\n");

  CommandResult suggest = r.reorg({"links", "--suggest"});
  INFO(suggest.out << suggest.err);
  CHECK(suggest.exit_code == 1);
  CHECK(suggest.err.find("README.md:1:18: note: suggested fix: `docs/setup.md` -> `guide/setup.md` (`docs/setup.md` moved to "
                         "`guide/setup.md` in " + moved.substr(0, 12) + ")") != std::string::npos);
  CHECK(suggest.err.find("suggested fix: `tools/` -> `scripts/` (`tools` moved to `scripts` in " + tools.substr(0, 12) + ")") !=
        std::string::npos);
  CHECK(suggest.out.find("2 broken, 2 with a suggested fix") != std::string::npos);
  CommandResult json = r.reorg({"links", "--suggest", "--format", "json"});
  CHECK(json.out.find("\"moved_in\": \"" + moved.substr(0, 12) + "\"") != std::string::npos);

  // The fix follows the migration's own move too, and the plan gives its reason under "Read first".
  r.write(".git/m.yaml", "version: 1\nrepository:\n  urls: [https://github.com/o/r]\nmoves:\n  - from: guide\n    to: handbook\n");
  CommandResult plan = r.reorg({"plan", ".git/m.yaml", "--fix-broken"});
  INFO(plan.out << plan.err);
  CHECK(plan.out.find("README.md:1: broken-link-fix: docs/setup.md -> handbook/setup.md (`docs/setup.md` moved to "
                      "`guide/setup.md` in " + moved.substr(0, 12) + ")") != std::string::npos);
  // The URL on the first branch follows the same renames; the one on a tag stays.
  CHECK(plan.out.find("README.md:2: broken-url-fix: https://github.com/o/r/blob/main/docs/setup.md -> "
                      "https://github.com/o/r/blob/main/handbook/setup.md (`docs/setup.md` moved to `guide/setup.md` in " +
                      moved.substr(0, 12) + ")") != std::string::npos);
  CommandResult applied = r.reorg({"apply", ".git/m.yaml", "--fix-broken"});
  INFO(applied.out << applied.err);
  REQUIRE(applied.exit_code == 0);
  CHECK(applied.err.find("fixed 2 links that were already broken (--fix-broken)") != std::string::npos);
  CHECK(r.read("README.md") == "Read [the setup](handbook/setup.md) and run [the tools](scripts/).\n"
                               "Online: https://github.com/o/r/blob/main/handbook/setup.md and https://github.com/o/r/blob/v1/docs/setup.md\n");
  CHECK(r.reorg({"links"}).exit_code == 0);
}

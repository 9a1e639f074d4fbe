// The whole rewrite stage on in-memory repositories: symlinks, URLs and links together, counts, and a
// round trip through a mapping and its inverse.
#include <catch2/catch.hpp>

#include "gitreorg/rewrite/pull_request_diff.hpp"
#include "gitreorg/rewrite/squash_similarity.hpp"
#include "gitreorg/rewrite/symlinks.hpp"
#include "rewrite/rewrite_fixture.hpp"

using namespace gitreorg;
using gitreorg::testing::Files;
using gitreorg::testing::Moves;
using gitreorg::testing::Reorg;

namespace {

Files sample() {
  Files f;
  f.content["README.md"] =
      "# Demo\r\n\r\nStart with [FSDP](3.test_cases/FSDP/README.md) or [slurm](1.architectures/slurm/).\r\n"
      "Raw: https://raw.githubusercontent.com/aws/adt/main/3.test_cases/FSDP/train.py\r\n"
      "Pinned: https://github.com/aws/adt/blob/v1.0/3.test_cases/FSDP/train.py\r\n";
  f.content["3.test_cases/FSDP/README.md"] =
      "See [the cluster](../../1.architectures/slurm/README.md#setup), [train](./train.py) and [home](/README.md).\n\n"
      "[ref]: ../../README.md";
  f.content["3.test_cases/FSDP/train.py"] = "# https://github.com/aws/adt/tree/main/1.architectures/slurm\nprint(1)\n";
  f.content["1.architectures/slurm/README.md"] = "## Setup\n![diagram](../../docs/img/d.png)\n";
  f.content["docs/img/d.png"] = std::string("\x89PNG\0\0", 6);
  f.content["3.test_cases/FSDP/common"] = "../../1.architectures/slurm";
  f.symlinks["3.test_cases/FSDP/common"] = true;
  f.content["abs"] = "/etc/passwd";
  f.symlinks["abs"] = true;
  return f;
}

const char* kMapping = R"(version: 1
repository:
  urls: [https://github.com/aws/adt]
  branches: [main]
moves:
  - from: 3.test_cases/FSDP
    to: examples/training/fsdp
  - from: 1.architectures/slurm
    to: infra/slurm
)";

const char* kInverse = R"(version: 1
repository:
  urls: [https://github.com/aws/adt]
  branches: [main]
moves:
  - from: examples/training/fsdp
    to: 3.test_cases/FSDP
  - from: infra/slurm
    to: 1.architectures/slurm
)";

}  // namespace

TEST_CASE("rewrite: references across a repository", "[rewrite]") {
  Files before = sample();
  Reorg r(before, kMapping);
  CHECK(r.content(before, "README.md") ==
        "# Demo\r\n\r\nStart with [FSDP](examples/training/fsdp/README.md) or [slurm](infra/slurm/).\r\n"
        "Raw: https://raw.githubusercontent.com/aws/adt/main/examples/training/fsdp/train.py\r\n"
        "Pinned: https://github.com/aws/adt/blob/v1.0/3.test_cases/FSDP/train.py\r\n");
  CHECK(r.content(before, "3.test_cases/FSDP/README.md") ==
        "See [the cluster](../../../infra/slurm/README.md#setup), [train](./train.py) and [home](/README.md).\n\n"
        "[ref]: ../../../README.md");
  CHECK(r.content(before, "3.test_cases/FSDP/train.py") == "# https://github.com/aws/adt/tree/main/infra/slurm\nprint(1)\n");
  CHECK(r.content(before, "1.architectures/slurm/README.md") == "## Setup\n![diagram](../../docs/img/d.png)\n");
  CHECK(r.content(before, "3.test_cases/FSDP/common") == "../../../infra/slurm");
  CHECK(r.content(before, "abs") == "/etc/passwd");
  CHECK(r.result.counts.at("markdown-link") == 4);
  CHECK(r.result.counts.at("github-url") == 2);
  CHECK(r.result.counts.at("symlink") == 1);
  CHECK(r.result.counts.at("pinned-url") == 1);
  for (const auto& f : r.result.files) {
    if (f.old_path == "3.test_cases/FSDP/common") {
      CHECK(f.new_path == "examples/training/fsdp/common");
      CHECK(f.mode == core::kModeSymlink);
    }
  }
}

TEST_CASE("rewrite: measures taken with the old content give what the later stages compute, without a read", "[rewrite][squash]") {
  Files before = sample();
  Reorg r(before, kMapping);  // rewritten without measures: squash and diff read each old blob
  // Scripted so that some moved files fall under git's rename threshold (deleted and added in the diff).
  rewrite::SimilarityScore score = [](std::string_view a, std::string_view b) { return int((a.size() * 7 + b.size()) % 101); };
  rewrite::DiffSizer size = [](std::string_view old_path, std::string_view a, std::string_view new_path, std::string_view b) {
    return core::DiffSize{a.size() + 3 * b.size(), old_path.size() * 100 + new_path.size()};
  };
  core::BlobReader read = before.reader();
  diag::Sink sink;
  std::vector<rewrite::SquashBreak> breaks = rewrite::squash_similarity(r.plan, r.result.files, std::vector{read}, score, sink);
  r.result.squash_breaks = breaks;
  rewrite::PullRequestDiff diff = rewrite::pull_request_diff(r.rp, r.result, std::vector{read}, {}, {}, size);

  const rewrite::RewriteMeasures measures{[](std::string_view c) { return "id:" + std::string(c); }, score, size};
  rewrite::ReferenceRewrite m =
      rewrite::rewrite_references(r.rp, [&] { return read; }, 1, nullptr, {}, nullptr, &measures);
  REQUIRE(m.files.size() == r.result.files.size());
  int split = 0;
  for (const rewrite::FileRewrite& f : m.files) {
    CHECK(f.measured);
    CHECK(f.new_oid == "id:" + f.new_content);
    split += f.old_path != f.new_path && f.similarity < rewrite::kSquashRenameThreshold;
  }
  CHECK(split >= 2);  // the symlink (0) and a regular file at least: both shapes of the diff are compared
  core::BlobReader no_read = [](const std::string& oid) -> std::string { FAIL("read " << oid); return ""; };
  rewrite::SimilarityScore no_score = [](std::string_view, std::string_view) -> int { FAIL("scored again"); return 0; };
  rewrite::DiffSizer no_size = [](std::string_view p, std::string_view, std::string_view, std::string_view) -> core::DiffSize {
    FAIL("sized again: " << p);
    return {};
  };
  diag::Sink measured_sink;
  std::vector<rewrite::SquashBreak> measured_breaks = rewrite::squash_similarity(r.plan, m.files, std::vector{no_read}, no_score, measured_sink);
  REQUIRE(measured_breaks.size() == breaks.size());
  for (std::size_t i = 0; i < breaks.size(); ++i) {
    CHECK(measured_breaks[i].path == breaks[i].path);
    CHECK(measured_breaks[i].similarity == breaks[i].similarity);
  }
  CHECK(measured_sink.all().size() == sink.all().size());
  m.squash_breaks = measured_breaks;
  rewrite::PullRequestDiff measured_diff = rewrite::pull_request_diff(r.rp, m, std::vector{no_read}, {}, {}, no_size);
  CHECK(measured_diff.files == diff.files);
  CHECK(measured_diff.total.lines == diff.total.lines);
  CHECK(measured_diff.total.bytes == diff.total.bytes);
  CHECK(measured_diff.collapsed == diff.collapsed);
  CHECK(measured_diff.cut == diff.cut);
}

TEST_CASE("rewrite: a mapping and its inverse give the original bytes back", "[rewrite]") {
  Files before = sample();
  Reorg forward(before, kMapping);
  Files middle = forward.after(before);
  CHECK(middle.content.count("examples/training/fsdp/README.md") == 1);
  Reorg back(middle, kInverse);
  Files restored = back.after(middle);
  CHECK(restored.content == before.content);
}

TEST_CASE("rewrite: symlink targets", "[rewrite]") {
  Moves m({"bin/tool", "lib/x.so", "lib/y.so"}, {{"bin/tool", "tools/bin/tool"}, {"lib/x.so", "libs/x.so"}});
  diag::Sink sink;
  auto e = rewrite::rewrite_symlink("bin/tool", "tools/bin/tool", "../lib/x.so", *m.map, sink);
  REQUIRE(e);
  CHECK(e->replacement == "../../libs/x.so");
  CHECK_FALSE(rewrite::rewrite_symlink("lib/link", "lib/link", "y.so", *m.map, sink));
  CHECK_FALSE(rewrite::rewrite_symlink("bin/tool", "tools/bin/tool", "/usr/lib/x.so", *m.map, sink));
  CHECK(sink.all().empty());
  CHECK_FALSE(rewrite::rewrite_symlink("bin/tool", "tools/bin/tool", "../../outside", *m.map, sink));
  REQUIRE(sink.all().size() == 1);
  CHECK(sink.all()[0].message == "symlink target `../../outside` points outside the repository (left as is)");
}

// External documents: the repository's URLs in text that is not in the repository, by kind of text,
// with pinned refs, URLs already rewritten, deleted paths and an import's URLs.
#include <catch2/catch.hpp>

#include <unordered_set>

#include "gitreorg/rewrite/external_documents.hpp"
#include "rewrite/rewrite_fixture.hpp"

using namespace gitreorg;
using gitreorg::testing::Files;
using gitreorg::testing::Reorg;

namespace {

const char* kYaml = R"(version: 1
repository:
  urls: [https://github.com/acme/adt, https://github.com/old-org/adt]
  new_url: https://github.com/acme/adt
  branches: [main]
moves:
  - from: 3.test_cases/FSDP
    to: examples/training/fsdp
  - match: '1\.architectures/\d+\.([^/]+)'
    to: 'architectures/\1'
)";

Files files() {
  Files f;
  f.content["3.test_cases/FSDP/README.md"] = "# FSDP\n";
  f.content["3.test_cases/FSDP/train.py"] = "print()\n";
  f.content["1.architectures/2.slurm/setup.sh"] = "#!/bin/sh\n";
  f.content["README.md"] = "# Top\n";
  f.content["3.test_cases/FSDP/caf\xc3\xa9 notes.md"] = "# Notes\n";
  return f;
}

struct External {
  Files before = files();
  Reorg reorg{before, kYaml};
  rewrite::GithubUrls host{*reorg.mapping.repository, reorg.rp.move_model()};
  std::unordered_set<std::string> current;
  diag::Sink sink;
  External() {
    for (const auto& f : reorg.plan.files)
      for (std::string p = f.new_path; !p.empty(); p = p.substr(0, p.rfind('/') == std::string::npos ? 0 : p.rfind('/')))
        current.insert(p);
  }
  rewrite::DocumentRewrite run(const std::string& text, bool report = true) {
    return rewrite::rewrite_document("doc", text, {&host, {}, &current}, report, sink);
  }
};

}  // namespace

TEST_CASE("external: Markdown, HTML, YAML, JSON and shell text all have their URLs rewritten", "[rewrite][external]") {
  External x;
  std::string md =
      "See [FSDP](https://github.com/old-org/adt/tree/main/3.test_cases/FSDP) and\n"
      "<a href=\"https://github.com/acme/adt/blob/main/1.architectures/2.slurm/setup.sh\">setup</a>.\n"
      "TemplateURL: https://raw.githubusercontent.com/acme/adt/main/3.test_cases/FSDP/train.py\n"
      "{\"url\": \"https://github.com/acme/adt/raw/main/3.test_cases/FSDP/train.py\"}\n"
      "curl -O https://raw.githubusercontent.com/acme/adt/refs/heads/main/1.architectures/2.slurm/setup.sh\n";
  rewrite::DocumentRewrite d = x.run(md);
  CHECK(d.urls == 5);
  REQUIRE(d.edits.size() == 5);
  CHECK(d.new_content ==
        "See [FSDP](https://github.com/acme/adt/tree/main/examples/training/fsdp) and\n"
        "<a href=\"https://github.com/acme/adt/blob/main/architectures/slurm/setup.sh\">setup</a>.\n"
        "TemplateURL: https://raw.githubusercontent.com/acme/adt/main/examples/training/fsdp/train.py\n"
        "{\"url\": \"https://github.com/acme/adt/raw/main/examples/training/fsdp/train.py\"}\n"
        "curl -O https://raw.githubusercontent.com/acme/adt/refs/heads/main/architectures/slurm/setup.sh\n");
  // Each stale URL is a warning at its line and column.
  REQUIRE(x.sink.all().size() == 5);
  CHECK(x.sink.all()[1].pos.line == 2);
  CHECK(x.sink.all()[1].pos.column == 10);
  CHECK(x.sink.all()[1].message ==
        "URL `https://github.com/acme/adt/blob/main/1.architectures/2.slurm/setup.sh` moved to "
        "`https://github.com/acme/adt/blob/main/architectures/slurm/setup.sh`");
  CHECK(x.sink.source("doc") != nullptr);
}

TEST_CASE("external: pinned URLs, other repositories and the rewritten text are left alone", "[rewrite][external]") {
  External x;
  std::string text =
      "https://github.com/acme/adt/blob/v1.0.0/3.test_cases/FSDP/train.py\n"
      "https://github.com/acme/adt/tree/0123456789abcdef0123456789abcdef01234567/3.test_cases/FSDP\n"
      "https://github.com/acme/adt-2/blob/main/3.test_cases/FSDP/train.py\n"
      "https://adt.s3.amazonaws.com/3.test_cases/FSDP/train.py\n"
      "https://github.com/acme/adt/blob/main/README.md\n";
  rewrite::DocumentRewrite d = x.run(text);
  CHECK(d.edits.empty());
  CHECK(d.pinned == 2);
  CHECK(d.missing == 0);
  CHECK(x.sink.all().empty());
  // Rewriting twice changes nothing the second time: new paths are current, not unknown.
  rewrite::DocumentRewrite once = x.run("https://github.com/old-org/adt/tree/main/3.test_cases/FSDP/train.py\n", false);
  REQUIRE(once.edits.size() == 1);
  rewrite::DocumentRewrite twice = x.run(once.new_content);
  CHECK(twice.edits.empty());
  CHECK(twice.current == 1);
  CHECK(twice.missing == 0);
  CHECK(x.sink.all().empty());  // report_moves off for the first run, nothing stale in the second
}

TEST_CASE("external: a URL given as another URL's query value ends at the next parameter", "[rewrite][external]") {
  External x;
  rewrite::DocumentRewrite d = x.run(
      "https://console.aws.amazon.com/cloudformation/home#/stacks/quickcreate?templateURL="
      "https://raw.githubusercontent.com/acme/adt/main/1.architectures/2.slurm/setup.sh&stackName=slurm\n");
  REQUIRE(d.edits.size() == 1);
  CHECK(d.missing == 0);
  CHECK(d.new_content ==
        "https://console.aws.amazon.com/cloudformation/home#/stacks/quickcreate?templateURL="
        "https://raw.githubusercontent.com/acme/adt/main/architectures/slurm/setup.sh&stackName=slurm\n");
}

TEST_CASE("external: a URL to a path in neither tree is reported and kept", "[rewrite][external]") {
  External x;
  rewrite::DocumentRewrite d = x.run("old: https://github.com/old-org/adt/blob/main/3.test_cases/gone/run.sh\n");
  CHECK(d.edits.empty());
  CHECK(d.missing == 1);
  REQUIRE(x.sink.all().size() == 1);
  CHECK(x.sink.all()[0].pos.column == 6);
  CHECK(x.sink.all()[0].message.find("`3.test_cases/gone/run.sh`, which is in neither the old nor the new tree") !=
        std::string::npos);
}

TEST_CASE("external: binary files are skipped", "[rewrite][external]") {
  External x;
  std::string bin("https://github.com/acme/adt/blob/main/3.test_cases/FSDP/train.py\0", 66);
  rewrite::DocumentRewrite d = x.run(bin);
  CHECK(d.skipped == "skipped-binary");
  CHECK(d.edits.empty());
}

// Percent-encoded paths (issue 14): decoded to look them up, in the old tree and in the new one
// (a URL already rewritten is current), and the new path written in the URL's spelling.
TEST_CASE("external: percent-encoded URLs are stale, current, pinned or missing by their decoded path",
          "[rewrite][external][encoded-url]") {
  External x;
  std::string text =
      "[n](https://github.com/old-org/adt/blob/main/3.test_cases/FSDP/caf%C3%A9%20notes.md#top)\n"
      "current https://github.com/acme/adt/blob/main/examples/training/fsdp/caf%C3%A9%20notes.md\n"
      "pinned https://github.com/acme/adt/blob/v1.0/3.test_cases/FSDP/caf%C3%A9%20notes.md\n"
      "gone https://github.com/acme/adt/blob/main/3.test_cases/FSDP/caf%C3%A9%20gone.md\n";
  rewrite::DocumentRewrite d = x.run(text);
  REQUIRE(d.edits.size() == 1);
  CHECK(d.pinned == 1);
  CHECK(d.current == 1);
  CHECK(d.missing == 1);
  CHECK(d.new_content ==
        "[n](https://github.com/acme/adt/blob/main/examples/training/fsdp/caf%C3%A9%20notes.md#top)\n"
        "current https://github.com/acme/adt/blob/main/examples/training/fsdp/caf%C3%A9%20notes.md\n"
        "pinned https://github.com/acme/adt/blob/v1.0/3.test_cases/FSDP/caf%C3%A9%20notes.md\n"
        "gone https://github.com/acme/adt/blob/main/3.test_cases/FSDP/caf%C3%A9%20gone.md\n");
  // What --check reports: the stale URL at its line and column, the missing one by its decoded path.
  REQUIRE(x.sink.all().size() == 2);
  CHECK(x.sink.all()[0].pos.line == 1);
  CHECK(x.sink.all()[0].pos.column == 5);
  CHECK(x.sink.all()[0].message ==
        "URL `https://github.com/old-org/adt/blob/main/3.test_cases/FSDP/caf%C3%A9%20notes.md#top` moved to "
        "`https://github.com/acme/adt/blob/main/examples/training/fsdp/caf%C3%A9%20notes.md#top`");
  CHECK(x.sink.all()[1].message.find("names `3.test_cases/FSDP/caf\xc3\xa9 gone.md`, which is in neither") != std::string::npos);
  // The rewritten text is not stale again.
  rewrite::DocumentRewrite again = x.run(d.new_content, false);
  CHECK(again.edits.empty());
  CHECK(again.current == 2);
}

// The pre-filter's needles for a move, and its decision on texts that hold one, hold one only once
// decoded, or hold none (the identity of whole plans with and without it: prefilter_identity_test).
#include <catch2/catch.hpp>

#include <algorithm>

#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/planner.hpp"
#include "gitreorg/plan/repository_plan.hpp"
#include "gitreorg/rewrite/github_urls.hpp"
#include "gitreorg/rewrite/path_mentions.hpp"
#include "gitreorg/rewrite/prefilter.hpp"

using namespace gitreorg;

namespace {

// `1.tools/sub/moved` leaves its parent, `docs` is renamed, `olddir` is dissolved: `one.md` lands at
// the root (where the dissolved directory "goes"), `two.md` elsewhere.
struct Fixture {
  plan::RepositoryPlan rp;
  Fixture() {
    for (const char* p : {"README.md", "1.tools/sub/moved/run.sh", "1.tools/sub/moved/x/y.txt", "1.tools/sub/keep.sh", "docs/a.md",
                          "docs/img/p.png", "olddir/one.md", "olddir/two.md", "notes/n.md"})
      rp.tree.push_back({p, core::kModeFile, std::string(40, 'a')});
    std::sort(rp.tree.begin(), rp.tree.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    diag::Sink sink;
    rp.mapping = mapping::load_mapping(R"(version: 1
repository:
  urls: [https://github.com/Org/Repo]
moves:
  - from: 1.tools/sub/moved
    to: b/moved
  - from: docs
    to: guide
  - from: olddir/one.md
    to: one.md
  - from: olddir/two.md
    to: q/two.md
)",
                                       "m.yaml", sink);
    REQUIRE_FALSE(sink.has_errors());
    rp.plan = plan::plan_moves(rp.mapping, rp.tree, {}, sink);
    REQUIRE_FALSE(sink.has_errors());
    plan::build_move_model(rp);
  }
};

}  // namespace

TEST_CASE("prefilter: the needles are the displaced names, obsolete names, clones, `..` and the URLs' OWNER/REPO",
          "[rewrite][prefilter]") {
  Fixture f;
  const plan::MoveModel& moves = f.rp.move_model();
  REQUIRE(moves.dissolved("olddir"));
  rewrite::PathMentions mentions(moves, f.rp.tree, f.rp.mapping.repository->name);
  rewrite::GithubUrls urls(*f.rp.mapping.repository, moves);
  std::vector<std::string> clones{f.rp.mapping.repository->name, "sibling"};
  const rewrite::GithubUrls* url_list[] = {&urls};
  rewrite::PrefilterNeedles n = rewrite::prefilter_needles(moves, f.rp.tree, mentions, clones, url_list);
  // `moved` left its parent, `docs` was renamed, `olddir` dissolved, `two.md` did not land where its
  // dissolved directory went; `one.md` did, and what is inside `moved` and `docs` follows them.
  CHECK(n.names == std::vector<std::string>{"..", "Repo", "docs", "moved", "olddir", "sibling", "two.md"});
  CHECK(n.repositories == std::vector<std::string>{"org/repo"});
  CHECK(n.partly_moved == std::vector<std::string>{"1.tools", "sub"});
}

TEST_CASE("prefilter: a file is skipped only when it names no needle, even decoded", "[rewrite][prefilter]") {
  Fixture f;
  const plan::MoveModel& moves = f.rp.move_model();
  rewrite::PathMentions mentions(moves, f.rp.tree, f.rp.mapping.repository->name);
  rewrite::GithubUrls urls(*f.rp.mapping.repository, moves);
  std::vector<std::string> clones{f.rp.mapping.repository->name};
  const rewrite::GithubUrls* url_list[] = {&urls};
  rewrite::Prefilter filter(moves, rewrite::prefilter_needles(moves, f.rp.tree, mentions, clones, url_list));
  auto may = [&](std::string_view text, std::string_view path = "notes/n.md", std::string_view new_path = "") {
    return filter.may_reference(path, new_path.empty() ? path : new_path, text);
  };
  CHECK_FALSE(may("plain text, [a](other.md), Docs and moves\n"));
  CHECK(may("see the docs\n"));
  CHECK(may("[up](../README.md)\n"));
  CHECK(may("[x](do%63s/a.md)\n"));        // percent-encoded
  CHECK(may("[x](d&#111;cs/a.md)\n"));     // an entity
  CHECK(may("<a href=\"d&#111;cs/\">\n"));  // an entity in HTML
  CHECK(may("{\"p\": \"x\\/\\/y.txt\"}\n", "notes/c.json"));  // JSON's `\/`: `x//y.txt`, which a rewrite respells
  CHECK(may("cat x//y.txt\n", "notes/r.sh"));
  CHECK_FALSE(may("curl https://example.com/x\n", "notes/r.sh"));
  CHECK(may("cat sub/./f\n", "notes/r.sh"));
  CHECK(may("cat sub/.\n", "notes/r.sh"));
  CHECK_FALSE(may("cat sub/.hidden\n", "notes/r.sh"));
  // A directory holding a displaced path did not move as a whole: only before a pattern or after a
  // prefix nobody resolves does that matter.
  CHECK_FALSE(may("1.tools/sub is here\n", "notes/r.sh"));
  CHECK(may("for f in 1.tools/sub/*.sh; do\n", "notes/r.sh"));
  CHECK(may("ls ${X}/1.tools/sub\n", "notes/r.sh"));
  CHECK(may("ls $X/1.tools\n", "notes/r.sh"));
  CHECK(may("HTTPS://GITHUB.COM/ORG/REPO/blob/main/x\n"));  // URLs in any case
  CHECK(may("cd Repo/notes\n", "notes/r.sh"));             // the clone
  // Files whose own relative references change without naming anything: displaced, or in a
  // dissolved directory (a link to `./`). One that follows its directory is read like any other.
  CHECK(may("nothing\n", "olddir/two.md", "q/two.md"));
  CHECK(may("[here](./)\n", "olddir/one.md", "one.md"));
  CHECK_FALSE(may("[img](img/p.png) and [a](./a.md)\n", "docs/a.md", "guide/a.md"));
}

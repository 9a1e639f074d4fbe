// Planning imports on in-memory trees: every imported file moved or dropped, drops that drop nothing,
// collisions with the host's new tree and between imports, and `where NAME:PATH`.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/import_plan.hpp"
#include "gitreorg/plan/where.hpp"
#include "plan/tree_of.hpp"

using namespace gitreorg;
using gitreorg::testing::tree_of;

namespace {

// Host: a/x, README.md; `a` moves to `docs/a`. Import `sib`: 2.projects/engine/..., 3.use-cases/..., LICENSE, old/...
const char* kMapping = R"(version: 1
moves:
  - from: a
    to: docs/a
imports:
  - name: sib
    repo: ../sib
    moves:
      - from: 2.projects/engine
        to: examples/engine
      - match: '3\.use-cases/([^/]+)'
        to: 'examples/use-cases/\1'
      - from: LICENSE
        to: examples/LICENSE.sib
    drop: [old]
)";

struct Planned {
  diag::Sink sink;
  mapping::Mapping mapping;
  plan::Plan host;
  std::vector<plan::ImportPlan> imports;
  std::vector<std::string> errors;  // "LINE:COL: message"
};

void plan_all(Planned& p, const std::string& yaml, const core::Tree& host, const std::vector<core::Tree>& trees) {
  p.mapping = mapping::load_mapping(yaml, "m.yaml", p.sink);
  REQUIRE_FALSE(p.sink.has_errors());
  p.host = plan::plan_moves(p.mapping, host, {}, p.sink);
  for (std::size_t i = 0; i < trees.size(); ++i) {
    plan::ImportPlan ip;
    ip.import = i;
    ip.rules = mapping::import_rules(p.mapping, i);
    ip.tree = trees[i];
    plan::plan_import(p.mapping, ip, p.sink);
    p.imports.push_back(std::move(ip));
  }
  plan::check_import_collisions(p.mapping, p.host, p.imports, p.sink);
  for (auto& d : p.sink.all())
    if (d.severity == diag::Severity::error)
      p.errors.push_back(std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + ": " + d.message);
}

const core::Tree kHost = tree_of({"a/x", "README.md"});
const core::Tree kSib = tree_of({"2.projects/engine/README.md", "2.projects/engine/run.sh", "3.use-cases/chat/README.md",
                                 "3.use-cases/rag/app.py", "LICENSE", "old/notes.md", "old/more/x.md"});

}  // namespace

TEST_CASE("imports: every file of the imported tree goes to its mapped path or is dropped", "[plan][imports]") {
  Planned p;
  plan_all(p, kMapping, kHost, {kSib});
  CHECK(p.errors.empty());
  const plan::ImportPlan& ip = p.imports[0];
  std::vector<std::pair<std::string, std::string>> moves;
  for (auto& f : ip.plan.files) moves.emplace_back(f.old_path, f.new_path);
  CHECK(moves == std::vector<std::pair<std::string, std::string>>{
                     {"2.projects/engine/README.md", "examples/engine/README.md"},
                     {"2.projects/engine/run.sh", "examples/engine/run.sh"},
                     {"3.use-cases/chat/README.md", "examples/use-cases/chat/README.md"},
                     {"3.use-cases/rag/app.py", "examples/use-cases/rag/app.py"},
                     {"LICENSE", "examples/LICENSE.sib"}});
  CHECK(ip.dropped == std::vector<std::string>{"old/more/x.md", "old/notes.md"});
}

TEST_CASE("imports: unmapped files are one error listing them, with the move that would take most", "[plan][imports]") {
  Planned p;
  plan_all(p, kMapping, kHost,
           {tree_of({"2.projects/engine/README.md", "3.use-cases/chat/README.md", "LICENSE", "old/a", "1.infra/a.md",
                     "1.infra/b/c.md", "NOTICE"})});
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0] ==
        "8:5: import `sib`: 3 files of the imported tree are neither moved nor dropped: `1.infra/a.md`, `1.infra/b/c.md`, "
        "`NOTICE`; add a move (`- from: 1.infra` with its `to:` would take 2 of them) or list them under `drop:`");
}

TEST_CASE("imports: a drop or a move that names nothing is an error at its line", "[plan][imports]") {
  Planned p;
  plan_all(p, kMapping, kHost, {tree_of({"2.projects/engine/README.md", "3.use-cases/chat/README.md"})});
  CHECK(p.errors == std::vector<std::string>{"15:12: import `sib`: `drop: old` is not in the imported tree",
                                             "13:15: import `sib`: `from: LICENSE` is not in the tree"});
}

TEST_CASE("imports: files landing on the host's new tree or on another import's are errors at the rule", "[plan][imports]") {
  std::string yaml = std::string(kMapping) + R"(  - name: two
    repo: ../two
    moves:
      - from: x.md
        to: README.md
      - from: engine
        to: examples/engine
      - from: top.md
        to: docs/a
)";
  Planned p;
  core::Tree two = tree_of({"x.md", "engine/README.md", "top.md"});
  plan_all(p, yaml, kHost, {kSib, two});
  CHECK(p.errors == std::vector<std::string>{
                        "22:13: import `two`: `engine/README.md` would land on `examples/engine/README.md`, where "
                        "`2.projects/engine/README.md` of import `sib` is",
                        "24:13: import `two`: `top.md` would land on `docs/a`, a directory (holding `a/x` of this repository)",
                        "20:13: import `two`: `x.md` would land on `README.md`, where `README.md` of this repository is"});
}

TEST_CASE("imports: an import merged in already is not checked for collisions", "[plan][imports]") {
  Planned p;
  p.mapping = mapping::load_mapping(kMapping, "m.yaml", p.sink);
  core::Tree host = tree_of({"docs/a/x", "examples/engine/README.md"});
  p.host = plan::plan_moves(p.mapping, host, {true}, p.sink);
  plan::ImportPlan ip;
  ip.rules = mapping::import_rules(p.mapping, 0);
  ip.tree = kSib;
  plan::plan_import(p.mapping, ip, p.sink);
  ip.merged_by = std::string(40, 'a');
  p.imports.push_back(std::move(ip));
  diag::Sink collisions;
  plan::check_import_collisions(p.mapping, p.host, p.imports, collisions);
  CHECK(collisions.all().empty());
}

TEST_CASE("imports: where NAME:PATH answers with the import's rules and drops", "[plan][imports][where]") {
  diag::Sink sink;
  mapping::Mapping m = mapping::load_mapping(kMapping, "m.yaml", sink);
  REQUIRE_FALSE(sink.has_errors());
  mapping::Mapping rules = mapping::import_rules(m, 0);
  using K = plan::WhereAnswer::Kind;
  auto a = plan::where_imported(m.imports[0], rules, &kSib, "2.projects/engine");
  CHECK(a.kind == K::moved);
  CHECK(a.answer == "examples/engine");
  a = plan::where_imported(m.imports[0], rules, &kSib, "3.use-cases/rag/app.py");
  CHECK(a.answer == "examples/use-cases/rag/app.py");
  a = plan::where_imported(m.imports[0], rules, &kSib, "old/more/x.md");
  CHECK(a.kind == K::dropped);
  CHECK(a.detail == "`drop: old` at line 15");
  a = plan::where_imported(m.imports[0], rules, &kSib, "NOTICE");
  CHECK(a.kind == K::unmapped);
  a = plan::where_imported(m.imports[0], rules, nullptr, "2.projects/engine/new-file.md");
  CHECK(a.answer == "examples/engine/new-file.md");
}

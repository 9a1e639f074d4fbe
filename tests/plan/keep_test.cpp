// `keep:` and directories no rule covers, on in-memory trees: a kept path stays although a rule covers
// it, the rest of the rule's directory still moves, `where` and the move model agree, and a numbered
// directory that appeared after the mapping was written is reported with the rule that would cover it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/plan/move_model.hpp"
#include "gitreorg/plan/planner.hpp"
#include "gitreorg/plan/policy.hpp"
#include "gitreorg/plan/where.hpp"
#include "plan/plan_fixture.hpp"

using namespace gitreorg;

namespace {

using testing::tree_of;

testing::PlanResult plan_of(const std::string& yaml, const core::Tree& tree, plan::PlanOptions options = {}) {
  return testing::plan_yaml("version: 1\n" + yaml, tree, options);
}

std::vector<std::string> load_errors(const std::string& yaml) {
  diag::Sink sink;
  mapping::load_mapping("version: 1\nmoves: []\n" + yaml, "m.yaml", sink);
  std::vector<std::string> out;
  for (auto& d : sink.all())
    out.push_back(std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + ": " + d.message);
  return out;
}

using Moves = std::map<std::string, std::string>;

const char* kHyperpod = R"(moves:
  - from: 1.architectures/5.sagemaker-hyperpod
    to: architectures/sagemaker-hyperpod-slurm
keep:
  - 1.architectures/5.sagemaker-hyperpod/LifecycleScripts
)";

core::Tree hyperpod_tree() {
  return tree_of({"1.architectures/5.sagemaker-hyperpod/README.md", "1.architectures/5.sagemaker-hyperpod/tools/a.sh",
                  "1.architectures/5.sagemaker-hyperpod/LifecycleScripts/base-config/on_create.sh",
                  "1.architectures/5.sagemaker-hyperpod/LifecycleScripts/README.md"});
}

}  // namespace

TEST_CASE("keep: a kept subtree stays; the rest of the rule's directory moves", "[plan][keep]") {
  auto r = plan_of(kHyperpod, hyperpod_tree());
  CHECK(r.errors.empty());
  CHECK(r.warnings.empty());
  CHECK(r.moves == Moves{{"1.architectures/5.sagemaker-hyperpod/README.md", "architectures/sagemaker-hyperpod-slurm/README.md"},
                         {"1.architectures/5.sagemaker-hyperpod/tools/a.sh", "architectures/sagemaker-hyperpod-slurm/tools/a.sh"}});
  REQUIRE(r.plan.kept.size() == 1);
  CHECK(r.plan.kept[0].files == 2);
  CHECK(r.plan.kept[0].rule == 0);
  CHECK(r.plan.kept_files == 2);
  CHECK(r.plan.rules[0].files == 2);
  CHECK(r.plan.rules[0].kept == 2);
  for (const plan::PlannedFile& f : r.plan.files)
    CHECK((f.keep == 0) == (f.old_path.find("/LifecycleScripts/") != std::string::npos));
}

TEST_CASE("keep: globs keep every path they match, `*` within a segment, `**` across", "[plan][keep]") {
  auto r = plan_of(R"(moves:
  - from: a
    to: b
keep:
  - 'a/*/on_create.sh'
  - 'a/**/*.cfg'
)",
                   tree_of({"a/x/on_create.sh", "a/x/y/on_create.sh", "a/p/q/r.cfg", "a/r.cfg", "a/s.txt"}));
  CHECK(r.errors.empty());
  CHECK(r.moves == Moves{{"a/x/y/on_create.sh", "b/x/y/on_create.sh"}, {"a/s.txt", "b/s.txt"}});
  REQUIRE(r.plan.kept.size() == 2);
  CHECK(r.plan.kept[0].files == 1);
  CHECK(r.plan.kept[1].files == 2);
}

TEST_CASE("keep: an entry naming nothing is a warning; one no rule covers is a note", "[plan][keep]") {
  auto r = plan_of("moves:\n  - from: a\n    to: b\nkeep:\n  - a/gone\n  - z\n", tree_of({"a/f", "z/g"}));
  CHECK(r.errors.empty());
  CHECK(r.warnings == std::vector<std::string>{"6:5: `keep: a/gone` names nothing in the tree"});
  CHECK(r.notes == std::vector<std::string>{"7:5: `keep: z`: no rule moves it; it stays anyway"});
}

TEST_CASE("keep: a rule whose files are all kept says so", "[plan][keep]") {
  auto r = plan_of("moves:\n  - from: a\n    to: b\nkeep: [a]\n", tree_of({"a/f"}));
  CHECK(r.moves.empty());
  CHECK(r.warnings == std::vector<std::string>{"3:5: this move moves no file: `keep:` holds all of its files"});
}

TEST_CASE("keep: bad entries are errors at their line:col", "[mapping][keep]") {
  CHECK(load_errors("keep:\n  - {path: a}\n") == std::vector<std::string>{"4:5: each entry of `keep` must be a string, not a mapping"});
  CHECK(load_errors("keep: {a: b}\n") == std::vector<std::string>{"3:7: `keep` must be a list of strings, not a mapping"});
  CHECK(load_errors("keep: [../x]\n") ==
        std::vector<std::string>{"3:8: `keep: ../x`: path has a `..` segment (paths may not leave the repository)"});
  CHECK(load_errors("keep: [a, a/]\n") == std::vector<std::string>{"3:11: duplicate `keep: a` (first given at line 3)"});
  CHECK(load_errors("kep: [a]\n").size() == 1);
  CHECK(load_errors("kep: [a]\n")[0].find("did you mean `keep`?") != std::string::npos);
}

TEST_CASE("keep: the policy does not count kept numbered paths", "[plan][keep]") {
  auto r = plan_of(std::string(kHyperpod) + "policy:\n  no_numeric_prefix: ['.']\n", hyperpod_tree());
  CHECK(r.errors.empty());
}

TEST_CASE("keep: where says a kept path is kept, and what it is kept from", "[plan][keep]") {
  diag::Sink sink;
  mapping::Mapping m = mapping::load_mapping(std::string("version: 1\n") + kHyperpod, "m.yaml", sink);
  core::Tree tree = hyperpod_tree();
  plan::WhereIndex index(m, &tree);
  plan::WhereAnswer a = index.forward("1.architectures/5.sagemaker-hyperpod/LifecycleScripts/base-config/on_create.sh");
  CHECK(a.kind == plan::WhereAnswer::Kind::kept);
  CHECK(a.answer == "1.architectures/5.sagemaker-hyperpod/LifecycleScripts/base-config/on_create.sh");
  CHECK(a.detail ==
        "`keep: 1.architectures/5.sagemaker-hyperpod/LifecycleScripts` at line 6; the rule at line 3 would move it to "
        "`architectures/sagemaker-hyperpod-slurm/LifecycleScripts/base-config/on_create.sh`");
  CHECK(index.forward("1.architectures/5.sagemaker-hyperpod/LifecycleScripts").kind == plan::WhereAnswer::Kind::kept);
  CHECK(index.forward("1.architectures/5.sagemaker-hyperpod/tools/a.sh").kind == plan::WhereAnswer::Kind::moved);
  CHECK(index.reverse("1.architectures/5.sagemaker-hyperpod/LifecycleScripts/README.md").kind ==
        plan::WhereAnswer::Kind::unchanged);
}

TEST_CASE("keep: the move model keeps the kept directory and moves its parent", "[plan][keep]") {
  diag::Sink sink;
  mapping::Mapping m = mapping::load_mapping(std::string("version: 1\n") + kHyperpod, "m.yaml", sink);
  core::Tree tree = hyperpod_tree();
  auto mapper = std::make_shared<const plan::PathMapper>(m);
  plan::Plan p = plan::plan_moves(*mapper, tree, {}, sink);
  plan::MoveModel model(tree, p.files, mapper);
  CHECK(model.new_path("1.architectures/5.sagemaker-hyperpod/LifecycleScripts") ==
        std::optional<std::string>("1.architectures/5.sagemaker-hyperpod/LifecycleScripts"));
  CHECK(model.new_path("1.architectures/5.sagemaker-hyperpod/LifecycleScripts/base-config/on_create.sh") ==
        std::optional<std::string>("1.architectures/5.sagemaker-hyperpod/LifecycleScripts/base-config/on_create.sh"));
  CHECK(model.new_path("1.architectures/5.sagemaker-hyperpod") == std::optional<std::string>("architectures/sagemaker-hyperpod-slurm"));
  CHECK_FALSE(model.dissolved("1.architectures/5.sagemaker-hyperpod"));
}

TEST_CASE("uncovered: a new directory beside explicit rules gets the rule its siblings suggest", "[plan][uncovered]") {
  const std::string yaml = R"(moves:
  - from: 3.test_cases/pytorch/FSDP
    to: examples/training/fsdp
  - from: 3.test_cases/pytorch/ddp
    to: examples/training/ddp
  - from: 3.test_cases/pytorch/vllm
    to: examples/inference/vllm
  - from: 0.docs
    to: docs
policy:
  no_numeric_prefix: ['.']
)";
  core::Tree tree = tree_of({"3.test_cases/pytorch/FSDP/a", "3.test_cases/pytorch/ddp/b", "3.test_cases/pytorch/vllm/c",
                             "3.test_cases/pytorch/newmodel/README.md", "3.test_cases/pytorch/newmodel/x/run.sh",
                             "0.docs/i.png", "6.foo/README.md", ".github/ci.yml", "tools/t.sh"});
  auto r = plan_of(yaml, tree);
  REQUIRE(r.plan.uncovered.size() == 2);
  CHECK(r.plan.uncovered[0].dir == "3.test_cases/pytorch/newmodel");
  CHECK(r.plan.uncovered[0].suggested_to == "examples/training/newmodel");
  CHECK(r.plan.uncovered[0].files == 2);
  CHECK(r.plan.uncovered[1].dir == "6.foo");
  CHECK(r.plan.uncovered[1].suggested_to == "foo");
  // Errors under the policy, once per directory instead of the policy's "keeps a numbered segment".
  CHECK(r.errors == std::vector<std::string>{
                        "3:5: `3.test_cases/pytorch/newmodel` is not covered by any rule (new since the mapping was written?): "
                        "its 2 files stay; the rule that would cover it: `- from: 3.test_cases/pytorch/newmodel` "
                        "`to: examples/training/newmodel` (like the rule at line 3); policy no_numeric_prefix forbids it to "
                        "stay (--allow-new: a warning)",
                        "9:5: `6.foo` is not covered by any rule (new since the mapping was written?): its 1 file stays; the "
                        "rule that would cover it: `- from: 6.foo` `to: foo` (like the rule at line 9); policy "
                        "no_numeric_prefix forbids it to stay (--allow-new: a warning)"});
  CHECK(r.warnings.empty());

  plan::PlanOptions allow_new;
  allow_new.allow_new = true;
  auto tolerant = plan_of(yaml, tree, allow_new);
  CHECK(tolerant.errors.empty());
  CHECK(tolerant.warnings.size() == 2);
  CHECK(tolerant.warnings[0].find("`3.test_cases/pytorch/newmodel` is not covered by any rule") != std::string::npos);
}

TEST_CASE("uncovered: without a policy the report is a warning; covered and unnumbered directories are not reported",
          "[plan][uncovered]") {
  auto r = plan_of("moves:\n  - from: 1.a\n    to: a\n",
                   tree_of({"1.a/f", "2.b/c/g", "docs/h", "1.a/sub/3.x/k"}));
  REQUIRE(r.plan.uncovered.size() == 1);
  CHECK(r.plan.uncovered[0].dir == "2.b");
  CHECK(r.plan.uncovered[0].suggested_to == "b");
  CHECK(r.errors.empty());
  CHECK(r.warnings.size() == 1);
  // A directory under another uncovered one, with no sibling rule: every number dropped.
  auto deep = plan_of("moves:\n  - from: 3.t/pytorch/a\n    to: ex/a\n", tree_of({"3.t/pytorch/a/f", "3.t/jax/1.p/g"}));
  REQUIRE(deep.plan.uncovered.size() == 1);
  CHECK(deep.plan.uncovered[0].dir == "3.t/jax");
  CHECK(deep.plan.uncovered[0].suggested_to == "t/jax");
}

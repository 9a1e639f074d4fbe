// Repairs for old link rot: the one plausible target by trailing segments, and none where a person
// would have to choose.
#include <catch2/catch.hpp>

#include "gitreorg/markdown/link_repair.hpp"

using namespace gitreorg;
using markdown::LinkRepairs;
using markdown::Syntax;

namespace {

core::Tree tree_of(std::initializer_list<const char*> paths) {
  core::Tree t;
  for (const char* p : paths) t.push_back({p, core::kModeFile, std::string(40, '0')});
  return t;
}

}  // namespace

TEST_CASE("markdown: a broken link with one plausible target is repaired", "[markdown][repair]") {
  LinkRepairs r(tree_of({"1.architectures/2.aws-parallelcluster/README.md", "1.architectures/0.common/env.sh",
                         "3.test_cases/pytorch/FSDP/kubernetes/README.md", "3.test_cases/pytorch/FSDP/README.md",
                         "3.test_cases/megatron/README.md", "docs/img/ray-dashboard.png", "docs/guide/setup.md",
                         "examples/a/deployment-guides/x.md"}));
  // One `../` short: the only `1.architectures` is at the root.
  auto fix = r.repair("3.test_cases/pytorch/FSDP/kubernetes/README.md", "../../1.architectures", Syntax::markdown);
  REQUIRE(fix);
  CHECK(fix->target == "1.architectures");
  CHECK(fix->destination == "../../../../1.architectures");
  // Several segments, a trailing `/` kept.
  fix = r.repair("3.test_cases/pytorch/FSDP/README.md", "../../1.architectures/2.aws-parallelcluster/", Syntax::markdown);
  REQUIRE(fix);
  CHECK(fix->destination == "../../../1.architectures/2.aws-parallelcluster/");
  // A file elsewhere under the same top-level directory... but not a single name in another one.
  fix = r.repair("docs/guide/setup.md", "img/ray-dashboard.png", Syntax::markdown);
  REQUIRE(fix);
  CHECK(fix->destination == "../img/ray-dashboard.png");
  CHECK_FALSE(r.repair("1.architectures/2.aws-parallelcluster/README.md", "./deployment-guides", Syntax::markdown));
  // Two places fit (`README.md` is everywhere), or none: no repair.
  CHECK_FALSE(r.repair("3.test_cases/pytorch/FSDP/README.md", "../README.md", Syntax::markdown));
  CHECK_FALSE(r.repair("3.test_cases/pytorch/FSDP/README.md", "eksctl.io", Syntax::markdown));
  CHECK_FALSE(r.repair("3.test_cases/pytorch/FSDP/README.md", "../x/../1.architectures", Syntax::markdown));
}

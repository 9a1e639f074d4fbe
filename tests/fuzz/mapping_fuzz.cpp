// Fuzz target: the mapping loader on arbitrary bytes, then the planner and `where` on a small tree.
// Invariant: whatever the mapping says, no planned path may leave the repository.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "gitreorg/mapping/mapping.hpp"
#include "gitreorg/mapping/repo_path.hpp"
#include "gitreorg/plan/planner.hpp"
#include "gitreorg/plan/policy.hpp"
#include "gitreorg/plan/where.hpp"

using namespace gitreorg;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  diag::Sink sink;
  mapping::Mapping m = mapping::load_mapping(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml", sink);
  for (const auto& rule : m.rules)
    if (rule.kind == mapping::Rule::Kind::move) GITREORG_FUZZ_CHECK(!mapping::repo_path_problem(rule.from));

  plan::PlanOptions options;
  options.allow_missing = true;
  plan::Plan p = plan::plan_moves(m, fuzz::small_tree(), options, sink);
  for (const auto& f : p.files) GITREORG_FUZZ_CHECK(!mapping::repo_path_problem(f.new_path));
  plan::check_policy(m, p, sink);

  plan::WhereIndex where(m, &fuzz::small_tree());
  for (const char* q : {"3.test_cases/pytorch/FSDP", "docs/guide.md", "1.architectures/2.aws-pcluster", "nowhere"}) {
    auto a = where.forward(q);
    if (a.kind == plan::WhereAnswer::Kind::moved) GITREORG_FUZZ_CHECK(!mapping::repo_path_problem(a.answer));
    where.reverse(q);
  }
  return 0;
}

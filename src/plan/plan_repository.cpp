// Load, read, plan, check: the read-only pipeline shared by `check`, `plan` and `apply`.
#include "gitreorg/plan/plan_repository.hpp"

#include "gitreorg/git/object_id.hpp"
#include "gitreorg/git/repository.hpp"
#include "gitreorg/plan/policy.hpp"

namespace gitreorg::plan {

RepositoryPlan plan_repository(const std::string& mapping_path, const RepositoryPlanOptions& options, diag::Sink& sink) {
  RepositoryPlan out;
  // 1. The mapping: every syntax and schema problem, with positions.
  out.mapping = mapping::load_mapping_file(mapping_path, sink);
  out.mapping_blob = git::hash_blob(out.mapping.text);
  // 2. The tree of the commit to plan against.
  git::Repository repo = git::Repository::discover(options.repo_dir);
  out.rev = options.rev;
  out.commit = repo.resolve_commit(options.rev);
  out.tree = repo.read_tree(out.commit);
  if (sink.has_errors()) return out;  // checkpoint: a broken mapping has no meaningful plan
  // 3. The plan and the policy on its result.
  out.plan = plan_moves(out.mapping, out.tree, options.plan, sink);
  out.plan.commit = out.commit;
  check_policy(out.mapping, out.plan, sink);
  return out;
}

}  // namespace gitreorg::plan

// Load, read, plan, check: the read-only pipeline shared by `check`, `plan` and `apply`.
#include "gitreorg/pipeline/plan_repository.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>

#include "gitreorg/git/object_id.hpp"
#include "gitreorg/plan/policy.hpp"

namespace gitreorg::pipeline {

plan::RepositoryPlan plan_repository(const git::Repository& repo, const std::string& mapping_path,
                                     const RepositoryPlanOptions& options, diag::Sink& sink) {
  plan::RepositoryPlan out;
  // 1. The mapping: every syntax and schema problem, with positions.
  out.mapping = mapping::load_mapping_file(mapping_path, sink);
  out.mapping_blob = git::hash_blob(out.mapping.text);
  // 2. The tree of the commit to plan against.
  out.rev = options.rev;
  out.commit = repo.resolve_commit(options.rev);
  auto t0 = std::chrono::steady_clock::now();
  out.tree = repo.read_tree(out.commit);
  auto ms = [](auto since) { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count(); };
  spdlog::debug("read {} files of {} in {:.0f} ms", out.tree.size(), out.commit.substr(0, 12), ms(t0));
  if (sink.has_errors()) return out;  // checkpoint: a broken mapping has no meaningful plan
  // 3. The plan and the policy on its result.
  t0 = std::chrono::steady_clock::now();
  auto mapper = std::make_shared<const plan::PathMapper>(out.mapping);
  out.plan = plan::plan_moves(*mapper, out.tree, options.plan, sink);
  out.plan.commit = out.commit;
  plan::build_move_model(out, std::move(mapper));
  spdlog::debug("planned {} moves in {:.0f} ms", out.plan.moved_files, ms(t0));
  t0 = std::chrono::steady_clock::now();
  plan::check_policy(out.mapping, out.plan, sink);
  spdlog::debug("checked the policy in {:.0f} ms", ms(t0));
  return out;
}

}  // namespace gitreorg::pipeline

// Load, read, plan, check: the read-only pipeline shared by `check`, `plan` and `apply`.
#include "gitreorg/pipeline/plan_repository.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <memory>

#include <fmt/format.h>

#include "gitreorg/core/path.hpp"
#include "gitreorg/git/error.hpp"
#include "gitreorg/git/history.hpp"
#include "gitreorg/git/object_id.hpp"
#include "gitreorg/git/state.hpp"
#include "gitreorg/pipeline/rewritten_history.hpp"
#include "gitreorg/plan/policy.hpp"

namespace gitreorg::pipeline {
namespace {

bool has_gitignore(const core::Tree& tree) {
  return std::any_of(tree.begin(), tree.end(), [](const core::TreeEntry& e) { return core::base_name(e.path) == ".gitignore"; });
}

// The work tree holds `commit` (what is ignored there is what apply carries along).
bool checked_out(const git::Repository& repo, const std::string& commit) {
  return !repo.is_bare() && git::read_head(repo).commit == commit;
}

// What the import's commits become: every path of its history mapped (or reported), and with
// `history: rewrite` the new ids computed in memory, as apply will write them.
void plan_import_history(const mapping::Mapping& m, plan::ImportPlan& ip, diag::Sink& sink) {
  const mapping::Import& imp = m.imports[ip.import];
  git::Repository sibling = git::Repository::open(ip.repo_dir);
  if (imp.history == mapping::Import::History::preserve) {
    for (std::string& id : git::history_of(sibling, ip.commit)) ip.commit_map.emplace_back(id, id);
    return;
  }
  auto t0 = std::chrono::steady_clock::now();
  MappedHistory mapped = map_history(sibling, imp, ip.rules, ip.commit);
  spdlog::debug("import `{}`: mapped {} commits, {} paths in {:.0f} ms", imp.name, mapped.commits.size(), mapped.places.size(),
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  plan::check_import_history(m, ip, mapped.unmapped, mapped.clashes, sink);
  if (!mapped.unmapped.empty() || !mapped.clashes.empty()) return;
  RewrittenCommits commits;
  std::vector<git::HeldObject> objects;
  t0 = std::chrono::steady_clock::now();
  try {
    commits = predict_history(sibling, mapped, ip.commit, &objects);
  } catch (const git::GitError& e) {
    // A blob missing from the sibling's clone: reading the files reports it, with its path.
    spdlog::debug("import `{}`: no commit map: {}", imp.name, e.what());
    return;
  }
  spdlog::debug("import `{}`: predicted {} commits ({} empty) in {:.0f} ms", imp.name, commits.rewritten, commits.emptied,
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  ip.commit_map = commits.commit_map;
  ip.history_paths = std::move(mapped.places);
  ip.planned_history = std::make_shared<const PlannedHistory>(PlannedHistory{std::move(mapped.blobs), std::move(commits), std::move(objects)});
}

// Reads and plans every import; diagnostics name the entry's `repo:` or `ref:`.
void plan_imports(plan::RepositoryPlan& out, const git::Repository& host, diag::Sink& sink) {
  const mapping::Mapping& m = out.mapping;
  std::filesystem::path host_dir = host.is_bare() ? host.gitdir() : host.workdir();
  for (std::size_t i = 0; i < m.imports.size(); ++i) {
    const mapping::Import& imp = m.imports[i];
    plan::ImportPlan ip;
    ip.import = i;
    ip.rules = mapping::import_rules(m, i);
    try {
      read_import(m, host_dir, ip);
    } catch (const git::GitError& e) {
      bool ref = !ip.repo_dir.empty();  // the repository opened: the ref is what failed
      sink.error(m.path, ref ? imp.ref_pos : imp.repo_pos,
                 fmt::format("import `{}`: {}", imp.name, ref ? fmt::format("`ref: {}`: {}", imp.ref, e.what())
                                                              : fmt::format("cannot open `{}`: {}", imp.repo, e.what())));
      continue;
    }
    if (auto merged = git::find_commit_with_line(host, out.commit, import_trailer(imp.name))) {
      ip.merged_by = *merged;
      sink.note(m.path, imp.name_pos,
                fmt::format("import `{}` was merged in already (by {}): nothing to import", imp.name, merged->substr(0, 12)));
    } else {
      diag::Sink planned;
      plan::plan_import(m, ip, planned);
      // Its history only once its tree is mapped: the tree's problems are the history's too.
      if (!planned.has_errors()) plan_import_history(m, ip, planned);
      sink.append(planned);
    }
    out.imports.push_back(std::move(ip));
  }
  plan::check_import_collisions(m, out.plan, out.imports, sink);
}

}  // namespace

std::optional<std::string> path_below(const std::filesystem::path& path, const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path full = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec || dir.empty()) return std::nullopt;
  fs::path rel = full.lexically_relative(fs::weakly_canonical(dir, ec));
  if (ec || rel.empty() || *rel.begin() == "..") return std::nullopt;
  return rel.generic_string();
}

std::string mapping_name(const std::string& given, const std::filesystem::path& workdir) {
  if (auto rel = path_below(given, workdir)) return *rel;
  return std::filesystem::path(given).filename().generic_string();
}

std::string import_trailer(const std::string& name) { return "Reorg-Import: " + name; }

void read_import(const mapping::Mapping& mapping, const std::filesystem::path& host_dir, plan::ImportPlan& ip) {
  const mapping::Import& imp = mapping.imports.at(ip.import);
  std::filesystem::path dir = imp.repo;
  if (dir.is_relative()) dir = host_dir / dir;
  git::Repository repo = git::Repository::open(dir.lexically_normal());
  ip.repo_dir = repo.gitdir().string();
  ip.commit = repo.resolve_commit(imp.ref);
  // Once `git reorg stubs` has replaced its content, the commit below the stubs is the one imported.
  if (git::CommitInfo tip = git::read_commit(repo, ip.commit);
      tip.parents.size() == 1 && git::message_has_line_starting(tip.message, plan::kMovedToTrailer)) {
    ip.stubbed_by = ip.commit;
    ip.commit = tip.parents.front();
  }
  ip.tree = repo.read_tree(ip.commit);
  ip.commits = git::history_of(repo, ip.commit).size();
}

plan::RepositoryPlan plan_repository(const git::Repository& repo, const std::string& mapping_path,
                                     const RepositoryPlanOptions& options, diag::Sink& sink) {
  plan::RepositoryPlan out;
  // 1. The mapping: every syntax and schema problem, with positions.
  out.mapping = mapping::load_mapping_file(mapping_path, sink);
  out.mapping_blob = git::hash_blob(out.mapping.text);
  out.mapping_name = mapping_name(mapping_path, repo.workdir());
  // 2. The tree of the commit to plan against.
  out.rev = options.rev;
  out.commit = repo.resolve_commit(options.rev);
  auto t0 = std::chrono::steady_clock::now();
  out.tree = repo.read_tree(out.commit);
  auto ms = [](auto since) { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count(); };
  spdlog::debug("read {} files of {} in {:.0f} ms", out.tree.size(), out.commit.substr(0, 12), ms(t0));
  if (sink.has_errors()) {
    // Checkpoint: a broken mapping has no meaningful plan. Its sources are checked all the same (the
    // loader keeps only the well-formed rules), so one error does not hide another.
    if (!out.mapping.rules.empty()) plan::report_missing_sources(out.mapping, out.tree, options.plan, sink);
    return out;
  }
  // The ignored files apply carries along, for the .gitignore lines that name them (libgit2's rules):
  // the work tree walked on a second thread, through a handle of its own, while the moves are planned.
  std::future<std::vector<std::string>> ignored;
  if (has_gitignore(out.tree) && checked_out(repo, out.commit))
    ignored = std::async(std::launch::async, [workdir = repo.workdir()] {
      auto t = std::chrono::steady_clock::now();
      std::vector<std::string> paths = git::ignored_paths(git::Repository::open(workdir));
      spdlog::debug("listed {} ignored paths in {:.0f} ms", paths.size(),
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count());
      return paths;
    });
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
  // Used only when something moves (a walk that failed otherwise is not reported, as before).
  if (ignored.valid() && out.moves->any_moves()) out.ignored = ignored.get();
  // 4. The imports: each sibling's tree planned under its own moves, then collisions with the host.
  if (!out.mapping.imports.empty()) {
    t0 = std::chrono::steady_clock::now();
    plan_imports(out, repo, sink);
    spdlog::debug("planned {} imports in {:.0f} ms", out.imports.size(), ms(t0));
  }
  return out;
}

}  // namespace gitreorg::pipeline

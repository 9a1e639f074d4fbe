// The read-only front of every command: load the mapping, read a commit's tree, plan, check policy.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/git/repository.hpp"
#include "gitreorg/plan/planner.hpp"
#include "gitreorg/plan/repository_plan.hpp"

namespace gitreorg::pipeline {

struct RepositoryPlanOptions {
  std::string rev = "HEAD";
  plan::PlanOptions plan;
};

// Loads `mapping_path`, plans it against `options.rev` of `repo`, builds the move model and checks
// the policy. Input problems go to `sink`; environment problems (unknown revision) throw
// git::GitError. Writes nothing.
// Each import is planned too: its repository opened (a problem there is a diagnostic at `repo:` or
// `ref:`), its tree planned, collisions with the host's new tree checked; an import whose merge
// commit is in the history of the host's commit already (on any parent: a PR merge commit) is only noted.
plan::RepositoryPlan plan_repository(const git::Repository& repo, const std::string& mapping_path,
                                     const RepositoryPlanOptions& options, diag::Sink& sink);

// Opens the repository of `mapping.imports[ip.import]` (`repo:` relative to `host_dir`, the host's top
// directory, unless absolute), resolves its `ref` and reads its tree and the number of its commits
// into `ip`. Throws git::GitError.
void read_import(const mapping::Mapping& mapping, const std::filesystem::path& host_dir, plan::ImportPlan& ip);

// `path` (absolute or from the current directory) relative to `dir` when it is below it, symlinks
// resolved: how a file the user named is shown from the repository's top or the current directory.
std::optional<std::string> path_below(const std::filesystem::path& path, const std::filesystem::path& dir);

// How commits and plans name the mapping file `given`: its path in the work tree `workdir`, or its file
// name when it is outside (a local absolute path never lands in a commit message).
std::string mapping_name(const std::string& given, const std::filesystem::path& workdir);

// The line that marks the merge commit of import `name` (its trailer).
std::string import_trailer(const std::string& name);

}  // namespace gitreorg::pipeline

// The history's renames for the link repairs (see move_history.hpp).
#include "gitreorg/pipeline/move_history.hpp"

#include <spdlog/spdlog.h>

#include "gitreorg/git/renames.hpp"

namespace gitreorg::pipeline {

markdown::MoveHistory move_history(const git::Repository& repo, std::string commit) {
  return [gitdir = repo.gitdir(), commit = std::move(commit)] {
    git::Repository own = git::Repository::open(gitdir);
    git::RenameWalk walk = git::follow_renames(own, commit);
    spdlog::debug("history for old link rot: {} renames in {} commits{}", walk.renames.size(), walk.commits,
                  walk.truncated ? " (stopped at the limit)" : "");
    std::vector<markdown::PathMove> out;
    out.reserve(walk.renames.size());
    for (git::Rename& r : walk.renames) out.push_back({std::move(r.from), std::move(r.to), std::move(r.commit)});
    return out;
  };
}

}  // namespace gitreorg::pipeline

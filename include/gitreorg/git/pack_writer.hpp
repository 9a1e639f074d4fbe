// New objects kept in memory and written as one packfile: generating a repository of 100,000 files
// as loose objects costs far more system time than packing them once.
#pragma once

#include <memory>
#include <string>

#include "gitreorg/git/repository.hpp"

namespace gitreorg::git {

class PackWriter {
 public:
  // From now on the objects written to `repo` (write_blob, write_tree, write_commit) stay in memory.
  explicit PackWriter(const Repository& repo);
  ~PackWriter();
  PackWriter(const PackWriter&) = delete;
  PackWriter& operator=(const PackWriter&) = delete;

  // Writes every object reachable from `commit` into one pack under .git/objects/pack, then empties
  // the memory.
  void write_pack(const std::string& commit);

 private:
  struct State;
  const Repository& repo_;
  std::unique_ptr<State> state_;
};

}  // namespace gitreorg::git

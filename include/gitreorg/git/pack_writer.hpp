// New objects kept in memory and written as one packfile: thousands of loose objects (a temporary
// file, a write, a link and an unlink each) cost far more system time than one pack.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>

#include "gitreorg/git/repository.hpp"

namespace gitreorg::git {

// Where write_pack stages a pack before moving it into objects/pack: .git/reorg-pack.
std::filesystem::path pack_staging_dir(const Repository& repo);
// What a write_pack killed half-way left in the staging directory: a pack already moved whose index
// is not is completed, anything else removed. Nothing to do when the directory is not there.
void recover_staged_pack(const Repository& repo);

class PackWriter {
 public:
  // From now on the objects written to `repo` (write_blob, write_tree, write_commit, write_tag_object)
  // stay in memory, where `repo` reads them, until write_pack.
  explicit PackWriter(const Repository& repo);
  // Objects not written by write_pack are dropped, as after a crash; `repo` writes loose objects again.
  ~PackWriter();
  PackWriter(const PackWriter&) = delete;
  PackWriter& operator=(const PackWriter&) = delete;

  // Writes exactly the objects written since the last call (none reachable from the old history is
  // packed again) into one pack under objects/pack, synced to disk before it returns, then empties
  // the memory. With no new object it writes nothing. The pack is written in pack_staging_dir, then
  // moved: a kill leaves nothing in objects/pack that git would not use.
  void write_pack();

  // The objects in memory, waiting for write_pack.
  std::size_t pending() const;

 private:
  struct State;
  const Repository& repo_;
  std::unique_ptr<State> state_;
};

}  // namespace gitreorg::git

// New objects kept in memory and written as one packfile: thousands of loose objects (a temporary
// file, a write, a link and an unlink each) cost far more system time than one pack.
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "gitreorg/git/repository.hpp"

namespace gitreorg::git {

// Where write_pack stages a pack before moving it into objects/pack: .git/reorg-pack.
std::filesystem::path pack_staging_dir(const Repository& repo);
// What a write_pack killed half-way left in the staging directory: a pack already moved whose index
// is not is completed, anything else removed. Nothing to do when the directory is not there.
void recover_staged_pack(const Repository& repo);

// An object as a PackWriter holds it: its id, its type (libgit2's git_object_t) and its bytes.
struct HeldObject {
  std::array<unsigned char, 20> id;
  int type;
  std::string data;
};

class PackWriter {
 public:
  // Which objects written are held: those `repo` does not have (to be packed into it), or all of
  // them (to be taken elsewhere: an imported history computed on the sibling, written to the host).
  enum class Holds { new_objects, every_object };
  // From now on the objects written to `repo` (write_blob, write_tree, write_commit, write_tag_object)
  // stay in memory, where `repo` reads them, until write_pack.
  explicit PackWriter(const Repository& repo, Holds holds = Holds::new_objects);
  // Objects not written by write_pack are dropped, as after a crash; `repo` has its own object
  // database back (and writes loose objects again).
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

  // Hands over the objects in memory (in the order written) and forgets them: computed once, they
  // can be written by another PackWriter (`add`), even on another repository.
  std::vector<HeldObject> take();
  // Holds `objects` as if written through the repository (taken from a PackWriter: not hashed again).
  void add(const std::vector<HeldObject>& objects);

 private:
  struct State;
  const Repository& repo_;
  std::unique_ptr<State> state_;
};

}  // namespace gitreorg::git

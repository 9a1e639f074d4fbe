// An index of one tree, written to a file of its own through libgit2.
#include "gitreorg/git/index_file.hpp"

#include "git/handle.hpp"

namespace gitreorg::git {

void write_index_file(const Repository& repo, const std::string& tree, const std::filesystem::path& path) {
  git_index* i = nullptr;
  check(git_index_open(&i, path.c_str()), ("cannot create the index " + path.string()).c_str());
  IndexPtr index(i);
  TreePtr tree_obj = lookup_tree(repo.raw(), tree, "cannot read tree");
  check(git_index_read_tree(i, tree_obj.get()), "cannot read the tree into the index");
  check(git_index_write(i), ("cannot write the index " + path.string()).c_str());
}

}  // namespace gitreorg::git

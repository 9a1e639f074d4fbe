// Every path of a work tree (not .git) with its kind, executable bit and content: the oracle for "every
// tracked, untracked and ignored file is present" and for "the work tree is in state X".
#pragma once

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace gitreorg::testing {

inline std::map<std::string, std::string> work_tree_snapshot(const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  std::map<std::string, std::string> out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    // Not fs::relative, which follows symlinks: a link to a file of the tree would be recorded under
    // that file's path, overwriting it (or overwritten), depending on the directory order.
    std::string rel = it->path().lexically_relative(root).generic_string();
    if (rel == ".git") {
      it.disable_recursion_pending();
      continue;
    }
    struct stat st;
    lstat(it->path().c_str(), &st);
    if (S_ISLNK(st.st_mode)) {
      out[rel] = "link:" + fs::read_symlink(it->path()).string();
    } else if (S_ISDIR(st.st_mode)) {
      out[rel] = "dir";
    } else {
      std::ifstream in(it->path(), std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      out[rel] = std::string((st.st_mode & S_IXUSR) ? "exec:" : "file:") + ss.str();
    }
  }
  return out;
}

}  // namespace gitreorg::testing

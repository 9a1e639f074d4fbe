// The work tree's ignored paths: one walk of its directories (readdir's d_type, no stat of tracked
// files), each untracked entry asked of libgit2's ignore rules. libgit2's status answered the same
// question by comparing every tracked file with the index first: about 1 CPU s at 100,000 files, for
// what is most often an empty list (issue 16).
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "git/handle.hpp"
#include "gitreorg/git/state.hpp"

namespace gitreorg::git {
namespace {

struct Entry {
  std::string name;
  bool dir = false;
};

// The entries of `dir` but `.`, `..` and `.git`; a symlink is no directory (git does not follow it).
std::vector<Entry> entries_of(const std::string& dir) {
  std::vector<Entry> out;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return out;  // gone, or unreadable: git status skips it too
  while (const dirent* e = ::readdir(d)) {
    std::string_view name = e->d_name;
    if (name == "." || name == ".." || name == ".git") continue;
    bool is_dir = e->d_type == DT_DIR;
    if (e->d_type == DT_UNKNOWN) {
      struct stat st;
      is_dir = ::lstat((dir + e->d_name).c_str(), &st) == 0 && S_ISDIR(st.st_mode);
    }
    out.push_back({std::string(name), is_dir});
  }
  ::closedir(d);
  return out;
}

class IgnoredWalk {
 public:
  explicit IgnoredWalk(const Repository& repo) : repo_(repo.raw()), workdir_(repo.workdir().string()) {
    if (!workdir_.ends_with('/')) workdir_ += '/';
    git_index* i = nullptr;
    check(git_repository_index(&i, repo_), "cannot read the index");
    index_.reset(i);
    // Tracked paths (views of the index's entries, which outlive the walk) and the directories above them.
    std::size_t n = git_index_entrycount(i);
    files_.reserve(n);
    for (std::size_t k = 0; k < n; ++k) {
      std::string_view path = git_index_get_byindex(i, k)->path;
      files_.insert(path);
      for (std::size_t slash = path.rfind('/'); slash != std::string_view::npos && slash > 0; slash = path.rfind('/', slash - 1))
        if (!dirs_.insert(path.substr(0, slash)).second) break;  // and so every directory above it
    }
  }

  std::vector<std::string> run() {
    walk("");
    std::sort(out_.begin(), out_.end());
    return std::move(out_);
  }

 private:
  bool ignored(const std::string& path) {
    int yes = 0;
    check(git_ignore_path_is_ignored(&yes, repo_, path.c_str()), "cannot read the ignore rules");
    return yes != 0;
  }

  // `dir`: "" or a directory path ending in `/`. As libgit2's status with untracked directories
  // recursed and ignored ones not: an ignored directory is one path ending in `/`; in a directory that
  // is not, each ignored file and directory is listed; tracked files never are, nor submodules
  // (tracked as one entry) or another repository's directory (holding `.git`), which are not looked into.
  void walk(const std::string& dir) {
    std::vector<Entry> entries = entries_of(workdir_ + dir);
    for (const Entry& e : entries) {
      std::string path = dir + e.name;
      if (files_.count(path)) continue;
      if (!e.dir) {
        if (ignored(path)) out_.push_back(std::move(path));
        continue;
      }
      if (dirs_.count(path)) {
        walk(path + "/");
        continue;
      }
      std::string as_dir = path + "/";
      if (ignored(as_dir)) {
        out_.push_back(std::move(as_dir));
        continue;
      }
      struct stat st;
      if (::lstat((workdir_ + as_dir + ".git").c_str(), &st) == 0) continue;
      walk(as_dir);
    }
  }

  git_repository* repo_;
  std::string workdir_;
  IndexPtr index_;
  std::unordered_set<std::string_view> files_, dirs_;
  std::vector<std::string> out_;
};

}  // namespace

std::vector<std::string> ignored_paths(const Repository& repo) {
  if (repo.is_bare()) return {};
  return IgnoredWalk(repo).run();
}

}  // namespace gitreorg::git

// The size of one file's patch through libgit2's xdiff (git_patch_from_buffers), the diff git itself
// runs; the rename header git prints for a moved file is added here, as libgit2 prints none for
// two buffers.
#include "gitreorg/git/diff_size.hpp"

#include <fmt/format.h>

#include "git/handle.hpp"

namespace gitreorg::git {

core::DiffSize diff_size(std::string_view old_path, std::string_view before, std::string_view new_path, std::string_view after) {
  std::string old_name(old_path), new_name(new_path);
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  git_patch* raw = nullptr;
  // A side without a path is no file (NULL buffer): libgit2 then prints "new file mode" or
  // "deleted file mode" and /dev/null, as git does.
  check(git_patch_from_buffers(&raw, old_path.empty() ? nullptr : before.data(), before.size(),
                               old_path.empty() ? nullptr : old_name.c_str(), new_path.empty() ? nullptr : after.data(),
                               after.size(), new_path.empty() ? nullptr : new_name.c_str(), &options),
        "git_patch_from_buffers");
  Handle<git_patch, git_patch_free> patch(raw);
  core::DiffSize out;
  std::size_t context = 0, added = 0, removed = 0;
  check(git_patch_line_stats(&context, &added, &removed, patch.get()), "git_patch_line_stats");
  out.lines = context + added + removed;
  out.bytes = git_patch_size(patch.get(), 1, 1, 1);
  // git's rename header; the score has two digits: a moved file that is edited scores 50 to 99 (under
  // 50 git shows it deleted and added instead).
  if (!old_path.empty() && !new_path.empty() && old_path != new_path)
    out.bytes += fmt::format("similarity index 99%\nrename from {}\nrename to {}\n", old_path, new_path).size();
  return out;
}

}  // namespace gitreorg::git

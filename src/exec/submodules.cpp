// Where a moved submodule's `.git` file and `core.worktree` point. Both are written relative, as git
// writes them (an absolute one stays absolute), between the new work tree and the module's git dir.
#include "gitreorg/exec/submodules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "gitreorg/core/error.hpp"

namespace gitreorg::exec {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool inside(const fs::path& p, const fs::path& dir) {
  auto rel = p.lexically_relative(dir);
  return !rel.empty() && *rel.begin() != "..";
}

// `to` as seen from `from`, relative unless `like` (the value it replaces) was absolute.
std::string path_from(const fs::path& from, const fs::path& to, const std::string& like) {
  if (fs::path(like).is_absolute()) return to.lexically_normal().string();
  return to.lexically_normal().lexically_relative(from.lexically_normal()).generic_string();
}

// The config text with `core.worktree`'s value replaced; unchanged when there is none.
std::string with_worktree(const std::string& config, const fs::path& module_dir, const fs::path& new_tree) {
  std::string out;
  bool in_core = false, done = false;
  std::istringstream in(config);
  for (std::string line; std::getline(in, line);) {
    std::size_t start = std::min(line.find_first_not_of(" \t"), line.size());
    std::string_view body = std::string_view(line).substr(start);
    if (!body.empty() && body.front() == '[') in_core = body.rfind("[core]", 0) == 0;
    std::size_t key_end = body.find_first_of(" \t=");
    std::size_t eq = line.find('=');
    if (in_core && !done && body.substr(0, key_end) == "worktree" && eq != std::string::npos) {
      std::size_t value = std::min(line.find_first_not_of(" \t", eq + 1), line.size());
      line = line.substr(0, eq + 1) + " " + path_from(module_dir, new_tree, line.substr(value));
      done = true;
    }
    out += line + "\n";
  }
  if (!config.empty() && config.back() != '\n' && !out.empty()) out.pop_back();
  return out;
}

}  // namespace

std::vector<SubmoduleFile> submodule_files(const plan::RepositoryPlan& rp, const fs::path& workdir, const fs::path& gitdir) {
  std::vector<SubmoduleFile> out;
  for (const plan::PlannedFile& f : rp.plan.files) {
    if (f.mode != core::kModeGitlink || !f.moved()) continue;
    fs::path old_tree = workdir / f.old_path, new_tree = workdir / f.new_path, gitfile = old_tree / ".git";
    std::error_code ec;
    if (!fs::is_regular_file(fs::symlink_status(gitfile, ec))) continue;  // not initialized, or its own .git dir
    std::string text = read_file(gitfile);
    if (text.rfind("gitdir: ", 0) != 0) continue;
    std::string target = text.substr(8);
    while (!target.empty() && (target.back() == '\n' || target.back() == '\r')) target.pop_back();
    fs::path module_dir = (old_tree / target).lexically_normal();
    if (!inside(module_dir, gitdir) && !inside(module_dir, workdir))
      throw core::Error(fmt::format("submodule `{}` has its git dir at {}, outside this repository: move it with `git mv` first",
                                    f.old_path, module_dir.string()),
                        core::kExitRefused);
    out.push_back({(new_tree / ".git").string(), text, "gitdir: " + path_from(new_tree, module_dir, target) + "\n"});
    fs::path config = module_dir / "config";
    std::string old_config = read_file(config);
    std::string new_config = with_worktree(old_config, module_dir, new_tree);
    if (new_config != old_config) out.push_back({config.string(), old_config, new_config});
  }
  return out;
}

}  // namespace gitreorg::exec

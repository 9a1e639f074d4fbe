// External documents are not in a repository: no journal, no commit; one atomic replace per file.
#include "gitreorg/exec/external_documents.hpp"

#include <unistd.h>

#include <filesystem>
#include <string>

namespace gitreorg::exec {

namespace fs = std::filesystem;

void write_documents(Disk& disk, const std::vector<rewrite::DocumentRewrite>& docs) {
  for (const rewrite::DocumentRewrite& d : docs) {
    if (d.edits.empty()) continue;
    fs::path path = fs::weakly_canonical(fs::absolute(d.path));  // a symlink: its target
    std::error_code ec;
    bool exec = (fs::status(path, ec).permissions() & fs::perms::owner_exec) != fs::perms::none;
    fs::path temp = path.parent_path() / ("." + path.filename().string() + ".git-reorg-" + std::to_string(::getpid()));
    try {
      disk.write_file(path, d.new_content, exec ? 0100755 : 0100644, temp);
    } catch (...) {
      try {
        disk.remove_file(temp);
      } catch (...) {  // the first failure is the one to report
      }
      throw;
    }
  }
}

}  // namespace gitreorg::exec

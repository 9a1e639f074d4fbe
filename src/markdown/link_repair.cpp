// Repairs for old link rot, by trailing path segments (see link_repair.hpp).
#include "gitreorg/markdown/link_repair.hpp"

#include <set>

#include "gitreorg/core/path.hpp"

namespace gitreorg::markdown {

LinkRepairs::LinkRepairs(const core::Tree& tree) {
  std::set<std::string_view> dirs;
  for (const core::TreeEntry& e : tree) {
    by_name_[std::string(core::base_name(e.path))].push_back(e.path);
    for (std::string_view d = core::parent_dir(e.path); !d.empty() && dirs.insert(d).second; d = core::parent_dir(d))
      by_name_[std::string(core::base_name(d))].push_back(std::string(d));
  }
}

std::optional<LinkRepair> LinkRepairs::repair(std::string_view file_path, std::string_view raw_path, Syntax syntax) const {
  std::string path = decode(raw_path, syntax);
  std::string_view tail = path;
  while (true) {
    if (tail.starts_with("/")) tail.remove_prefix(1);
    else if (tail.starts_with("./")) tail.remove_prefix(2);
    else if (tail.starts_with("../")) tail.remove_prefix(3);
    else break;
  }
  while (tail.ends_with("/")) tail.remove_suffix(1);
  if (tail.empty() || tail == "." || tail == ".." || tail.find("/./") != std::string_view::npos ||
      tail.find("/../") != std::string_view::npos || tail.ends_with("/..") || tail.find("//") != std::string_view::npos)
    return std::nullopt;
  auto it = by_name_.find(std::string(core::base_name(tail)));
  if (it == by_name_.end()) return std::nullopt;
  bool single = tail.find('/') == std::string_view::npos;
  std::string_view top = file_path.substr(0, file_path.find('/'));
  const std::string* found = nullptr;
  for (const std::string& p : it->second) {
    if (p != tail && !(p.ends_with(tail) && p[p.size() - tail.size() - 1] == '/')) continue;
    if (single && p != tail && !core::is_path_prefix(top, p)) continue;
    if (found) return std::nullopt;  // two places fit: a person has to choose
    found = &p;
  }
  if (!found || *found == file_path) return std::nullopt;
  std::string_view dir = core::parent_dir(file_path);
  return LinkRepair{*found, retarget(raw_path, syntax, dir, dir, *found)};
}

}  // namespace gitreorg::markdown

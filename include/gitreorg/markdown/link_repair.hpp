// Old link rot: the one plausible target of a relative link that names nothing in the tree, found by
// the link's trailing path segments (`../../1.architectures` written one `../` short).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gitreorg/core/tree.hpp"
#include "gitreorg/markdown/link_path.hpp"

namespace gitreorg::markdown {

struct LinkRepair {
  std::string target;       // the repository path the link meant
  std::string destination;  // the raw path to write instead, in the link's style, from the same file
};

class LinkRepairs {
 public:
  explicit LinkRepairs(const core::Tree& tree);  // every file and directory of `tree`

  // For the raw path `raw_path` (no query or fragment, written in `syntax`) in `file_path`, which
  // names nothing in the tree or leaves it: the one path of the tree whose trailing segments are the
  // link's own after its leading `./` and `../`. A single name (`../1.architectures`) counts only in
  // the file's own top-level directory or at the root, where a person would look for it. nullopt
  // when no path or more than one fits.
  std::optional<LinkRepair> repair(std::string_view file_path, std::string_view raw_path, Syntax syntax) const;

 private:
  std::unordered_map<std::string, std::vector<std::string>> by_name_;  // last segment -> paths
};

}  // namespace gitreorg::markdown

// What the YAML reading and the text reading of a workflow share: carrying one `paths` /
// `paths-ignore` list across the move (entries that grow into several, the check of the list as
// GitHub evaluates it), and a scalar whose whole value is a path from the repository root.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gitreorg/core/edit.hpp"
#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/rewrite/glob.hpp"
#include "gitreorg/rewrite/path_mentions.hpp"
#include "rewrite/yaml_scalar.hpp"

namespace gitreorg::rewrite {

// One entry of a filter list: its value, where it is written (nullopt when its bytes are not known)
// and where a warning about it points.
struct FilterEntry {
  std::string value;
  std::optional<YamlScalar> scalar;
  std::size_t pos = 0;
};

class FilterListEditor {
 public:
  FilterListEditor(std::string_view path, std::string_view text, const core::LineIndex& lines, const MovedTree& tree,
                   diag::Sink& sink, std::vector<core::Edit>& edits)
      : path_(path), text_(text), lines_(lines), tree_(tree), sink_(sink), edits_(edits) {}

  // Carries each entry across the move; with `check_list`, then compares what the whole list selects
  // before and after. False when an entry is not a pattern (the list is left as it is). `changed`
  // says the selection changed (warned at `list_pos`). With `exclusions` (a `paths` list: GitHub
  // reads `!` there, not in `paths-ignore`), a directory's entry stays one pattern when files moved
  // into it from elsewhere, followed by `!` entries for them, unless the list as a whole then selects
  // other files than before; then it is carried without.
  bool rewrite(const std::vector<FilterEntry>& entries, bool flow, const std::string& where, bool check_list,
               std::size_t list_pos, bool& changed, bool exclusions = false);

  // Replaces the scalar `s` by `patterns`: the first in its place, the others after it (new list
  // items copying its line's indentation, `- ` and comment marker; in a flow list, `, 'pattern'`).
  void replace_with_list(const YamlScalar& s, const std::vector<std::string>& patterns, bool flow, const char* kind);

  void warn(std::size_t pos, std::string message);

 private:
  std::string_view path_, text_;
  const core::LineIndex& lines_;
  const MovedTree& tree_;
  diag::Sink& sink_;
  std::vector<core::Edit>& edits_;
};

// A scalar whose whole value is a path relative to the repository root (`working-directory`, `uses: ./x`).
void rewrite_path_scalar(std::string_view path, std::string_view text, const YamlScalar& s, const PathMentions& mentions,
                         const core::LineIndex& lines, std::vector<core::Edit>& edits, std::vector<ReviewItem>& review);

}  // namespace gitreorg::rewrite

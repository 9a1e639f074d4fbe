// Workflows read as text, line by line: files yaml-cpp cannot read (GitHub cannot either, but their
// author will fix them in the new layout), workflows disabled by their name, and the commented-out
// filter lines of any workflow.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "gitreorg/core/edit.hpp"
#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/rewrite/glob.hpp"
#include "gitreorg/rewrite/path_mentions.hpp"

namespace gitreorg::rewrite {

struct TextWorkflow {
  std::size_t changed_filters = 0;    // active filter lists whose selection changed
  std::size_t commented_filters = 0;  // commented-out filter entries rewritten
  bool path_filters = false;          // an active `paths:` / `paths-ignore:` key
};

// With `commented_only`, only commented-out filter entries are rewritten (the rest of the file was
// read as YAML); else also active filter lists (by line shape: `paths:` then `- entry` lines),
// `working-directory:`, `uses: ./path` and `run:` scripts (a `run: |` block ends at the first line
// indented no deeper than `run:` that is not inside a heredoc; its words are read from the root).
TextWorkflow rewrite_workflow_as_text(std::string_view path, std::string_view text, const MovedTree& tree,
                                      const PathMentions& mentions, bool commented_only, diag::Sink& sink,
                                      std::vector<core::Edit>& edits, std::vector<ReviewItem>& review);

}  // namespace gitreorg::rewrite

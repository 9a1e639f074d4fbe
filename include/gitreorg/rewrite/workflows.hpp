// GitHub Actions workflows (`.github/workflows/*.yml|yaml`) and local actions (`action.yml|yaml`):
// `on.<event>.paths` / `paths-ignore` filters, `working-directory`, `uses: ./path`, `hashFiles(...)`
// arguments and path mentions in `run:` scripts, edited in place at each scalar's bytes.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/core/tree.hpp"
#include "gitreorg/core/edit.hpp"
#include "gitreorg/rewrite/glob.hpp"
#include "gitreorg/rewrite/path_mentions.hpp"
#include "gitreorg/rewrite/reference_kind.hpp"

namespace gitreorg::rewrite {

// `.github/workflows/NAME.yml|yaml` (directly in that directory).
bool is_workflow_path(std::string_view path);
// `action.yml|yaml` anywhere: a local action's metadata.
bool is_action_path(std::string_view path);
// `.github/workflows/NAME.yml.SUFFIX` (`ci.yml.disabled`, `ci.yaml.off`): a workflow disabled by its name.
bool is_disabled_workflow_path(std::string_view path);

// The edits for one workflow or action file. Filters are carried across the move with
// transform_glob (one entry may become several, inserted in place with the same indentation and
// quoting); a filter list whose selection changes anyway is a warning ("filter-changed" in
// `changed_filters`). Words that look like old paths but were not rewritten go to `review`. A file
// that is not valid YAML, or is disabled by its name, is read as text (src/rewrite/workflow_text.hpp),
// with a diagnostic saying what was rewritten that way.
struct WorkflowResult {
  std::vector<core::Edit> edits;
  std::size_t changed_filters = 0;  // filter lists (or hashFiles calls) whose selection changed
  // `paths` or `paths-ignore` filters on some event. GitHub evaluates them on the first 300 changed
  // files of a push or pull request only, so a migration touching more files does not trigger such
  // workflows reliably.
  bool path_filters = false;
  // Read as text, line by line: not valid YAML, or disabled by its name.
  bool as_text = false;
  std::size_t commented_filters = 0;  // commented-out filter entries rewritten (as text)
};
WorkflowResult rewrite_workflow(std::string_view old_path, std::string_view text, const MovedTree& tree,
                                const PathMentions& mentions, diag::Sink& sink, std::vector<ReviewItem>& review);

// The "workflow" row of the table of kinds.
bool workflow_applies(const FileInput& file, const RewriteContext& ctx);
KindResult workflow_rewrite(const FileInput& file, const RewriteContext& ctx, diag::Sink& sink);

}  // namespace gitreorg::rewrite

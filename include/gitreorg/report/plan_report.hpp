// Renders a plan for people (text, Markdown for PR descriptions) and machines (JSON, schema v1).
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "gitreorg/diag/diagnostic.hpp"
#include "gitreorg/plan/repository_plan.hpp"
#include "gitreorg/report/json_document.hpp"
#include "gitreorg/rewrite/rewrite_references.hpp"

namespace gitreorg::report {

struct PlanReportOptions {
  bool color = false;
  bool list_files = false;  // text: list every moved file, not just the summary table
  const std::vector<rewrite::ReferenceRewrite>* import_references = nullptr;  // parallel to rp.imports
  bool quote_non_ascii = true;  // git's core.quotePath (core::quote_path)
};

// `refs` (may be null when the mapping has errors) are the reference edits of the second commit.
std::string render_plan_text(const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite* refs, const diag::Sink& sink,
                             const PlanReportOptions& options);
// GitHub's limits: a pull-request description or comment holds 65,536 characters.
constexpr std::size_t kPullRequestBodyBytes = 65536;

struct MarkdownPlan {
  std::string text;
  bool folded = false;  // long lists were shortened (the text says so and where the full lists are)
  bool fits = true;     // false: even folded, the text is longer than asked
};

// The plan as a pull-request description. Longer than `max_bytes` (0: no limit), its long lists are
// shortened, each by as little as fits: first the moved files (listed per rule, "and N more"), then
// the edits per file, the directories `match` rules expanded to, the mentions needing review.
// `import_refs` (optional, parallel to rp.imports): each import's reference edits, for its section.
MarkdownPlan render_plan_markdown(const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite* refs, const diag::Sink& sink,
                                  std::size_t max_bytes = kPullRequestBodyBytes,
                                  const std::vector<rewrite::ReferenceRewrite>* import_refs = nullptr);
// Where a document is written as it is made, piece by piece.
using JsonOut = std::function<void(std::string_view)>;

// The JSON document (schema v1, docs/plan-json.md) as indented text, written to `out` as it goes:
// the moved files and the edited files (most of a large plan) one object at a time, never built
// as one JSON tree or one string (100k files: about 90 MB of text, several times that as a tree).
// `import_refs` (optional, parallel to rp.imports): each import's reference edits.
void write_plan_json(const JsonOut& out, const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite* refs,
                     const diag::Sink& sink, const std::vector<rewrite::ReferenceRewrite>* import_refs = nullptr);
// The same text as one string.
std::string render_plan_json(const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite* refs, const diag::Sink& sink,
                             const std::vector<rewrite::ReferenceRewrite>* import_refs = nullptr);
// Everything but the moved files (`files` is an empty list), as one JSON tree.
nlohmann::json plan_document(const plan::RepositoryPlan& rp, const rewrite::ReferenceRewrite* refs, const diag::Sink& sink,
                             const std::vector<rewrite::ReferenceRewrite>* import_refs = nullptr);

// Moved files that the reference rewrite also edits: their history would break in a squash merge.
std::size_t moved_and_edited(const rewrite::ReferenceRewrite* refs);

// How a rule is shown in tables: `from` for moves, `match` for patterns.
std::string rule_kind_name(const mapping::Rule& r);

}  // namespace gitreorg::report

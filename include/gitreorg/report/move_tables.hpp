// The plan's old -> new table for other tools: CSV (spreadsheets, scripts), a `_redirects` file (a
// docs site built from the repository), and the inverse mapping (rollback) as YAML.
#pragma once

#include <string>

#include "gitreorg/plan/invert.hpp"
#include "gitreorg/plan/repository_plan.hpp"

namespace gitreorg::report {

// `old_path,new_path` and one row per moved file, in old-path order; RFC 4180: CRLF line ends, a
// field with `,`, `"`, CR or LF in double quotes with `"` doubled.
std::string render_plan_csv(const plan::RepositoryPlan& rp);

// A `_redirects` file (Netlify, Cloudflare Pages; first match wins): for every directory that moves
// as a whole, deepest first, `/OLD /NEW 301` and `/OLD/* /NEW/:splat 301`; before them, each moved file
// whose new path its directory's line would not give. Paths percent-encoded, rooted at `/`.
std::string render_redirects(const plan::RepositoryPlan& rp);

// The inverse as a mapping file: `repository:` with every alias (and the new URL) but no `new_url`,
// the inverse rules with their `reason`, no policy; a comment says what is not inverted (imports).
std::string render_inverse_mapping(const plan::RepositoryPlan& rp, const plan::Inverse& inverse);

}  // namespace gitreorg::report

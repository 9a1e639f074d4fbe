// `where`'s answers as they are printed: text lines for people (git's quoting, unambiguous with
// ` -> ` in a name), NUL-terminated records for scripts (-z, raw names as `git ls-files -z`), JSON.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gitreorg/plan/where.hpp"

namespace gitreorg::report {

// One answer of `where`, its paths as they are shown (relative to the current directory or from the
// top, a trailing `/` for a directory asked as one), raw bytes.
struct WhereRecord {
  std::string import;  // the import's name for `NAME:PATH` (then `query` is a path of its tree), else empty
  std::string query;
  std::string answer;  // the other side (the new path; with --reverse the old one); empty when there is none
  std::string kind;    // where_kind_name, or `no_match` (a glob that matches nothing)
  int rule_line = 0;   // the mapping's line of the rule (for `dropped`, the `drop:` entry) that decided; 0 when none
  std::string detail;  // why, for every kind but moved and unchanged; empty otherwise
};

// `moved`, `unchanged`, `kept`, `no_source`, `unknown`, `invalid`, `dropped`, `unmapped`.
std::string where_kind_name(plan::WhereAnswer::Kind kind);

// Whether a record is an error (invalid, unmapped, no_match: exit 1) or a warning (unknown).
bool where_is_error(const WhereRecord& r);

// A path in text output: quote_path (git's core.quotePath quoting), and a path with a space in double
// quotes as `git status --short` quotes it, so ` -> `, ` <- ` and ` (` in a name cannot be read as
// the separator. `"a -> b"` is one name.
std::string quote_where_path(std::string_view path, bool quote_non_ascii);

// The line for a record: `QUERY -> NEW`, `NEW <- OLD` (reverse), `QUERY (unchanged)`, `QUERY (kept:
// ...)`, `QUERY (no old path: ...)`, `QUERY (unknown)`, `QUERY (dropped by ...)`; empty for an
// error (its message goes to stderr). Ends with a newline.
std::string where_text_line(const WhereRecord& r, bool reverse, bool quote_non_ascii);

// -z: per record three NUL-terminated fields, KIND, QUERY (`NAME:PATH` for an import) and ANSWER
// (empty when there is none), raw bytes.
std::string where_nul_record(const WhereRecord& r);

// --format json: {schema: "git-reorg-where", schema_version, answers}, the answers an array of {query,
// answer (null when none), kind, rule (line, null when none), detail (null when none)}; a query or
// answer (or detail) that is not valid UTF-8 is shown with U+FFFD and carried losslessly, base64 of its
// bytes, in `path_bytes: {query, answer}` (report::add_path_bytes).
std::string where_json(const std::vector<WhereRecord>& records);

}  // namespace gitreorg::report

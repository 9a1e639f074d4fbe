// The mapping file: what the user asked for, validated, with source positions for diagnostics.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gitreorg/diag/diagnostic.hpp"

namespace re2 {
class RE2;
}

namespace gitreorg::mapping {

using diag::Position;

// One entry of `moves:`. Either an explicit `from` (a directory or file) or a `match` pattern.
struct Rule {
  enum class Kind { move, match };
  Kind kind = Kind::move;
  std::string from;     // kind == move: a repository path; kind == match: the regex source
  std::string to;       // destination path; for match rules a rewrite string with \1..\9
  std::string reason;   // optional free text, shown in the plan
  Position pos;         // the list item
  Position from_pos;    // the `from:` / `match:` value
  Position to_pos;      // the `to:` value
  std::shared_ptr<const re2::RE2> regex;  // compiled `match`, anchored at both ends
};

// `repository:`: enables absolute-URL rewriting.
struct Repository {
  std::vector<std::string> urls;      // every alias, normalised: no trailing slash, no .git
  std::string new_url;                // empty: the repository keeps its URL
  std::vector<std::string> branches;  // URLs on these refs are rewritten; others stay pinned
  std::string name;                   // clone directory name (default: last segment of urls[0])
  std::string new_name;               // the clone directory after the migration ("" = `name`; an import's is the host's)
  bool imported = false;              // an imported sibling's URLs: those left pinned are listed for review
  Position pos;
};

// `policy:`: constraints `check` enforces on the resulting layout.
struct DepthLimit {
  std::string root;
  int depth = 0;
  Position pos;
};
struct Policy {
  std::vector<std::string> no_numeric_prefix;  // roots ("." = whole repository)
  Position no_numeric_prefix_pos;
  std::vector<DepthLimit> max_depth;
  bool keep_readmes = false;
  Position keep_readmes_pos;
};

// One entry of `drop:` in an import: a file or directory of the imported tree left out on purpose.
struct Drop {
  std::string path;
  Position pos;
};

// One entry of `imports:`: a sibling repository merged in, with its history, under the new layout.
struct Import {
  enum class History { rewrite, preserve };
  std::string name;  // names the import in `where NAME:PATH`, plans and commit trailers
  std::string repo;  // as written: a path, relative to the host repository's top directory when not absolute
  std::string ref = "HEAD";
  std::vector<std::string> urls;  // its own absolute URLs, normalised like `repository.urls`
  History history = History::rewrite;
  std::vector<Rule> rules;  // its `moves:`, with the host's semantics, on the imported tree's paths
  std::vector<Drop> drop;
  Position pos, name_pos, repo_pos, ref_pos, history_pos, moves_pos;
};

// One entry of `keep:`: a path of the tree (file or directory, with everything below it) that stays
// where it is although a rule covers it. A glob (`*`, `?`, `**`) keeps every path it matches.
struct Keep {
  std::string path;  // as written, normalised (no trailing slash)
  std::shared_ptr<const re2::RE2> glob;  // set when `path` has a wildcard: the pattern over whole paths
  Position pos;
};

struct Mapping {
  std::string path;  // the mapping file as named on the command line (for diagnostics)
  std::string text;  // its bytes (for diagnostics and the hash in commit trailers)
  int version = 1;
  std::optional<Repository> repository;
  std::vector<Rule> rules;
  std::vector<Keep> keep;
  Policy policy;
  std::vector<Import> imports;
};

// The rules of `mapping.imports[index]` as a mapping of their own (same file, for diagnostics), so
// the planner, PathMapper and the policy run on the imported tree unchanged.
Mapping import_rules(const Mapping& mapping, std::size_t index);

// Parses and validates a mapping. Every problem goes to `sink` (all at once, with line:col);
// the returned mapping holds the valid part. Callers check `sink.has_errors()`.
Mapping load_mapping(std::string text, std::string path, diag::Sink& sink);

// Reads `path` from disk and loads it; an unreadable file is an error in the sink.
Mapping load_mapping_file(const std::string& path, diag::Sink& sink);

}  // namespace gitreorg::mapping

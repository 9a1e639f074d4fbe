// Every `--format json` output is one object that names its schema and version first thing
// (`schema`, `schema_version`), so a consumer can refuse a document it was not written for; the
// JSON Schema of each is docs/schemas/NAME.schema.json, its `schema_version` a const.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "gitreorg/diag/diagnostic.hpp"

namespace gitreorg::report {

// A JSON output's schema: its name and its version (raised on any change that is not an addition).
struct JsonSchema {
  std::string_view name;
  int version;
};

inline constexpr JsonSchema kPlanJson{"git-reorg-plan", 1};
inline constexpr JsonSchema kCheckJson{"git-reorg-check", 1};
inline constexpr JsonSchema kLinksJson{"git-reorg-links", 1};
inline constexpr JsonSchema kWhereJson{"git-reorg-where", 1};
inline constexpr JsonSchema kRewriteJson{"git-reorg-rewrite", 1};

// `body` (an object) with `schema` and `schema_version` set.
nlohmann::json versioned(const JsonSchema& schema, nlohmann::json body);

// Every object of `doc` (at any depth) that has a member whose string is not valid UTF-8 gets
// `path_bytes`, an object holding, under that member's name, the base64 of the string's bytes; for a
// member that is an array of strings, an array as long, base64 for each string that is not UTF-8 and
// null for the others. The strings themselves print with U+FFFD, so a consumer reads `path_bytes`
// to get a name (file names are bytes to git) back exactly.
void add_path_bytes(nlohmann::json& doc);

// A document as printed: add_path_bytes, two-space indent and a final newline; bytes that are not
// UTF-8 become U+FFFD in the strings.
std::string dump_document(nlohmann::json doc);

// Standard base64 (RFC 4648, with `=` padding).
std::string base64(std::string_view bytes);

// check, links and rewrite: their summary with the sink's diagnostics as `diagnostics`, versioned.
std::string summary_json(const JsonSchema& schema, nlohmann::json summary, const diag::Sink& sink);

}  // namespace gitreorg::report

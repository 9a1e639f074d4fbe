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

// A document as printed: two-space indent and a final newline; bytes that are not UTF-8 become U+FFFD
// (outputs that must carry such names losslessly add them in base64, as `where` does).
std::string dump_document(const nlohmann::json& doc);

// check, links and rewrite: their summary with the sink's diagnostics as `diagnostics`, versioned.
std::string summary_json(const JsonSchema& schema, nlohmann::json summary, const diag::Sink& sink);

}  // namespace gitreorg::report

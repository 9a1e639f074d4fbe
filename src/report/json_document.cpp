// The envelope of every JSON output: its schema's name and version, then the document.
#include "gitreorg/report/json_document.hpp"

#include "gitreorg/diag/render.hpp"

namespace gitreorg::report {

nlohmann::json versioned(const JsonSchema& schema, nlohmann::json body) {
  body["schema"] = std::string(schema.name);
  body["schema_version"] = schema.version;
  return body;
}

std::string dump_document(const nlohmann::json& doc) {
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string summary_json(const JsonSchema& schema, nlohmann::json summary, const diag::Sink& sink) {
  summary["diagnostics"] = diag::to_json(sink);
  return dump_document(versioned(schema, std::move(summary)));
}

}  // namespace gitreorg::report

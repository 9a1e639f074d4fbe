// The envelope of every JSON output: its schema's name and version, then the document.
#include "gitreorg/report/json_document.hpp"

#include <algorithm>
#include <cstdint>

#include "gitreorg/core/utf8.hpp"
#include "gitreorg/diag/render.hpp"

namespace gitreorg::report {

nlohmann::json versioned(const JsonSchema& schema, nlohmann::json body) {
  body["schema"] = std::string(schema.name);
  body["schema_version"] = schema.version;
  return body;
}

std::string base64(std::string_view bytes) {
  static const char* kDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    std::uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                      static_cast<unsigned char>(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kDigits[(v >> shift) & 0x3f];
  }
  if (std::size_t left = bytes.size() - i) {
    std::uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
    if (left == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kDigits[(v >> 18) & 0x3f];
    out += kDigits[(v >> 12) & 0x3f];
    out += left == 2 ? kDigits[(v >> 6) & 0x3f] : '=';
    out += '=';
  }
  return out;
}

void add_path_bytes(nlohmann::json& doc) {
  if (doc.is_array()) {
    for (nlohmann::json& item : doc) add_path_bytes(item);
    return;
  }
  if (!doc.is_object()) return;
  auto not_utf8 = [](const nlohmann::json& v) { return v.is_string() && !core::valid_utf8(v.get_ref<const std::string&>()); };
  nlohmann::json bytes = nlohmann::json::object();
  for (auto& [key, value] : doc.items()) {
    if (not_utf8(value)) {
      bytes[key] = base64(value.get_ref<const std::string&>());
    } else if (value.is_array() && std::any_of(value.begin(), value.end(), not_utf8)) {
      nlohmann::json each = nlohmann::json::array();
      for (const nlohmann::json& v : value)
        each.push_back(not_utf8(v) ? nlohmann::json(base64(v.get_ref<const std::string&>())) : nlohmann::json());
      bytes[key] = std::move(each);
    } else {
      add_path_bytes(value);
    }
  }
  if (!bytes.empty()) doc["path_bytes"] = std::move(bytes);
}

std::string dump_document(nlohmann::json doc) {
  add_path_bytes(doc);
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string summary_json(const JsonSchema& schema, nlohmann::json summary, const diag::Sink& sink) {
  summary["diagnostics"] = diag::to_json(sink);
  return dump_document(versioned(schema, std::move(summary)));
}

}  // namespace gitreorg::report

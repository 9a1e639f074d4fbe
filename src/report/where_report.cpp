// Rendering `where`'s answers; the answers themselves are plan::WhereIndex's.
#include "gitreorg/report/where_report.hpp"

#include <nlohmann/json.hpp>

#include "gitreorg/core/quote_path.hpp"
#include "gitreorg/report/json_document.hpp"

namespace gitreorg::report {

std::string where_kind_name(plan::WhereAnswer::Kind kind) {
  using K = plan::WhereAnswer::Kind;
  switch (kind) {
    case K::moved: return "moved";
    case K::unchanged: return "unchanged";
    case K::kept: return "kept";
    case K::no_source: return "no_source";
    case K::unknown: return "unknown";
    case K::invalid: return "invalid";
    case K::dropped: return "dropped";
    case K::unmapped: return "unmapped";
  }
  return "unknown";
}

bool where_is_error(const WhereRecord& r) { return r.kind == "invalid" || r.kind == "unmapped" || r.kind == "no_match"; }

std::string quote_where_path(std::string_view path, bool quote_non_ascii) {
  std::string q = core::quote_path(path, quote_non_ascii);
  if (!q.empty() && q.front() != '"' && q.find(' ') != std::string::npos) return '"' + q + '"';
  return q;
}

std::string where_text_line(const WhereRecord& r, bool reverse, bool quote_non_ascii) {
  if (where_is_error(r)) return "";
  std::string q = (r.import.empty() ? "" : r.import + ":") + quote_where_path(r.query, quote_non_ascii);
  if (r.kind == "moved") return q + (reverse ? " <- " : " -> ") + quote_where_path(r.answer, quote_non_ascii) + "\n";
  if (r.kind == "unchanged" || r.kind == "unknown") return q + " (" + r.kind + ")\n";
  if (r.kind == "kept") return q + " (kept: " + r.detail + ")\n";
  if (r.kind == "no_source") return q + " (no old path: " + r.detail + ")\n";
  if (r.kind == "dropped") return q + " (dropped by " + r.detail + ")\n";
  return q + " (" + r.kind + ")\n";
}

std::string where_nul_record(const WhereRecord& r) {
  std::string out = r.kind;
  out += '\0';
  if (!r.import.empty()) out += r.import + ":";
  out += r.query;
  out += '\0';
  out += r.answer;
  out += '\0';
  return out;
}

std::string where_json(const std::vector<WhereRecord>& records) {
  nlohmann::json answers = nlohmann::json::array();
  for (const WhereRecord& r : records) {
    std::string query = (r.import.empty() ? "" : r.import + ":") + r.query;
    // A name that is not UTF-8 is carried in `path_bytes` too (dump_document).
    nlohmann::json o = {{"query", query},
                        {"answer", r.answer.empty() ? nlohmann::json() : nlohmann::json(r.answer)},
                        {"kind", r.kind},
                        {"rule", r.rule_line > 0 ? nlohmann::json(r.rule_line) : nlohmann::json()},
                        {"detail", r.detail.empty() ? nlohmann::json() : nlohmann::json(r.detail)}};
    answers.push_back(std::move(o));
  }
  return dump_document(versioned(kWhereJson, {{"answers", std::move(answers)}}));
}

}  // namespace gitreorg::report

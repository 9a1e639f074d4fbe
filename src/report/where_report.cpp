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

namespace {
bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    std::uint32_t cp = n == 1 ? c : c & (0x7f >> n);
    for (std::size_t k = 1; k < n; ++k) {
      auto d = static_cast<unsigned char>(s[i + k]);
      if ((d >> 6) != 0x2) return false;
      cp = (cp << 6) | (d & 0x3f);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
      return false;
    i += n;
  }
  return true;
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
}  // namespace

std::string where_json(const std::vector<WhereRecord>& records) {
  nlohmann::json answers = nlohmann::json::array();
  for (const WhereRecord& r : records) {
    std::string query = (r.import.empty() ? "" : r.import + ":") + r.query;
    nlohmann::json o = {{"query", query},
                        {"answer", r.answer.empty() ? nlohmann::json() : nlohmann::json(r.answer)},
                        {"kind", r.kind},
                        {"rule", r.rule_line > 0 ? nlohmann::json(r.rule_line) : nlohmann::json()},
                        {"detail", r.detail.empty() ? nlohmann::json() : nlohmann::json(r.detail)}};
    nlohmann::json bytes = nlohmann::json::object();
    if (!valid_utf8(query)) bytes["query"] = base64(query);
    if (!valid_utf8(r.answer)) bytes["answer"] = base64(r.answer);
    if (!bytes.empty()) o["path_bytes"] = bytes;
    answers.push_back(std::move(o));
  }
  return dump_document(versioned(kWhereJson, {{"answers", std::move(answers)}}));
}

}  // namespace gitreorg::report

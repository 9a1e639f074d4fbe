// `where`'s output: text lines that cannot be misread (git's quoting, names with spaces in double
// quotes), -z records with raw names, JSON with lossless bytes; git's quoting read back (--stdin).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "gitreorg/core/quote_path.hpp"
#include "gitreorg/report/where_report.hpp"

using namespace gitreorg;
using report::WhereRecord;

TEST_CASE("where text: names with ` -> `, spaces and quotes stay one unambiguous field", "[where][report]") {
  CHECK(report::quote_where_path("a/b.md", true) == "a/b.md");
  CHECK(report::quote_where_path("x -> y.md", true) == "\"x -> y.md\"");
  CHECK(report::quote_where_path("caf\xc3\xa9 x", true) == "\"caf\\303\\251 x\"");  // quoted once, not twice
  CHECK(report::quote_where_path("a\" -> \"b", true) == "\"a\\\" -> \\\"b\"");
  WhereRecord moved{"", "x -> y.md", "new name.md", "moved", 3, ""};
  CHECK(report::where_text_line(moved, false, true) == "\"x -> y.md\" -> \"new name.md\"\n");
  CHECK(report::where_text_line(moved, true, true) == "\"x -> y.md\" <- \"new name.md\"\n");
  CHECK(report::where_text_line({"", "a (unchanged)", "a (unchanged)", "unchanged", 0, ""}, false, true) == "\"a (unchanged)\" (unchanged)\n");
  CHECK(report::where_text_line({"imp", "LICENSE", "", "dropped", 9, "`drop: LICENSE` at line 9"}, false, true) ==
        "imp:LICENSE (dropped by `drop: LICENSE` at line 9)\n");
  CHECK(report::where_text_line({"", "../x", "", "invalid", 0, "outside the repository"}, false, true).empty());
}

TEST_CASE("where -z: KIND, QUERY and ANSWER, each NUL-terminated, raw bytes", "[where][report]") {
  using namespace std::string_literals;
  CHECK(report::where_nul_record({"", "new\nline -> x", "b\xff", "moved", 1, ""}) == "moved\0new\nline -> x\0b\xff\0"s);
  CHECK(report::where_nul_record({"imp", "LICENSE", "", "dropped", 9, "d"}) == "dropped\0imp:LICENSE\0\0"s);
}

TEST_CASE("where json: every field, null when absent, bytes of non-UTF-8 names base64", "[where][report]") {
  auto doc = nlohmann::json::parse(report::where_json({{"", "a", "b", "moved", 4, ""},
                                                       {"", "\xff\xfe.bin", "\xff\xfe.bin", "unchanged", 0, ""},
                                                       {"imp", "LICENSE", "", "dropped", 9, "`drop: LICENSE` at line 9"},
                                                       {"", "caf\xc3\xa9", "", "no_match", 0, "matches nothing"}}));
  // Versioned like every JSON output: the answers are a member of an object naming its schema.
  CHECK(doc["schema"] == "git-reorg-where");
  CHECK(doc["schema_version"] == 1);
  REQUIRE(doc.size() == 3);
  const nlohmann::json& j = doc["answers"];
  REQUIRE(j.is_array());
  REQUIRE(j.size() == 4);
  CHECK(j[0] == nlohmann::json({{"query", "a"}, {"answer", "b"}, {"kind", "moved"}, {"rule", 4}, {"detail", nullptr}}));
  CHECK(j[1]["query"] == "\xef\xbf\xbd\xef\xbf\xbd.bin");  // shown with U+FFFD
  CHECK(j[1]["path_bytes"] == nlohmann::json({{"query", "//4uYmlu"}, {"answer", "//4uYmlu"}}));  // base64 of ff fe 2e 62 69 6e
  CHECK(j[2] == nlohmann::json({{"query", "imp:LICENSE"}, {"answer", nullptr}, {"kind", "dropped"}, {"rule", 9},
                                {"detail", "`drop: LICENSE` at line 9"}}));
  CHECK(j[3]["query"] == "caf\xc3\xa9");  // valid UTF-8: no path_bytes
  CHECK_FALSE(j[3].contains("path_bytes"));
  CHECK(nlohmann::json::parse(report::where_json({})) ==
        nlohmann::json({{"schema", "git-reorg-where"}, {"schema_version", 1}, {"answers", nlohmann::json::array()}}));
}

TEST_CASE("unquote_path reads back what quote_path and git write", "[where][report]") {
  for (std::string name : {"plain", "with space", "caf\xc3\xa9", "tab\there", "new\nline", "quote\"d", "back\\slash", "\xff\xfe", "DEL\x7f"}) {
    INFO(name);
    CHECK(core::unquote_path(core::quote_path(name)) == name);
    CHECK(core::unquote_path(report::quote_where_path(name, true)) == name);
  }
  CHECK(core::unquote_path("\"x -> y.md\"") == "x -> y.md");
  CHECK_FALSE(core::unquote_path("\"open"));
  CHECK_FALSE(core::unquote_path("\"a\"b"));
  CHECK_FALSE(core::unquote_path("\"\\q\""));
  CHECK(core::unquote_path("not \"quoted\"") == "not \"quoted\"");
}

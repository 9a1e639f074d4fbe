// Edits: splicing byte ranges, and offsets as lines and columns.
#include <catch2/catch.hpp>

#include "gitreorg/core/edit.hpp"

using namespace gitreorg::core;

TEST_CASE("core: apply_edits splices only the edited bytes", "[core]") {
  std::string text = "\xEF\xBB\xBFone\r\ntwo  \r\nthree";  // BOM, CRLF, trailing spaces, no final newline
  std::vector<Edit> edits{{8, 3, "2", 2, "x", "two"}, {3, 3, "ONE", 1, "x", "one"}};
  CHECK(apply_edits(text, edits) == "\xEF\xBB\xBFONE\r\n2  \r\nthree");
  CHECK(apply_edits(text, {}) == text);
  CHECK_THROWS_AS(apply_edits(text, {{3, 3, "a"}, {4, 1, "b"}}), std::invalid_argument);
  CHECK_THROWS_AS(apply_edits(text, {{20, 3, "a"}}), std::invalid_argument);
}

TEST_CASE("core: line index", "[core]") {
  LineIndex l("a\nbc\n\nd");
  CHECK(l.line(0) == 1);
  CHECK(l.line(2) == 2);
  CHECK(l.column(3) == 2);
  CHECK(l.line(5) == 3);
  CHECK(l.line(6) == 4);
}

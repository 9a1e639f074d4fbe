// Finding trailers in commit messages: whole lines, and lines that start with a key.
#include <catch2/catch.hpp>

#include "gitreorg/git/history.hpp"

using gitreorg::git::message_has_line;
using gitreorg::git::message_has_line_starting;

TEST_CASE("history: a message has a line, or a line starting with a key, only at line starts", "[git]") {
  std::string m = "Moved to host\n\nSee Reorg-Moved-To: nowhere\n\nReorg-Import: sib\nReorg-Moved-To: https://x/y\n";
  CHECK(message_has_line(m, "Reorg-Import: sib"));
  CHECK_FALSE(message_has_line(m, "Reorg-Import: si"));
  CHECK(message_has_line_starting(m, "Reorg-Moved-To: "));
  CHECK(message_has_line_starting("Reorg-Moved-To: u", "Reorg-Moved-To: "));
  CHECK_FALSE(message_has_line_starting("Moved\n\nSee Reorg-Moved-To: x\n", "Reorg-Moved-To: "));
  CHECK_FALSE(message_has_line_starting("", "Reorg-Moved-To: "));
}

// core/utf8: the one UTF-8 test of the journal, the JSON output and the Markdown scanner. The expected
// values are those of the strict validators it replaced (JSON output, Markdown scanner), which agreed on
// every string of up to 3 bytes and on millions of 4- to 6-byte ones.
#include <catch2/catch.hpp>

#include <string>

#include "gitreorg/core/utf8.hpp"

using gitreorg::core::sanitize_utf8;
using gitreorg::core::utf8_sequence_length;
using gitreorg::core::valid_utf8;

TEST_CASE("core: valid_utf8 takes UTF-8 of every length, NUL and noncharacters included", "[core][utf8]") {
  CHECK(valid_utf8(""));
  CHECK(valid_utf8("docs/README.md"));
  CHECK(valid_utf8(std::string("a\0b", 3)));  // NUL is U+0000
  CHECK(valid_utf8("\xc2\x80"));               // U+0080, the first 2-byte one
  CHECK(valid_utf8("caf\xc3\xa9"));            // é
  CHECK(valid_utf8("\xdf\xbf"));               // U+07FF
  CHECK(valid_utf8("\xe0\xa0\x80"));           // U+0800, the first 3-byte one
  CHECK(valid_utf8("\xe2\x82\xac"));           // €
  CHECK(valid_utf8("\xed\x9f\xbf"));           // U+D7FF, just below the surrogates
  CHECK(valid_utf8("\xee\x80\x80"));           // U+E000, just above them
  CHECK(valid_utf8("\xef\xbf\xbe"));           // U+FFFE, a noncharacter but UTF-8
  CHECK(valid_utf8("\xf0\x90\x80\x80"));       // U+10000, the first 4-byte one
  CHECK(valid_utf8("\xf0\x9f\x98\x80"));       // 😀
  CHECK(valid_utf8("\xf4\x8f\xbf\xbf"));       // U+10FFFF, the last code point
}

TEST_CASE("core: valid_utf8 refuses overlong forms, surrogates, code points past U+10FFFF and broken sequences",
          "[core][utf8]") {
  // Overlong: '/' as 2, 3 and 4 bytes, U+07FF as 3 and U+FFFF as 4.
  CHECK_FALSE(valid_utf8("\xc0\xaf"));
  CHECK_FALSE(valid_utf8("\xc1\xbf"));
  CHECK_FALSE(valid_utf8("\xe0\x80\xaf"));
  CHECK_FALSE(valid_utf8("\xe0\x9f\xbf"));
  CHECK_FALSE(valid_utf8("\xf0\x80\x80\xaf"));
  CHECK_FALSE(valid_utf8("\xf0\x8f\xbf\xbf"));
  // Surrogates U+D800..U+DFFF, alone and as a CESU-8 pair for 😀.
  CHECK_FALSE(valid_utf8("\xed\xa0\x80"));
  CHECK_FALSE(valid_utf8("\xed\xbf\xbf"));
  CHECK_FALSE(valid_utf8("\xed\xa0\xbd\xed\xb8\x80"));
  // Past U+10FFFF: U+110000, and the lead bytes F5..FF.
  CHECK_FALSE(valid_utf8("\xf4\x90\x80\x80"));
  CHECK_FALSE(valid_utf8("\xf5\x80\x80\x80"));
  CHECK_FALSE(valid_utf8("\xf8\x88\x80\x80\x80"));
  CHECK_FALSE(valid_utf8("\xff"));
  // Truncated at the end, cut by another byte, or a continuation byte alone.
  CHECK_FALSE(valid_utf8("caf\xc3"));
  CHECK_FALSE(valid_utf8("\xe2\x82"));
  CHECK_FALSE(valid_utf8("\xf0\x9f\x98"));
  CHECK_FALSE(valid_utf8("\xe2x\xac"));
  CHECK_FALSE(valid_utf8(std::string("\xc3\0", 2)));
  CHECK_FALSE(valid_utf8("\x80"));
  CHECK_FALSE(valid_utf8("a\xbf" "b"));
  CHECK_FALSE(valid_utf8("docs/caf\xe9.md"));  // Latin-1
}

TEST_CASE("core: utf8_sequence_length is the length of the first sequence, 0 for none, never past the end",
          "[core][utf8]") {
  CHECK(utf8_sequence_length("") == 0);
  CHECK(utf8_sequence_length(std::string("\0x", 2)) == 1);
  CHECK(utf8_sequence_length("ab") == 1);
  CHECK(utf8_sequence_length("\xc3\xa9x") == 2);
  CHECK(utf8_sequence_length("\xe2\x82\xac\xe2") == 3);
  CHECK(utf8_sequence_length("\xf0\x9f\x98\x80") == 4);
  CHECK(utf8_sequence_length("\xed\xa0\x80") == 0);
  // A view that ends inside a sequence whose next bytes would complete it: not read past the view.
  const std::string_view euro("\xe2\x82\xac", 3);
  CHECK(utf8_sequence_length(euro.substr(0, 2)) == 0);
}

TEST_CASE("core: sanitize_utf8 replaces each byte outside valid UTF-8, keeping the length and the offsets",
          "[core][utf8]") {
  CHECK(sanitize_utf8("") == "");
  CHECK(sanitize_utf8("caf\xc3\xa9 \xf0\x9f\x98\x80") == "caf\xc3\xa9 \xf0\x9f\x98\x80");
  CHECK(sanitize_utf8("docs/caf\xe9.md") == "docs/caf?.md");
  CHECK(sanitize_utf8("\xed\xa0\x80z") == "???z");              // a surrogate: three bytes, three `?`
  CHECK(sanitize_utf8("\xe0\x80\xaf") == "???");                // overlong
  CHECK(sanitize_utf8("\xf4\x90\x80\x80") == "????");           // past U+10FFFF
  CHECK(sanitize_utf8("\xe2\x82\xc3\xa9") == "??\xc3\xa9");     // truncated, then a valid é
  CHECK(sanitize_utf8("\x80\x80#") == "??#");                   // continuation bytes alone
  CHECK(sanitize_utf8("\xf0\x9f\x98") == "???");                // truncated at the end
  CHECK(sanitize_utf8(std::string("\0\xff", 2)) == std::string("\0?", 2));
  CHECK(sanitize_utf8("x\xffy", '_') == "x_y");
}

TEST_CASE("core: display_width counts columns: box drawing one, East Asian wide two, combining marks none",
          "[core][utf8]") {
  using gitreorg::core::display_width;
  CHECK(display_width("") == 0);
  CHECK(display_width("docs/") == 5);
  CHECK(display_width("\xe2\x94\x9c\xe2\x94\x80\xe2\x94\x80 ") == 4);  // `├── `: 10 bytes, 4 columns
  CHECK(display_width("\xe6\x96\x87\xe6\xa1\xa3") == 4);               // `文档`: two wide characters
  CHECK(display_width("e\xcc\x81") == 1);                              // e + combining acute accent
  CHECK(display_width("a\xffz") == 3);                                 // a byte that is not UTF-8: one column
}

#include <catch2/catch.hpp>

#include <string>

#include "util/log_escape.hpp"

using dse::escape_log_text;

TEST_CASE("escape_log_text escapes quotes, control bytes and what is not UTF-8, and keeps UTF-8") {
  CHECK(escape_log_text("plain text") == "plain text");
  CHECK(escape_log_text("say \"hi\" \\ now") == "say \\\"hi\\\" \\\\ now");
  CHECK(escape_log_text("a\nb\rc\td") == "a\\nb\\rc\\td");
  CHECK(escape_log_text(std::string("nul\0x", 5)) == "nul\\u0000x");
  CHECK(escape_log_text("\x1b[31mred\x7f") == "\\u001b[31mred\\u007f");
  CHECK(escape_log_text("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\xb3") == "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x90\xb3");
  CHECK(escape_log_text("\xff\xfe") == "\\\\xff\\\\xfe");
  CHECK(escape_log_text("\xc3") == "\\\\xc3");                        // a sequence cut short
  CHECK(escape_log_text("\xc0\xaf") == "\\\\xc0\\\\xaf");             // overlong '/'
  CHECK(escape_log_text("\xed\xa0\x80") == "\\\\xed\\\\xa0\\\\x80");  // a surrogate
}

TEST_CASE("escape_terminal_text lets no row be forged and no escape sequence reach a terminal") {
  using dse::escape_terminal_text;
  CHECK(escape_terminal_text("web") == "web");
  CHECK(escape_terminal_text("a\nb") == "a\\nb");
  CHECK(escape_terminal_text("\x1b[8mhidden\r") == "\\x1b[8mhidden\\r");
  CHECK(escape_terminal_text("tab\there \\ back") == "tab\\there \\\\ back");
  CHECK(escape_terminal_text("\xC2\x9B"
                             "2J") == "\\u009b2J");  // C1 CSI
  CHECK(escape_terminal_text("caf\xC3\xA9 \xFF") == "caf\xC3\xA9 \\xff");
  CHECK(escape_terminal_text(std::string("\0\x7f", 2)) == "\\x00\\x7f");
}

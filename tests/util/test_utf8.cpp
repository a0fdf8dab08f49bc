#include <catch2/catch.hpp>

#include <random>

#include "util/utf8.hpp"

using namespace dse;

TEST_CASE("utf8_sequence_length follows RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF") {
  CHECK(utf8_sequence_length("a") == 1);
  CHECK(utf8_sequence_length("\xC3\xA9") == 2);          // é
  CHECK(utf8_sequence_length("\xE2\x82\xAC") == 3);      // €
  CHECK(utf8_sequence_length("\xF0\x9F\x98\x80") == 4);  // 😀
  CHECK(utf8_sequence_length("\xC3") == 0);              // cut
  CHECK(utf8_sequence_length("\xC0\xAF") == 0);          // overlong '/'
  CHECK(utf8_sequence_length("\xED\xA0\x80") == 0);      // a surrogate
  CHECK(utf8_sequence_length("\xF4\x90\x80\x80") == 0);  // above U+10FFFF
  CHECK(utf8_sequence_length("\xFF") == 0);
  CHECK(utf8_sequence_length("") == 0);
}

TEST_CASE("bounded_utf8 cuts on a character boundary and replaces what is not UTF-8") {
  const auto label = std::string(255, 'a') + "\xC3\xA9";  // the label: 257 bytes, é across the cut
  const auto cut = bounded_utf8(label, 256);
  CHECK(cut.changed);
  CHECK(cut.text == std::string(255, 'a'));
  CHECK(bounded_utf8("ok \xC3\xA9", 256).text == "ok \xC3\xA9");
  CHECK_FALSE(bounded_utf8("ok \xC3\xA9", 256).changed);
  const auto replaced = bounded_utf8(
      "a\xFF"
      "b\xC3",
      256);
  CHECK(replaced.changed);
  CHECK(replaced.text ==
        "a\xEF\xBF\xBD"
        "b\xEF\xBF\xBD");
  CHECK(bounded_utf8("\xFF\xFF", 4).text == "\xEF\xBF\xBD");  // a replacement is never cut in half either
}

TEST_CASE("bounded_utf8 of random bytes is always valid UTF-8 within its bound") {
  std::mt19937 random(26);
  for (int i = 0; i < 20'000; ++i) {
    std::string bytes(random() % 40, '\0');
    for (auto& c : bytes) c = static_cast<char>(random() % 4 == 0 ? 0x80 + random() % 0x80 : random() % 256);
    const auto bound = random() % 48;
    const auto result = bounded_utf8(bytes, bound);
    REQUIRE(result.text.size() <= bound);
    REQUIRE(is_valid_utf8(result.text));
    REQUIRE(result.changed == (result.text != bytes));
  }
}

#include <catch2/catch.hpp>

#include "docker/line_decoder.hpp"
#include "fixtures.hpp"

using dse::docker::LineDecoder;

namespace {

std::vector<std::string> decode(LineDecoder& decoder, const std::vector<std::string_view>& chunks) {
  std::vector<std::string> lines;
  for (const auto chunk : chunks) decoder.feed(chunk, [&](std::string_view line) { lines.emplace_back(line); });
  return lines;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (auto end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace

TEST_CASE("LineDecoder yields recorded events whole, split at every byte boundary") {
  const auto body = dse::test::fixture("events.jsonl");
  const auto expected = split_lines(body);
  REQUIRE(expected.size() == 7);
  for (std::size_t cut = 0; cut <= body.size(); ++cut) {
    LineDecoder decoder;
    const std::string_view view(body);
    REQUIRE(decode(decoder, {view.substr(0, cut), view.substr(cut)}) == expected);
    REQUIRE(decoder.buffered() == 0);
  }
}

TEST_CASE("LineDecoder handles one-byte chunks, CRLF and blank lines") {
  LineDecoder decoder;
  const std::string body = "{\"a\":1}\r\n\n{\"b\":2}\n{\"c\"";
  std::vector<std::string_view> bytes;
  for (std::size_t i = 0; i < body.size(); ++i) bytes.push_back(std::string_view(body).substr(i, 1));
  CHECK(decode(decoder, bytes) == std::vector<std::string>{"{\"a\":1}", "{\"b\":2}"});
  CHECK(decoder.buffered() == 4);
}

TEST_CASE("LineDecoder drops an overlong line and recovers at the next newline") {
  LineDecoder decoder(8);
  int overflows = 0;
  std::vector<std::string> lines;
  const auto on_line = [&](std::string_view line) { lines.emplace_back(line); };
  decoder.feed("0123", on_line, [&] { ++overflows; });
  decoder.feed("456789abc", on_line, [&] { ++overflows; });
  decoder.feed("def\nok\n", on_line, [&] { ++overflows; });
  CHECK(overflows == 1);
  CHECK(lines == std::vector<std::string>{"ok"});
}

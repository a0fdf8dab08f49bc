#include <catch2/catch.hpp>

#include "http/engine_link.hpp"

namespace wire = dse::http::link;

namespace {

// The payload of a frame encode() made, after checking its length field.
std::string payload_of(const std::string& frame) {
  const auto length = wire::decode_length(std::string_view(frame).substr(0, 4), wire::max_request_bytes);
  REQUIRE(length);
  REQUIRE(*length == frame.size() - 4);
  return frame.substr(4);
}

wire::Request asking(wire::Ask ask) {
  wire::Request request;
  request.ask = ask;
  return request;
}

}  // namespace

TEST_CASE("encode and decode_request agree on every kind of request") {
  auto held = asking(wire::Ask::metrics);
  held.has_last = true;
  auto page = asking(wire::Ask::status_page);
  page.page = 7;
  auto profile = asking(wire::Ask::profile);
  profile.name = "web-1";
  auto healthy = asking(wire::Ask::healthy);
  healthy.report = {true, {{42, 3}, {59, 1}}};
  for (const auto& request : {asking(wire::Ask::metrics), held, asking(wire::Ask::ready), page, profile, healthy,
                              asking(wire::Ask::slow_client_dropped), asking(wire::Ask::web_config_reload_failed)}) {
    const auto decoded = wire::decode_request(payload_of(wire::encode(request)));
    REQUIRE(decoded);
    CHECK(decoded->ask == request.ask);
    CHECK(decoded->has_last == request.has_last);
    CHECK(decoded->page == request.page);
    CHECK(decoded->name == request.name);
    CHECK(decoded->report.landlock == request.report.landlock);
    CHECK(decoded->report.refused == request.report.refused);
  }
}

TEST_CASE("decode_request refuses what the web side should never send") {
  using namespace std::string_literals;
  CHECK(!wire::decode_request(""));
  CHECK(wire::decode_request("\x09"s).error() == "an unknown request kind 9");
  CHECK(!wire::decode_request("\x01"s));                                         // metrics takes one byte
  CHECK(!wire::decode_request("\x01\x02"s));                                     // neither 0 nor 1
  CHECK(!wire::decode_request("\x01\x01x"s));                                    // and no more
  CHECK(!wire::decode_request("\x02\0\0\0"s));                                   // a page of 3 bytes
  CHECK(!wire::decode_request("\x02\0\0\0\0\0\0\0\0"s));                         // page 0
  CHECK(!wire::decode_request("\x02\x7f\0\0\0\0\0\0\0"s));                       // a page out of range
  CHECK(!wire::decode_request("\x03"s));                                         // no name
  CHECK(!wire::decode_request("\x03" + std::string(257, 'a')));                  // too long
  CHECK(!wire::decode_request("\x03na\nme"s));                                   // a control byte
  CHECK(!wire::decode_request("\x05\x02\0\0"s));                                 // landlock neither 0 nor 1
  CHECK(!wire::decode_request("\x05\x01\0\x41"s));                               // 65 syscalls
  CHECK(!wire::decode_request("\x05\x01\0\x01\0\0\x04\0"s));                     // truncated
  CHECK(!wire::decode_request("\x05\x01\0\x01\0\0\x04\0\0\0\0\0\0\0\0\x01"s));   // syscall 1024
  CHECK(wire::decode_request("\x05\x01\0\x01\0\0\x03\xff\0\0\0\0\0\0\0\x01"s));  // syscall 1023
  CHECK(!wire::decode_request("\x05\x00\0\0x"s));                                // bytes after the report
}

TEST_CASE("decode_length bounds every frame") {
  using namespace std::string_literals;
  CHECK(!wire::decode_length("\0\0\0\0"s, 10));
  CHECK(*wire::decode_length("\0\0\0\x0a"s, 10) == 10);
  CHECK(wire::decode_length("\0\0\0\x0b"s, 10).error() == "a frame of 11 bytes, over 10");
  CHECK(!wire::decode_length("\0\0\0"s, 10));
  CHECK(!wire::decode_length("\xff\xff\xff\xff"s, wire::max_answer_bytes));
}

TEST_CASE("an answer's header carries its outcome and the text's size") {
  const auto header = wire::encode_answer_header(wire::Outcome::text, 1000);
  REQUIRE(header.size() == 5);
  CHECK(*wire::decode_length(std::string_view(header).substr(0, 4), wire::max_answer_bytes) == 1001);
  CHECK(*wire::decode_outcome(static_cast<unsigned char>(header[4])) == wire::Outcome::text);
  CHECK(*wire::decode_outcome(3) == wire::Outcome::unchanged);
  CHECK(!wire::decode_outcome(4));
}

TEST_CASE("valid_name takes container names and refuses empty, long and control bytes") {
  CHECK(wire::valid_name("web_1.example-x"));
  CHECK(wire::valid_name(std::string(256, 'a')));
  CHECK(!wire::valid_name(std::string(257, 'a')));
  CHECK(!wire::valid_name(""));
  CHECK(!wire::valid_name("a\x7f"));
}

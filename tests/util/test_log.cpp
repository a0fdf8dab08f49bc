#include <catch2/catch.hpp>

#include <spdlog/sinks/ostream_sink.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "util/log.hpp"
#include "util/logging.hpp"

using namespace dse;

namespace {

// What one record looks like through the exporter's formatter.
std::string line(LogFormat format, spdlog::level::level_enum level, std::string_view msg,
                 std::initializer_list<log::Field> fields) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_st>(out);
  spdlog::logger logger("test", sink);
  logger.set_formatter(line_formatter(format));
  logger.log(level, "{}", log::encode(msg, fields));
  const auto text = out.str();
  return text.substr(text.find(' ') + 1);  // without the timestamp
}

}  // namespace

TEST_CASE("log fields travel intact, whatever bytes their values hold") {
  const auto payload = log::encode("inspect failed", {{"container", "4d5695b460ce"},
                                                      {"err",
                                                       "a\x1f"
                                                       "b=3:x"},
                                                      {"n", 42}});
  const auto decoded = log::decode(payload);
  CHECK(decoded.msg == "inspect failed");
  REQUIRE(decoded.fields.size() == 3);
  CHECK(decoded.fields[1].second ==
        "a\x1f"
        "b=3:x");
  CHECK(decoded.fields[2].second == "42");
  CHECK(log::decode("plain text").msg == "plain text");
  CHECK(log::decode("broken\x1fkey=99:short").msg == "broken\x1fkey=99:short");
}

TEST_CASE("logfmt as Prometheus programs write it: warn, context as key=value, quoted only when needed") {
  CHECK(line(LogFormat::logfmt, spdlog::level::warn, "inspect failed",
             {{"container", "4d5695b460ce"}, {"err", "HTTP 500"}}) ==
        "level=warn msg=\"inspect failed\" container=4d5695b460ce err=\"HTTP 500\"\n");
  CHECK(line(LogFormat::logfmt, spdlog::level::info, "listening", {{"port", 10521}, {"path", ""}}) ==
        "level=info msg=listening port=10521 path=\"\"\n");
  CHECK(line(LogFormat::logfmt, spdlog::level::err, "x", {{"id", std::string("\0\xff\"", 3)}}) ==
        "level=error msg=x id=\"\\u0000\\\\xff\\\"\"\n");
}

TEST_CASE("JSON logs are built by a JSON library: valid whatever the engine sent") {
  const auto text =
      line(LogFormat::json, spdlog::level::warn, "skipping", {{"line", std::string("{\"a\"\n\0\xff", 7)}});
  const auto object = nlohmann::json::parse(text.substr(text.find('{')));
  CHECK(object["level"] == "warn");
  CHECK(object["msg"] == "skipping");
  CHECK(object["line"].get<std::string>() == std::string("{\"a\"\n\0\xEF\xBF\xBD", 9));
}

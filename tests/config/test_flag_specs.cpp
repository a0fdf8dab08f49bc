#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "config/flag_specs.hpp"
#include "config/flags.hpp"

using namespace dse::config;

TEST_CASE("flag_specs: each flag declared once, with where its value goes") {
  std::set<std::string_view> names;
  for (const auto& spec : flag_specs()) {
    INFO(std::string(spec.name));
    CHECK(names.insert(spec.name).second);
    CHECK_FALSE(spec.help.empty());
    CHECK(spec.apply != nullptr);                                 // no flag accepted and then dropped
    CHECK((spec.clear != nullptr) == (spec.kind == Kind::list));  // only a list can be replaced
    if (spec.kind == Kind::command_line_only) CHECK(spec.same == nullptr);
    CHECK(find_spec(spec.name) == &spec);
  }
  CHECK(find_spec("no.such-flag") == nullptr);
}

TEST_CASE("flag_specs: a config file's list for a single-valued setting is an error, not the last element") {
  const auto reader = [](const std::string&) -> dse::Expected<std::string> {
    return std::string("log: {level: [debug, warn]}\n");
  };
  const auto no_env = [](const char*) { return std::optional<std::string>(); };
  const auto config = load_config({"--config.file=c.yml"}, no_env, reader);
  REQUIRE_FALSE(config);
  CHECK(config.error() == "config file c.yml: key log.level: takes one value, not a list");
}

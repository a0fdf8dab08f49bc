#include <catch2/catch.hpp>

#include "docker/container.hpp"
#include "fixtures.hpp"

using dse::docker::parse_inspect;

TEST_CASE("parse_inspect reads a recorded running container") {
  const auto container = parse_inspect(dse::test::fixture("inspect/running.json"));
  REQUIRE(container);
  CHECK(container->id.size() == 64);
  CHECK(container->name == "running");
  CHECK(container->image == "bb:latest");
  CHECK(container->state == "running");
  CHECK(container->pid > 0);
  CHECK_FALSE(container->privileged);
  CHECK(container->security_opt.empty());
}

TEST_CASE("parse_inspect keeps SecurityOpt in order and the privileged flag") {
  const auto unconfined = parse_inspect(dse::test::fixture("inspect/unconf_colon.json"));
  REQUIRE(unconfined);
  CHECK(unconfined->security_opt == std::vector<std::string>{"seccomp:unconfined"});
  const auto privileged = parse_inspect(dse::test::fixture("inspect/priv.json"));
  REQUIRE(privileged);
  CHECK(privileged->privileged);
  CHECK(privileged->state == "created");
  CHECK(privileged->pid == 0);
}

TEST_CASE("parse_inspect refuses bodies it cannot judge, without throwing") {
  CHECK(parse_inspect("{").error() == "inspect body is not JSON");
  CHECK(parse_inspect("[]").error() == "inspect body is not a JSON object");
  CHECK(parse_inspect(R"({"HostConfig":{}})").error() == "inspect body has no Id");
  CHECK(parse_inspect(R"({"Id":"abc"})").error() == "inspect body has no HostConfig object");
  CHECK(parse_inspect(R"({"Id":"abc","HostConfig":{"SecurityOpt":"seccomp=unconfined"}})").error() ==
        "HostConfig.SecurityOpt is not an array");
  CHECK(parse_inspect(R"({"Id":"abc","HostConfig":{"SecurityOpt":[1]}})").error() ==
        "HostConfig.SecurityOpt holds a non-string entry");
  CHECK(parse_inspect(R"({"Id":"abc","HostConfig":{"Privileged":"yes"}})").error() ==
        "HostConfig.Privileged is not a boolean");
}

TEST_CASE("parse_inspect treats null fields as absent") {
  const auto container =
      parse_inspect(R"({"Id":"abc","Name":null,"HostConfig":{"SecurityOpt":null,"Privileged":null},"State":null})");
  REQUIRE(container);
  CHECK(container->security_opt.empty());
  CHECK_FALSE(container->privileged);
}

TEST_CASE("short_id is the first 12 characters") {
  CHECK(dse::docker::short_id("0123456789abcdef") == "0123456789ab");
  CHECK(dse::docker::short_id("abc") == "abc");
}

TEST_CASE("parse_inspect keeps CapAdd and CapDrop as given") {
  const auto container = parse_inspect(R"({"Id":"abc","HostConfig":{"CapAdd":["SYS_ADMIN"],"CapDrop":null}})");
  REQUIRE(container);
  CHECK(container->cap_add == std::vector<std::string>{"SYS_ADMIN"});
  CHECK(container->cap_drop.empty());
  CHECK(parse_inspect(R"({"Id":"abc","HostConfig":{"CapAdd":"ALL"}})").error() == "HostConfig.CapAdd is not an array");
}

TEST_CASE("parse_inspect keeps why the last start failed, cut to 1 KB on a character boundary") {
  const auto refused = parse_inspect(dse::test::fixture("inspect/custom.json"));
  REQUIRE(refused);
  CHECK(refused->start_error.find("runc create failed") != std::string::npos);
  CHECK(parse_inspect(dse::test::fixture("inspect/running.json"))->start_error.empty());
  // 1023 ASCII bytes then a two-byte character: the cut falls inside it, and drops it whole.
  const std::string error = std::string(1023, 'a') + "\xc3\xa9" + std::string(10, 'b');
  const auto body = R"({"Id":"abc","HostConfig":{},"State":{"Status":"created","Error":")" + error + R"("}})";
  const auto cut = parse_inspect(body);
  REQUIRE(cut);
  CHECK(cut->start_error == std::string(1023, 'a'));
}

TEST_CASE("parse_inspect bounds what one container may cost: names, images, labels, each on a character boundary") {
  const auto long_name = std::string(65'000, 'n');
  const auto label = std::string(255, 'a') + "\\u00e9";  // é across the 256-byte cut
  std::string labels;
  for (int i = 0; i < 300; ++i) labels += "\"k" + std::to_string(1000 + i) + "\":\"v\",";
  const auto body = R"({"Id":"abc","Name":"/)" + long_name + R"(","HostConfig":{},"Config":{"Image":")" +
                    std::string(600, 'i') + R"(","Labels":{)" + labels + R"("owner":")" + label + R"("}}})";
  const auto container = parse_inspect(body);
  REQUIRE(container);
  CHECK(container->cut);
  CHECK(container->name == std::string(dse::docker::max_field_bytes, 'n'));
  CHECK(container->image == std::string(dse::docker::max_image_bytes, 'i'));
  CHECK(container->labels.size() == 256);
  const auto plain =
      parse_inspect(R"({"Id":"abc","Name":"/web","HostConfig":{},"Config":{"Labels":{"owner":")" + label + R"("}}})");
  REQUIRE(plain);
  CHECK(plain->labels.at("owner") == std::string(255, 'a'));
  CHECK(plain->cut);
  const auto fine = parse_inspect(R"({"Id":"abc","Name":"/web","HostConfig":{},"Config":{"Labels":{"o":"\u00e9"}}})");
  REQUIRE(fine);
  CHECK_FALSE(fine->cut);
  CHECK(fine->labels.at("o") == "\xC3\xA9");
}

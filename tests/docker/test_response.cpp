#include <catch2/catch.hpp>

#include "docker/response.hpp"

using namespace dse::docker;

TEST_CASE("ok_body hands over a 200's body and names any other status") {
  CHECK(*ok_body(Response{200, "[]", "1.41"}) == "[]");
  CHECK(ok_body(Response{404, "{\"message\":\"No such container\"}", ""}).error() == "HTTP 404");
  CHECK(ok_body(dse::Error{"connect: refused"}).error() == "connect: refused");
}

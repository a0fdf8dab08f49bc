#include <catch2/catch.hpp>

#include "http/basic_auth.hpp"

using dse::http::BasicAuth;
using dse::http::parse_basic_authorization;

namespace {

// bcrypt of "s3cret" at cost 4 (made with libxcrypt's crypt).
const std::string hash = "$2b$04$abcdefghijklmnopqrstuuLZYjhNQAOdpbzt4WxWlUHjv1wsyH5DG";

}  // namespace

TEST_CASE("parse_basic_authorization decodes user and password") {
  const auto credentials = parse_basic_authorization("Basic cHJvbTpzM2NyZXQ=");  // prom:s3cret
  REQUIRE(credentials);
  CHECK(credentials->user == "prom");
  CHECK(credentials->password == "s3cret");
  CHECK(parse_basic_authorization("Basic OmVtcHR5")->user.empty());  // ":empty"
  CHECK_FALSE(parse_basic_authorization("Bearer abc"));
  CHECK_FALSE(parse_basic_authorization("Basic !!!"));
  CHECK_FALSE(parse_basic_authorization("Basic bm9jb2xvbg=="));  // "nocolon"
  CHECK_FALSE(parse_basic_authorization(""));
}

TEST_CASE("BasicAuth checks bcrypt hashes") {
  BasicAuth auth({{"prom", hash}});
  CHECK(auth.authorized("Basic cHJvbTpzM2NyZXQ="));
  CHECK(auth.authorized("Basic cHJvbTpzM2NyZXQ="));        // remembered
  CHECK_FALSE(auth.authorized("Basic cHJvbTp3cm9uZw=="));  // prom:wrong
  CHECK_FALSE(auth.authorized("Basic b3RoZXI6czNjcmV0"));  // other:s3cret
  CHECK_FALSE(auth.authorized(""));
}

TEST_CASE("BasicAuth: an unknown user is verified against a dummy of the same cost, and never accepted") {
  BasicAuth auth({{"prom", hash}});
  auto unknown = auth.check("Basic b3RoZXI6czNjcmV0");  // other:s3cret
  REQUIRE(std::holds_alternative<BasicAuth::Pending>(unknown));
  const auto& pending = std::get<BasicAuth::Pending>(unknown);
  CHECK_FALSE(pending.known_user);
  CHECK(pending.hash.starts_with("$2b$04$"));  // the first user's algorithm and cost
  CHECK(pending.hash != hash);
  CHECK(pending.hash.size() == 7 + 22);  // a setting with its salt: crypt_r hashes with it at the full cost
  CHECK_FALSE(BasicAuth::verify(pending));
  auto known = auth.check("Basic cHJvbTpzM2NyZXQ=");
  REQUIRE(std::holds_alternative<BasicAuth::Pending>(known));
  CHECK(BasicAuth::verify(std::get<BasicAuth::Pending>(known)));
  auth.remember(std::get<BasicAuth::Pending>(known), true);
  CHECK(std::get<bool>(auth.check("Basic cHJvbTpzM2NyZXQ=")));  // decided at once now
  CHECK_FALSE(std::get<bool>(auth.check("Bearer x")));          // not Basic: no verification
}

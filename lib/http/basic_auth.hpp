#pragma once
// HTTP basic authentication against bcrypt hashes (basic_auth_users of --web.config.file).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace dse::http {

struct Credentials {
  std::string user;
  std::string password;
};

// "Basic dXNlcjpwdw==" -> {user, pw}; nullopt for anything else.
std::optional<Credentials> parse_basic_authorization(std::string_view header);

// bcrypt costs tens to hundreds of milliseconds by design. So a header that verified once is remembered
// (bounded), as exporter-toolkit does, and the verification itself runs off the event loop (the server's
// worker thread, at the lowest priority): check() on the loop, verify() on the worker, remember() on the loop. An
// unknown user is verified against a dummy hash of the same cost, so that every failure costs the same and the time of
// an answer does not tell which user names exist.
class BasicAuth {
 public:
  explicit BasicAuth(std::map<std::string, std::string> users);

  struct Pending {
    std::string header;  // what is remembered when it verifies
    std::string password;
    std::string hash;  // the user's, or the dummy
    bool known_user = false;
  };
  // true/false when decided at once (remembered, or not a Basic header); else the verification to run.
  std::variant<bool, Pending> check(std::string_view authorization_header) const;
  // Thread-safe: touches no member.
  static bool verify(const Pending& pending);
  void remember(const Pending& pending, bool verified);

  // All three at once, on the caller's thread (tests, fuzzing).
  bool authorized(std::string_view authorization_header);

 private:
  std::map<std::string, std::string> m_users;
  std::string m_dummy_hash;                // same algorithm and cost as the first user's
  std::map<std::string, bool> m_verified;  // authorization header -> accepted
};

}  // namespace dse::http

#pragma once
// HTTP basic authentication against bcrypt hashes (basic_auth_users of --web.config.file).
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace dse::http {

struct Credentials {
  std::string user;
  std::string password;
};

// "Basic dXNlcjpwdw==" -> {user, pw}; nullopt for anything else.
std::optional<Credentials> parse_basic_authorization(std::string_view header);

class BasicAuth {
 public:
  explicit BasicAuth(std::map<std::string, std::string> users) : m_users(std::move(users)) {}

  // bcrypt costs tens of milliseconds by design: a header that verified once is remembered (bounded),
  // so that a scraper every few seconds does not pay it each time.
  bool authorized(std::string_view authorization_header);

 private:
  std::map<std::string, std::string> m_users;
  std::map<std::string, bool> m_verified;  // authorization header -> accepted
};

}  // namespace dse::http

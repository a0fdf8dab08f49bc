#include "http/basic_auth.hpp"

#include <crypt.h>

#include <array>
#include <cstdlib>
#include <cstring>

namespace dse::http {

namespace {

constexpr std::size_t max_remembered = 64;

std::optional<std::string> base64_decode(std::string_view text) {
  std::array<int, 256> value{};
  value.fill(-1);
  const std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (std::size_t i = 0; i < alphabet.size(); ++i)
    value[static_cast<unsigned char>(alphabet[i])] = static_cast<int>(i);
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const int v = value[static_cast<unsigned char>(c)];
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

bool bcrypt_matches(const std::string& password, const std::string& hash) {
  crypt_data data{};
  const char* result = crypt_r(password.c_str(), hash.c_str(), &data);
  return result != nullptr && result[0] != '*' && std::strlen(result) == hash.size() &&
         std::memcmp(result, hash.data(), hash.size()) == 0;
}

}  // namespace

std::optional<Credentials> parse_basic_authorization(std::string_view header) {
  constexpr std::string_view scheme = "Basic ";
  if (header.size() <= scheme.size() || header.substr(0, scheme.size()) != scheme) return std::nullopt;
  const auto decoded = base64_decode(header.substr(scheme.size()));
  if (!decoded) return std::nullopt;
  const auto colon = decoded->find(':');
  if (colon == std::string::npos) return std::nullopt;
  return Credentials{decoded->substr(0, colon), decoded->substr(colon + 1)};
}

// The setting ("$2y$12$" and a fresh salt) of the first user's hash: crypt_r of any password with it costs what
// checking a real user costs, and its answer, a full hash, can never equal the setting. Only the salt is made
// here (microseconds), not a hash: a reload on the event loop does not pay a bcrypt (53 ms at cost 10).
std::string dummy_hash_like(const std::string& hash) {
  const auto cost_end = hash.find('$', 4);
  if (!hash.starts_with("$2") || cost_end == std::string::npos) return hash;
  const auto prefix = hash.substr(0, 4);  // "$2y$", "$2b$", ...
  const unsigned long cost = std::strtoul(hash.c_str() + 4, nullptr, 10);
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  if (crypt_gensalt_rn(prefix.c_str(), cost, nullptr, 0, setting, sizeof setting) == nullptr) return hash;
  return setting;
}

BasicAuth::BasicAuth(std::map<std::string, std::string> users) : m_users(std::move(users)) {
  if (!m_users.empty()) m_dummy_hash = dummy_hash_like(m_users.begin()->second);
}

std::variant<bool, BasicAuth::Pending> BasicAuth::check(std::string_view authorization_header) const {
  const std::string key(authorization_header);
  if (const auto known = m_verified.find(key); known != m_verified.end()) return known->second;
  const auto credentials = parse_basic_authorization(authorization_header);
  if (!credentials) return false;
  const auto user = m_users.find(credentials->user);
  const bool known_user = user != m_users.end();
  return Pending{key, credentials->password, known_user ? user->second : m_dummy_hash, known_user};
}

bool BasicAuth::verify(const Pending& pending) {
  const bool matches = bcrypt_matches(pending.password, pending.hash);
  return matches && pending.known_user;  // the dummy's cost is paid, its answer never counts
}

void BasicAuth::remember(const Pending& pending, bool verified) {
  // Only successes are remembered: a failure costs the guesser the full bcrypt price every time.
  if (!verified) return;
  if (m_verified.size() >= max_remembered) m_verified.clear();
  m_verified.emplace(pending.header, true);
}

bool BasicAuth::authorized(std::string_view authorization_header) {
  auto decision = check(authorization_header);
  if (const auto* decided = std::get_if<bool>(&decision)) return *decided;
  const auto& pending = std::get<Pending>(decision);
  const bool verified = verify(pending);
  remember(pending, verified);
  return verified;
}

}  // namespace dse::http

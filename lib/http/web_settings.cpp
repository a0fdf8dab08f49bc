#include "http/web_settings.hpp"

#include <sys/stat.h>

#include "http/server_tls.hpp"
#include "util/log.hpp"
#include "util/read_file.hpp"

namespace dse::http {

Expected<std::unique_ptr<WebSettings>> WebSettings::create(std::string path, const WebConfig& config) {
  auto settings = std::unique_ptr<WebSettings>(new WebSettings());
  settings->m_path = std::move(path);
  if (auto applied = settings->apply(config); !applied) return Error{applied.error()};
  settings->m_seen = settings->look();
  return settings;
}

WebSettings::Seen WebSettings::look() const {
  Seen seen;
  for (const auto& file : m_watched) {
    struct stat status {};
    if (::stat(file.c_str(), &status) != 0) {
      seen.emplace_back();
      continue;
    }
    seen.push_back({static_cast<long long>(status.st_size),
                    static_cast<long long>(status.st_mtim.tv_sec) * 1'000'000'000 + status.st_mtim.tv_nsec,
                    static_cast<long long>(status.st_ino)});
  }
  return seen;
}

bool WebSettings::refresh() {
  if (m_path.empty()) return true;
  const auto seen = look();
  if (seen == m_seen) return true;
  m_seen = seen;  // a bad file is said once, not at every request
  const auto text = read_regular_file(m_path, max_web_config_bytes);
  auto config = text ? parse_web_config(*text, m_path) : Expected<WebConfig>(Error{text.error()});
  auto applied = config ? apply(*config) : Expected<bool>(Error{config.error()});
  if (!applied) {
    log::error("web config file not reloaded, the running one is kept", {{"path", m_path}, {"err", applied.error()}});
    return false;
  }
  m_seen = look();  // the files it names now
  log::info("web config file reloaded", {{"path", m_path}});
  return true;
}

Expected<bool> WebSettings::apply(const WebConfig& config) {
  std::shared_ptr<boost::asio::ssl::context> tls;
  if (config.tls) {
    auto context = make_server_tls(*config.tls);
    if (!context) return Error{"web TLS: " + context.error()};
    tls = std::move(*context);
  }
  m_tls = std::move(tls);
  m_watched.clear();
  if (!m_path.empty()) m_watched.push_back(m_path);
  if (config.tls) {
    for (const auto* file : {&config.tls->cert_file, &config.tls->key_file, &config.tls->client_ca_file}) {
      if (!file->empty()) m_watched.push_back(*file);
    }
  }
  // Users that verified before are remembered only while the users stay the same.
  m_auth = config.basic_auth_users.empty() ? nullptr : std::make_shared<BasicAuth>(config.basic_auth_users);
  m_headers = config.headers;
  return true;
}

}  // namespace dse::http

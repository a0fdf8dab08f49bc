#pragma once
// --web.config.file as the endpoint uses it: TLS, basic auth users and response headers, re-read when the
// file changes, as exporter-toolkit does (certificates rotate without a restart; new users count at their
// next request). A file that no longer parses, or whose certificates do not load, is logged and the running
// settings are kept.
#include <boost/asio/ssl/context.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "http/basic_auth.hpp"
#include "http/web_config.hpp"
#include "util/expected.hpp"

namespace dse::http {

class WebSettings {
 public:
  // path: the file config was read from (empty: none, nothing to re-read).
  static Expected<std::unique_ptr<WebSettings>> create(std::string path, const WebConfig& config);

  // Re-reads the file if its size, modification time or inode changed since it was last read, or those of
  // the certificate, key or CA file it names (a rotated certificate is a new file in place). False when it
  // changed and could not be applied (logged; the running settings are kept).
  bool refresh();

  std::shared_ptr<boost::asio::ssl::context> tls() const { return m_tls; }  // null: plain HTTP
  std::shared_ptr<BasicAuth> auth() const { return m_auth; }                // null: no authentication
  const std::map<std::string, std::string>& headers() const { return m_headers; }

 private:
  struct FileStat {
    long long size = -1, mtime_ns = -1, inode = -1;
    bool operator==(const FileStat&) const = default;
  };
  using Seen = std::vector<FileStat>;
  Expected<bool> apply(const WebConfig& config);
  Seen look() const;

  std::string m_path;
  std::vector<std::string> m_watched;  // the file and the TLS files it names
  Seen m_seen;
  std::shared_ptr<boost::asio::ssl::context> m_tls;
  std::shared_ptr<BasicAuth> m_auth;
  std::map<std::string, std::string> m_headers;
};

}  // namespace dse::http

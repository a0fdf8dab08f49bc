#include "docker/tls_context.hpp"

#include "docker/pem_files.hpp"

namespace dse::docker {

namespace ssl = boost::asio::ssl;

Expected<std::shared_ptr<TlsContext>> make_tls_context(const TlsFiles& files) {
  auto tls = std::make_shared<TlsContext>();
  auto& context = tls->context;
  context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                      ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
  boost::system::error_code ec;
  if (files.ca.empty()) {
    if (context.set_default_verify_paths(ec); ec) return Error{"the system's CA certificates: " + ec.message()};
  } else if (auto loaded = load_authorities(context, files.ca, "CA certificate"); !loaded) {
    return Error{loaded.error()};
  }
  if (files.cert.empty() != files.key.empty())
    return Error{"a client certificate needs its key, and a key its certificate"};
  if (!files.cert.empty()) {
    if (auto loaded = load_certificate_chain(context, files.cert, "client certificate"); !loaded)
      return Error{loaded.error()};
    if (auto loaded = load_private_key(context, files.key, "client key"); !loaded) return Error{loaded.error()};
  }
  context.set_verify_mode(ssl::verify_peer);
  return tls;
}

}  // namespace dse::docker

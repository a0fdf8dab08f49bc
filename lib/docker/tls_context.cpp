#include "docker/tls_context.hpp"

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
  } else if (context.load_verify_file(files.ca, ec); ec) {
    return Error{"CA certificate " + files.ca + ": " + ec.message()};
  }
  if (files.cert.empty() != files.key.empty()) return Error{"a client certificate needs its key, and a key its certificate"};
  if (!files.cert.empty()) {
    if (context.use_certificate_chain_file(files.cert, ec); ec) {
      return Error{"client certificate " + files.cert + ": " + ec.message()};
    }
    if (context.use_private_key_file(files.key, ssl::context::pem, ec); ec) {
      return Error{"client key " + files.key + ": " + ec.message()};
    }
  }
  context.set_verify_mode(ssl::verify_peer);
  return tls;
}

}  // namespace dse::docker

#include "http/server_tls.hpp"

#include <openssl/ssl.h>

namespace dse::http {

namespace ssl = boost::asio::ssl;

namespace {

int min_protocol(const std::string& version) {
  if (version == "TLS10") return TLS1_VERSION;
  if (version == "TLS11") return TLS1_1_VERSION;
  if (version == "TLS13") return TLS1_3_VERSION;
  return TLS1_2_VERSION;
}

}  // namespace

Expected<std::unique_ptr<ssl::context>> make_server_tls(const TlsServerConfig& tls) {
  auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
  SSL_CTX_set_min_proto_version(context->native_handle(), min_protocol(tls.min_version));
  boost::system::error_code ec;
  if (context->use_certificate_chain_file(tls.cert_file, ec); ec) return Error{"cert_file " + tls.cert_file + ": " + ec.message()};
  if (context->use_private_key_file(tls.key_file, ssl::context::pem, ec); ec) {
    return Error{"key_file " + tls.key_file + ": " + ec.message()};
  }
  if (!tls.client_ca_file.empty()) {
    if (context->load_verify_file(tls.client_ca_file, ec); ec) {
      return Error{"client_ca_file " + tls.client_ca_file + ": " + ec.message()};
    }
  }
  switch (tls.client_auth) {
    case ClientAuth::none: context->set_verify_mode(ssl::verify_none); break;
    case ClientAuth::request:
    case ClientAuth::require_any:
      // Asked for (or required) but not verified, as Go's crypto/tls does it.
      context->set_verify_mode(ssl::verify_peer | (tls.client_auth == ClientAuth::require_any ? ssl::verify_fail_if_no_peer_cert : 0));
      context->set_verify_callback([](bool, ssl::verify_context&) { return true; });
      break;
    case ClientAuth::verify_if_given: context->set_verify_mode(ssl::verify_peer); break;
    case ClientAuth::require_and_verify: context->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert); break;
  }
  return context;
}

}  // namespace dse::http

#include "http/server_tls.hpp"

#include "docker/pem_files.hpp"

#include <arpa/inet.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <algorithm>

namespace dse::http {

namespace ssl = boost::asio::ssl;

namespace {

int protocol(const std::string& version) {
  if (version == "TLS10") return TLS1_VERSION;
  if (version == "TLS11") return TLS1_1_VERSION;
  if (version == "TLS13") return TLS1_3_VERSION;
  return TLS1_2_VERSION;
}

template <class Strings>
std::string joined(const Strings& values) {
  std::string text;
  for (const auto& value : values) text += (text.empty() ? "" : ":") + value;
  return text;
}

// exporter-toolkit's client_allowed_sans: the verified client certificate must name one of them (DNS name,
// e-mail address, URI or IP address among its subject alternative names).
bool names_an_allowed_san(X509* certificate, const std::vector<std::string>& allowed) {
  auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr));
  if (names == nullptr) return false;
  bool found = false;
  for (int i = 0; i < sk_GENERAL_NAME_num(names) && !found; ++i) {
    const auto* name = sk_GENERAL_NAME_value(names, i);
    std::string text;
    if (name->type == GEN_DNS || name->type == GEN_EMAIL || name->type == GEN_URI) {
      const auto* value = name->d.ia5;
      text.assign(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                  static_cast<std::size_t>(ASN1_STRING_length(value)));
    } else if (name->type == GEN_IPADD) {
      const int length = ASN1_STRING_length(name->d.ip);
      char ip[INET6_ADDRSTRLEN] = {};
      if ((length == 4 || length == 16) &&
          ::inet_ntop(length == 4 ? AF_INET : AF_INET6, ASN1_STRING_get0_data(name->d.ip), ip, sizeof ip) != nullptr) {
        text = ip;
      }
    }
    found = !text.empty() && std::find(allowed.begin(), allowed.end(), text) != allowed.end();
  }
  GENERAL_NAMES_free(names);
  return found;
}

}  // namespace

Expected<std::unique_ptr<ssl::context>> make_server_tls(const TlsServerConfig& tls) {
  auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
  SSL_CTX_set_min_proto_version(context->native_handle(), protocol(tls.min_version));
  if (!tls.max_version.empty()) SSL_CTX_set_max_proto_version(context->native_handle(), protocol(tls.max_version));
  if (!tls.cipher_suites.empty() &&
      SSL_CTX_set_cipher_list(context->native_handle(), joined(tls.cipher_suites).c_str()) != 1) {
    return Error{"cipher_suites: none of them is available"};
  }
  if (!tls.curve_preferences.empty() &&
      SSL_CTX_set1_groups_list(context->native_handle(), joined(tls.curve_preferences).c_str()) != 1) {
    return Error{"curve_preferences: not available"};
  }
  if (auto loaded = docker::load_certificate_chain(*context, tls.cert_file, "cert_file"); !loaded)
    return Error{loaded.error()};
  if (auto loaded = docker::load_private_key(*context, tls.key_file, "key_file"); !loaded) return Error{loaded.error()};
  if (!tls.client_ca_file.empty()) {
    if (auto loaded = docker::load_authorities(*context, tls.client_ca_file, "client_ca_file"); !loaded) {
      return Error{loaded.error()};
    }
  }
  switch (tls.client_auth) {
    case ClientAuth::none: context->set_verify_mode(ssl::verify_none); break;
    case ClientAuth::request:
    case ClientAuth::require_any:
      // Asked for (or required) but not verified, as Go's crypto/tls does it.
      context->set_verify_mode(ssl::verify_peer |
                               (tls.client_auth == ClientAuth::require_any ? ssl::verify_fail_if_no_peer_cert : 0));
      context->set_verify_callback([](bool, ssl::verify_context&) { return true; });
      break;
    case ClientAuth::verify_if_given: context->set_verify_mode(ssl::verify_peer); break;
    case ClientAuth::require_and_verify:
      context->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
      break;
  }
  if (!tls.client_allowed_sans.empty()) {
    context->set_verify_callback([allowed = tls.client_allowed_sans](bool preverified, ssl::verify_context& verify) {
      X509_STORE_CTX* store = verify.native_handle();
      if (!preverified || X509_STORE_CTX_get_error_depth(store) != 0) return preverified;
      return names_an_allowed_san(X509_STORE_CTX_get_current_cert(store), allowed);
    });
  }
  return context;
}

}  // namespace dse::http

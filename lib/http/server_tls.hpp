#pragma once
// The server side of TLS for the endpoint, from --web.config.file's tls_server_config.
#include <boost/asio/ssl/context.hpp>

#include <memory>

#include "http/web_config.hpp"
#include "util/expected.hpp"

namespace dse::http {

// Certificates and keys are read here: a missing or bad file is an error that names it.
Expected<std::unique_ptr<boost::asio::ssl::context>> make_server_tls(const TlsServerConfig& tls);

}  // namespace dse::http

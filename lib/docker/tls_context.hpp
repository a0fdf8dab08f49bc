#pragma once
// The client TLS context's insides, shared by client.cpp and tls_context.cpp only.
#include <boost/asio/ssl/context.hpp>

#include "docker/client.hpp"

namespace dse::docker {

struct TlsContext {
  boost::asio::ssl::context context{boost::asio::ssl::context::tls_client};
};

}  // namespace dse::docker

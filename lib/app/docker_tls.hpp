#pragma once
// The client TLS context for a tcp:// engine with TLS, else nullptr.
#include <memory>

#include "config/flags.hpp"
#include "docker/client.hpp"

namespace dse::app {

// Certificates are read once, at start-up: a missing or bad file is a configuration error.
Expected<std::shared_ptr<docker::TlsContext>> docker_tls(const config::Config& config);

}  // namespace dse::app

#include "app/docker_tls.hpp"

namespace dse::app {

// Certificates are read once, at start-up: a missing or bad file is a configuration error.
Expected<std::shared_ptr<docker::TlsContext>> docker_tls(const config::Config& config) {
  if (!config.monitor.docker.tls) return std::shared_ptr<docker::TlsContext>{};
  auto context = docker::make_tls_context(*config.monitor.docker.tls);
  if (!context) return Error{"flag --docker.tls-verify: " + context.error()};
  return *context;
}

}  // namespace dse::app

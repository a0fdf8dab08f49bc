#include "docker/response.hpp"

namespace dse::docker {

Expected<std::string> ok_body(Expected<Response> response) {
  if (!response) return Error{response.error()};
  if (response->status != 200) return Error{"HTTP " + std::to_string(response->status)};
  return std::move(response->body);
}

}  // namespace dse::docker

#pragma once
// One answer of the Engine API, as the client hands it over.
#include <string>

#include "util/expected.hpp"

namespace dse::docker {

struct Response {
  unsigned status = 0;
  std::string body;
  std::string api_version;  // the API-Version header, if the engine sent one
};

// The body of a 200 response; anything else as an error that says what came back.
Expected<std::string> ok_body(Expected<Response> response);

}  // namespace dse::docker

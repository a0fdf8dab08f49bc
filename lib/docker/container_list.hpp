#pragma once
// `GET /containers/json?all=1`: the ids of every container, whatever its state.
#include <string>
#include <string_view>
#include <vector>

#include "util/expected.hpp"

namespace dse::docker {

// Ids and names go into request paths: only what Docker itself allows in them is accepted.
bool is_valid_container_ref(std::string_view ref);

Expected<std::vector<std::string>> parse_container_list(std::string_view body);

}  // namespace dse::docker

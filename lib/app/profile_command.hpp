#pragma once
// `docker-seccomp-exporter profile ...`: the way out of unconfined, from the command line.
//   profile learning [--from FILE]           Docker's default (or FILE) with defaultAction SCMP_ACT_LOG
//   profile suggest NAME [--exporter.url URL] the suggested profile a running exporter serves for NAME
#include <string_view>
#include <vector>

namespace dse::app {

// args: what follows "profile". Prints the profile on stdout; 0, or 2 with the reason on stderr.
int run_profile_command(const std::vector<std::string_view>& args);

}  // namespace dse::app

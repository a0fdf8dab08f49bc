#include "metrics/label_options.hpp"

#include <algorithm>
#include <cctype>

namespace dse::metrics {

Expected<std::vector<DockerLabel>> parse_docker_labels(std::string_view list) {
  std::vector<DockerLabel> labels;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const auto key = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    if (key.empty()) return Error{"empty label key"};
    DockerLabel label{std::string(key), "container_label_"};
    for (const char c : key) label.name += std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '_';
    const auto same = std::find_if(labels.begin(), labels.end(), [&](const auto& l) { return l.name == label.name; });
    if (same != labels.end()) {
      return Error{"labels '" + same->key + "' and '" + label.key + "' would both be " + label.name};
    }
    labels.push_back(std::move(label));
  }
  if (labels.size() > max_docker_labels) {
    return Error{"at most " + std::to_string(max_docker_labels) + " labels, got " + std::to_string(labels.size())};
  }
  return labels;
}

}  // namespace dse::metrics

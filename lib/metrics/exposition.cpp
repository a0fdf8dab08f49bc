#include "metrics/exposition.hpp"

#include "metrics/families.hpp"
#include "metrics/render.hpp"

namespace dse::metrics {

std::string Exposition::render(const monitor::ExporterState& state, std::string_view version) {
  const Key key{state.containers.generation(), state.metrics_options};
  if (m_containers_key != key) {
    m_containers_text = render_text(build_container_families(state));
    m_containers_key = key;
  }
  return m_containers_text + render_text(build_summary_families(state, version));
}

}  // namespace dse::metrics

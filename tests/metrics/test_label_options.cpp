#include <catch2/catch.hpp>

#include "metrics/families.hpp"
#include "metrics/label_options.hpp"
#include "metrics/render.hpp"
#include "recorded_state.hpp"

using namespace dse;

TEST_CASE("parse_docker_labels sanitizes keys into label names and refuses collisions") {
  const auto labels = metrics::parse_docker_labels("com.docker.compose.project,io.kubernetes.pod.namespace,team");
  REQUIRE(labels);
  REQUIRE(labels->size() == 3);
  CHECK((*labels)[0].key == "com.docker.compose.project");
  CHECK((*labels)[0].name == "container_label_com_docker_compose_project");
  CHECK((*labels)[2].name == "container_label_team");
  CHECK(metrics::parse_docker_labels("a.b,a-b").error() == "labels 'a.b' and 'a-b' would both be container_label_a_b");
  CHECK(metrics::parse_docker_labels("a,,b").error() == "empty label key");
  CHECK(metrics::parse_docker_labels("a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q").error() == "at most 16 labels, got 17");
}

TEST_CASE("docker labels ride on every per-container series, empty where the container has none") {
  auto state = test::recorded_state({"plain", "custom"});
  auto plain = test::inspect_fixture("plain");
  plain.labels["com.docker.compose.project"] = "shop";
  plain.labels["team"] = std::string(300, 't');
  state.containers.upsert(plain);
  metrics::LabelOptions options;
  options.docker_labels = *metrics::parse_docker_labels("com.docker.compose.project,team");
  const auto text = metrics::render_text(metrics::build_families(state, options, "1"));
  CHECK(text.find("docker_seccomp_container_compliant{container_label_com_docker_compose_project=\"shop\","
                  "container_label_team=\"" +
                  std::string(256, 't') + "\",id=") != std::string::npos);
  CHECK(text.find("docker_seccomp_container_compliant{container_label_com_docker_compose_project=\"\","
                  "container_label_team=\"\",id=") != std::string::npos);
}

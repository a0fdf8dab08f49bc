#pragma once
// Text of "key=value" fields, as the kernel writes audit records ("pid=1 arch=c000003e ...") and Docker its
// security options ("name=seccomp,profile=default"): each field split at the first '='; fields without
// one are skipped.
#include <string_view>

namespace dse {

// Calls on_field(key, value) for each field in order; on_field returns false to stop. Returns false when
// stopped, true when every field was seen.
template <class OnField>
bool for_each_key_value(std::string_view text, char separator, OnField&& on_field) {
  while (!text.empty()) {
    const auto end = text.find(separator);
    const auto field = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    const auto eq = field.find('=');
    if (eq != std::string_view::npos && !on_field(field.substr(0, eq), field.substr(eq + 1))) return false;
  }
  return true;
}

}  // namespace dse

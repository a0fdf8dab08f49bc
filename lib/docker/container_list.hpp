#pragma once
// `GET /containers/json?all=1`: the ids of every container, whatever its state.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/expected.hpp"

namespace dse::docker {

// Ids and names go into request paths: only what Docker itself allows in them is accepted.
bool is_valid_container_ref(std::string_view ref);

// The listed ids, in one buffer: at 50,000 containers a string each (80 bytes of heap apiece, and the scan's
// copies of them) left 3 MB of the heap free but resident among the records that filled in meanwhile.
class ContainerIds {
 public:
  class const_iterator {
   public:
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    const_iterator() = default;
    const_iterator(const ContainerIds* ids, std::size_t at) : m_ids(ids), m_at(at) {}
    std::string_view operator*() const { return (*m_ids)[m_at]; }
    const_iterator& operator++() {
      ++m_at;
      return *this;
    }
    const_iterator operator++(int) {
      auto was = *this;
      ++m_at;
      return was;
    }
    bool operator==(const const_iterator&) const = default;

   private:
    const ContainerIds* m_ids = nullptr;
    std::size_t m_at = 0;
  };

  ContainerIds() = default;
  ContainerIds(const std::vector<std::string>& ids);  // NOLINT(google-explicit-constructor): tests list ids
  void reserve(std::size_t ids, std::size_t bytes);
  void push_back(std::string_view id);
  std::size_t size() const { return m_ends.size(); }
  bool empty() const { return m_ends.empty(); }
  std::string_view operator[](std::size_t i) const {
    const std::size_t begin = i == 0 ? 0 : m_ends[i - 1];
    return std::string_view(m_text).substr(begin, m_ends[i] - begin);
  }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

 private:
  std::string m_text;
  std::vector<std::uint32_t> m_ends;  // where each id ends in m_text (a list is bounded far below 4 GiB)
};

Expected<ContainerIds> parse_container_list(std::string_view body);

}  // namespace dse::docker

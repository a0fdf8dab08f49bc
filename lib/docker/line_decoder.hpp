#pragma once
// Splits the events body (newline-delimited JSON) into lines, across arbitrary chunk boundaries.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace dse::docker {

class LineDecoder {
 public:
  // A line longer than max_line is dropped whole (reported once through on_overflow) rather than
  // buffered without bound.
  explicit LineDecoder(std::size_t max_line = 4 * 1024 * 1024) : m_max_line(max_line) {}

  void feed(std::string_view chunk, const std::function<void(std::string_view line)>& on_line,
            const std::function<void()>& on_overflow = {});

  std::size_t buffered() const { return m_partial.size(); }

 private:
  void append_partial(std::string_view piece, const std::function<void()>& on_overflow);

  std::size_t m_max_line;
  std::string m_partial;      // (Must persist between chunks)
  bool m_discarding = false;  // inside an overlong line, until its newline
};

}  // namespace dse::docker

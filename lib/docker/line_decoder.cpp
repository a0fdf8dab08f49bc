#include "docker/line_decoder.hpp"

namespace dse::docker {

namespace {

std::string_view trim_cr(std::string_view line) {
  if (line.ends_with('\r')) line.remove_suffix(1);
  return line;
}

}  // namespace

void LineDecoder::append_partial(std::string_view piece, const std::function<void()>& on_overflow) {
  if (m_discarding) return;
  if (m_partial.size() + piece.size() > m_max_line) {
    m_partial.clear();
    m_partial.shrink_to_fit();
    m_discarding = true;
    if (on_overflow) on_overflow();
    return;
  }
  m_partial.append(piece);
}

void LineDecoder::feed(std::string_view chunk, const std::function<void(std::string_view)>& on_line,
                       const std::function<void()>& on_overflow) {
  while (!chunk.empty()) {
    const auto newline = chunk.find('\n');
    if (newline == std::string_view::npos) {
      append_partial(chunk, on_overflow);
      return;
    }
    const auto piece = chunk.substr(0, newline);
    chunk.remove_prefix(newline + 1);
    if (m_discarding) {
      m_discarding = false;
      continue;
    }
    std::string_view line;
    if (m_partial.empty()) {
      line = trim_cr(piece);
    } else {
      append_partial(piece, on_overflow);
      if (m_discarding) {
        m_discarding = false;
        continue;
      }
      line = trim_cr(m_partial);
    }
    if (!line.empty()) on_line(line);
    m_partial.clear();
  }
}

}  // namespace dse::docker

#include "http/engine_link_client.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace dse::http::link {

namespace {

using Clock = std::chrono::steady_clock;

// Waits until fd is ready for events or until passes; false at the deadline or on an error.
bool wait_for(int fd, short events, Clock::time_point until) {
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
    if (left <= 0) return false;
    pollfd polled{fd, events, 0};
    const int ready = ::poll(&polled, 1, static_cast<int>(left));
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return false;
  }
}

}  // namespace

std::nullopt_t Client::fail(std::string why) {
  if (m_error.empty()) m_error = std::move(why);
  return std::nullopt;
}

bool Client::write_all(std::string_view bytes, Clock::time_point until) {
  while (!bytes.empty()) {
    const auto written = ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (written > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(written));
    } else if (written < 0 && (errno == EAGAIN || errno == EINTR)) {
      if (!wait_for(m_fd, POLLOUT, until)) return false;
    } else {
      return false;
    }
  }
  return true;
}

bool Client::read_all(char* into, std::size_t size, Clock::time_point until) {
  while (size > 0) {
    const auto got = ::recv(m_fd, into, size, MSG_DONTWAIT);
    if (got > 0) {
      into += got;
      size -= static_cast<std::size_t>(got);
    } else if (got < 0 && (errno == EAGAIN || errno == EINTR)) {
      if (!wait_for(m_fd, POLLIN, until)) return false;
    } else {
      return false;  // 0: the engine side closed the link
    }
  }
  return true;
}

std::optional<Answer> Client::ask(const Request& request) {
  Answer answer;
  const auto outcome = ask_into(request, answer.text);
  if (!outcome) return std::nullopt;
  answer.outcome = *outcome;
  return answer;
}

std::optional<Outcome> Client::ask_into(const Request& request, std::string& text) {
  if (broken()) return std::nullopt;
  const auto until = Clock::now() + m_deadline;
  if (!write_all(encode(request), until))
    return fail(std::string("cannot ask the engine side: ") + std::strerror(errno));
  char header[5];
  if (!read_all(header, sizeof header, until))
    return fail("the engine side did not answer (gone, or past the deadline)");
  const auto length = decode_length({header, 4}, max_answer_bytes);
  if (!length) return fail("a malformed answer: " + length.error());
  const auto outcome = decode_outcome(static_cast<unsigned char>(header[4]));
  if (!outcome) return fail("a malformed answer: " + outcome.error());
  text.resize(*length - 1);
  if (!read_all(text.data(), text.size(), until)) return fail("the engine side's answer was cut short");
  return *outcome;
}

}  // namespace dse::http::link

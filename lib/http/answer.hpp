#pragma once
// What the server writes: a Reply as a Beast response over text it shares or owns. Included by server.cpp
// alone (Beast stays in few translation units).
#include <boost/beast/http.hpp>

#include <memory>
#include <string>
#include <string_view>

#include "http/router.hpp"

namespace dse::http {

namespace bhttp = boost::beast::http;

// An answer and the text it is written from: shared by every client of one rendering (a scrape), or its own.
struct Answer {
  std::shared_ptr<const std::string> text;
  bhttp::response<bhttp::span_body<const char>> message;
};

inline Answer make_response(Reply&& reply, bool head, unsigned version, bool keep_alive) {
  Answer answer;
  // Moved, never copied: an answer may be megabytes.
  answer.text =
      reply.shared_body ? std::move(reply.shared_body) : std::make_shared<const std::string>(std::move(reply.body));
  auto& response = answer.message;
  response.result(static_cast<bhttp::status>(reply.status));
  response.version(version);
  response.set(bhttp::field::server, "docker-seccomp-exporter");
  response.set(bhttp::field::content_type, reply.content_type);
  if (!reply.allow.empty()) response.set(bhttp::field::allow, reply.allow);
  if (!reply.www_authenticate.empty()) response.set(bhttp::field::www_authenticate, reply.www_authenticate);
  if (!reply.content_encoding.empty()) response.set(bhttp::field::content_encoding, reply.content_encoding);
  if (reply.status == 200) response.set(bhttp::field::vary, "Accept-Encoding");
  response.keep_alive(keep_alive);
  if (head) {
    response.content_length(answer.text->size());
  } else {
    response.body() = {answer.text->data(), answer.text->size()};
    response.prepare_payload();
  }
  return answer;
}

inline Reply text_reply(unsigned status, std::string_view text) {
  Reply reply;
  reply.status = status;
  reply.content_type = "text/plain; charset=utf-8";
  reply.body = std::string(text) + "\n";
  return reply;
}

inline Reply error_reply(const boost::system::error_code& ec) {
  if (ec == bhttp::error::header_limit) return text_reply(431, "Request Header Fields Too Large");
  if (ec == bhttp::error::body_limit) return text_reply(413, "Content Too Large");
  return text_reply(400, "Bad Request");
}

}  // namespace dse::http

#pragma once
// framing_error's view of a request Beast parsed (the I/O shell's and the tests' side of request_framing).
#include <boost/beast/http/message.hpp>

#include "http/request_framing.hpp"

namespace dse::http {

// Views into header: valid while it lives.
inline FramingFields framing_fields(const boost::beast::http::request_header<>& header) {
  FramingFields fields;
  fields.version = header.version();
  fields.hosts = header.count(boost::beast::http::field::host);
  const auto [first, last] = header.equal_range(boost::beast::http::field::transfer_encoding);
  for (auto field = first; field != last; ++field)
    fields.transfer_encodings.emplace_back(field->value().data(), field->value().size());
  return fields;
}

}  // namespace dse::http

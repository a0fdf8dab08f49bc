#pragma once
// Certificates and keys loaded into a TLS context through the bounded reader: a path that is a FIFO,
// /dev/zero or a huge file gives an error instead of blocking the loop or filling memory (OpenSSL's
// *_file functions open and read whatever the path is). what names the file in the error ("cert_file").
#include <cstddef>
#include <string>

#include <boost/asio/ssl/context.hpp>

#include "util/expected.hpp"

namespace dse::docker {

inline constexpr std::size_t max_pem_file_bytes = 1024 * 1024;

Expected<bool> load_certificate_chain(boost::asio::ssl::context& context, const std::string& path,
                                      const std::string& what);
Expected<bool> load_private_key(boost::asio::ssl::context& context, const std::string& path, const std::string& what);
// Every certificate in the file becomes a trusted authority.
Expected<bool> load_authorities(boost::asio::ssl::context& context, const std::string& path, const std::string& what);

}  // namespace dse::docker

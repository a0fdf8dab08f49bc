#include "docker/pem_files.hpp"

#include "util/read_file.hpp"

namespace dse::docker {

namespace {

using Loader = void (*)(boost::asio::ssl::context&, const std::string&, boost::system::error_code&);

Expected<bool> load(boost::asio::ssl::context& context, const std::string& path, const std::string& what,
                    Loader loader) {
  const auto text = read_regular_file(path, max_pem_file_bytes);
  if (!text) return Error{what + " " + path + ": " + text.error()};
  boost::system::error_code ec;
  loader(context, *text, ec);
  if (ec) return Error{what + " " + path + ": " + ec.message()};
  return true;
}

}  // namespace

Expected<bool> load_certificate_chain(boost::asio::ssl::context& context, const std::string& path,
                                      const std::string& what) {
  return load(context, path, what,
              [](auto& c, const std::string& pem, auto& ec) { c.use_certificate_chain(boost::asio::buffer(pem), ec); });
}

Expected<bool> load_private_key(boost::asio::ssl::context& context, const std::string& path, const std::string& what) {
  return load(context, path, what, [](auto& c, const std::string& pem, auto& ec) {
    c.use_private_key(boost::asio::buffer(pem), boost::asio::ssl::context::pem, ec);
  });
}

Expected<bool> load_authorities(boost::asio::ssl::context& context, const std::string& path, const std::string& what) {
  return load(context, path, what, [](auto& c, const std::string& pem, auto& ec) {
    c.add_certificate_authority(boost::asio::buffer(pem), ec);
  });
}

}  // namespace dse::docker

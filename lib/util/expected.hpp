#pragma once
// A value or an error message: the pure core reports failures as values, never by throwing.
#include <string>
#include <utility>
#include <variant>

namespace dse {

struct Error {
  std::string message;
};

template <class T>
class Expected {
 public:
  Expected(T value) : m_data(std::move(value)) {}
  Expected(Error error) : m_data(std::move(error)) {}

  bool has_value() const { return m_data.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() { return std::get<0>(m_data); }
  const T& value() const { return std::get<0>(m_data); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const std::string& error() const { return std::get<1>(m_data).message; }

 private:
  std::variant<T, Error> m_data;
};

}  // namespace dse

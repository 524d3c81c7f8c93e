// result.h: expected failures as values. A Result<T> holds either a value or an
// Error whose message a person can act on ("what failed, and what to do").
// Threading: plain values, no shared state.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace hall {

struct Error {
  std::string message;
};

inline Error fail(std::string message) { return Error{std::move(message)}; }

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}
  Result(Error error) : error_(std::move(error.message)) {}

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { check(); return *value_; }
  T& value() & { check(); return *value_; }
  T&& value() && { check(); return std::move(*value_); }
  const T* operator->() const { check(); return &*value_; }
  T* operator->() { check(); return &*value_; }
  const T& operator*() const { check(); return *value_; }
  T& operator*() { check(); return *value_; }

  const std::string& error() const { return error_; }
  Error take_error() const { return Error{error_}; }

 private:
  void check() const {
    if (!value_) throw std::logic_error("Result has no value: " + error_);
  }
  std::optional<T> value_;
  std::string error_;
};

// Result<void>: success or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : failed_(true), error_(std::move(error.message)) {}
  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const std::string& error() const { return error_; }
  Error take_error() const { return Error{error_}; }

 private:
  bool failed_ = false;
  std::string error_;
};

using Status = Result<void>;

}  // namespace hall

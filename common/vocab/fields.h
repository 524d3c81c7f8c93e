// fields.h: the reading side shared by every wire type of common/vocab/.
// A FieldReader walks one JSON object and remembers the first problem, naming
// the value and the field ("/content/staff/x: field \"window\" must be an
// integer"), so each decoder is a list of fields and one finish() call.
// Absent optional fields keep the value's default; a field that is present
// with the wrong JSON type is always a problem. Unknown fields are ignored
// (CHP values may grow; device messages are checked with check_fields first).
// Threading: plain values and pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/result.h"

namespace hall::wire {

using Json = nlohmann::json;

// Required: present (not null). NonEmpty: strings only, present and not "".
enum class Need { Optional, Required, NonEmpty };

class FieldReader {
 public:
  // `what` names the value in errors: a CHP key, a message type, "calls[2]".
  FieldReader(const Json& j, std::string what);

  FieldReader& text(const char* field, std::string& out, Need need = Need::Optional);
  FieldReader& integer(const char* field, int& out, Need need = Need::Optional);
  FieldReader& integer(const char* field, int64_t& out, Need need = Need::Optional);
  FieldReader& integer(const char* field, uint64_t& out, Need need = Need::Optional);
  FieldReader& number(const char* field, double& out, Need need = Need::Optional);  // integer or real
  FieldReader& boolean(const char* field, bool& out, Need need = Need::Optional);
  FieldReader& boolean(const char* field, std::optional<bool>& out);
  FieldReader& texts(const char* field, std::vector<std::string>& out, Need need = Need::Optional);
  FieldReader& integers(const char* field, std::vector<int>& out, Need need = Need::Optional);

  // An object field read by T::from_json.
  template <class T>
  FieldReader& object(const char* field, T& out, Need need = Need::Optional) {
    if (const Json* v = find(field, need)) {
      auto r = T::from_json(*v, what_ + " field \"" + field + "\"");
      if (!r) fail(r.error());
      else out = std::move(*r);
    }
    return *this;
  }
  template <class T>
  FieldReader& object(const char* field, std::optional<T>& out) {
    T value{};
    const bool present = has(field);
    object(field, value);
    if (present && ok()) out = std::move(value);
    return *this;
  }
  // An array of objects, each read by T::from_json.
  template <class T>
  FieldReader& list(const char* field, std::vector<T>& out, Need need = Need::Optional) {
    const Json* v = find(field, need);
    if (!v) return *this;
    if (!v->is_array()) return fail_type(field, "an array");
    out.clear();
    for (size_t i = 0; i < v->size() && ok(); ++i) {
      auto r = T::from_json((*v)[i], what_ + " field \"" + field + "\" entry " + std::to_string(i + 1));
      if (!r) fail(r.error());
      else out.push_back(std::move(*r));
    }
    return *this;
  }

  bool has(const char* field) const;
  bool ok() const { return error_.empty(); }
  const std::string& what() const { return what_; }
  // Records a problem of the value's own rules (the first one wins).
  FieldReader& fail(std::string message);
  FieldReader& fail_field(const char* field, const std::string& why);

  template <class T>
  Result<T> finish(T value) const {
    if (!ok()) return Error{error_};
    return value;
  }

 private:
  const Json* find(const char* field, Need need);
  FieldReader& fail_type(const char* field, const char* type);

  const Json& j_;
  std::string what_;
  std::string error_;
};

// Parses a CHP value (JSON text) and decodes it with T::from_json.
template <class T>
Result<T> parse_value(std::string_view text, const std::string& what) {
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded()) return Error{what + ": not a JSON object"};
  return T::from_json(j, what);
}

}  // namespace hall::wire

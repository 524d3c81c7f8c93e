#include "common/vocab/fields.h"

#include <cstdint>

namespace hall::wire {

FieldReader::FieldReader(const Json& j, std::string what) : j_(j), what_(std::move(what)) {
  if (!j_.is_object()) error_ = what_ + ": not a JSON object";
}

bool FieldReader::has(const char* field) const { return j_.is_object() && j_.contains(field); }

FieldReader& FieldReader::fail(std::string message) {
  if (error_.empty()) error_ = std::move(message);
  return *this;
}

FieldReader& FieldReader::fail_field(const char* field, const std::string& why) {
  return fail(what_ + ": field \"" + field + "\" " + why);
}

FieldReader& FieldReader::fail_type(const char* field, const char* type) {
  return fail_field(field, std::string("must be ") + type);
}

const Json* FieldReader::find(const char* field, Need need) {
  if (!ok()) return nullptr;
  auto it = j_.find(field);
  if (it == j_.end() || it->is_null()) {
    if (need != Need::Optional) fail_field(field, "is missing");
    return nullptr;
  }
  return &*it;
}

FieldReader& FieldReader::text(const char* field, std::string& out, Need need) {
  const Json* v = find(field, need);
  if (!v) return *this;
  if (!v->is_string()) return fail_type(field, "a string");
  if (need == Need::NonEmpty && v->get_ref<const std::string&>().empty()) return fail_field(field, "is empty");
  out = v->get<std::string>();
  return *this;
}

FieldReader& FieldReader::integer(const char* field, int& out, Need need) {
  int64_t wide = out;
  integer(field, wide, need);
  if (!ok()) return *this;
  if (wide < INT32_MIN || wide > INT32_MAX) return fail_field(field, "is out of range");
  out = static_cast<int>(wide);
  return *this;
}

FieldReader& FieldReader::integer(const char* field, int64_t& out, Need need) {
  const Json* v = find(field, need);
  if (!v) return *this;
  if (!v->is_number_integer()) return fail_type(field, "an integer");
  out = v->get<int64_t>();
  return *this;
}

FieldReader& FieldReader::integer(const char* field, uint64_t& out, Need need) {
  const Json* v = find(field, need);
  if (!v) return *this;
  if (!v->is_number_integer()) return fail_type(field, "an integer");
  if (!v->is_number_unsigned() && v->get<int64_t>() < 0) return fail_field(field, "must not be negative");
  out = v->get<uint64_t>();
  return *this;
}

FieldReader& FieldReader::number(const char* field, double& out, Need need) {
  const Json* v = find(field, need);
  if (!v) return *this;
  if (!v->is_number()) return fail_type(field, "a number");
  out = v->get<double>();
  return *this;
}

FieldReader& FieldReader::boolean(const char* field, bool& out, Need need) {
  const Json* v = find(field, need);
  if (!v) return *this;
  if (!v->is_boolean()) return fail_type(field, "true or false");
  out = v->get<bool>();
  return *this;
}

FieldReader& FieldReader::boolean(const char* field, std::optional<bool>& out) {
  bool value = false;
  const bool present = has(field) && !j_[field].is_null();
  boolean(field, value);
  if (present && ok()) out = value;
  return *this;
}

FieldReader& FieldReader::texts(const char* field, std::vector<std::string>& out, Need need) {
  const Json* v = find(field, need);
  if (!v) return *this;
  if (!v->is_array()) return fail_type(field, "an array of strings");
  std::vector<std::string> list;
  for (const auto& e : *v) {
    if (!e.is_string()) return fail_type(field, "an array of strings");
    list.push_back(e.get<std::string>());
  }
  out = std::move(list);
  return *this;
}

FieldReader& FieldReader::integers(const char* field, std::vector<int>& out, Need need) {
  const Json* v = find(field, need);
  if (!v) return *this;
  if (!v->is_array()) return fail_type(field, "an array of integers");
  std::vector<int> list;
  for (const auto& e : *v) {
    if (!e.is_number_integer()) return fail_type(field, "an array of integers");
    list.push_back(e.get<int>());
  }
  out = std::move(list);
  return *this;
}

}  // namespace hall::wire

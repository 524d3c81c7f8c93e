#include "common/wire/codec.h"

#include "common/base/utf8.h"

namespace hall {

Result<Message> decode_message(std::string_view frame, size_t limit) {
  if (frame.size() > limit)
    return fail("message too large: " + std::to_string(frame.size()) + " bytes, limit is " +
                std::to_string(limit));
  if (auto bad = utf8::first_invalid(frame))
    return fail("message is not valid UTF-8 (bad byte at offset " + std::to_string(*bad) + ")");
  Json body = Json::parse(frame, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return fail("message is not valid JSON");
  if (!body.is_object()) return fail("message must be a JSON object");
  auto it = body.find("type");
  if (it == body.end()) return fail("message has no \"type\" field");
  if (!it->is_string()) return fail("message field \"type\" must be a string");
  std::string type = it->get<std::string>();
  if (type.empty() || type.size() > 64) return fail("message \"type\" must be 1-64 bytes");
  if (auto id = body.find("id"); id != body.end() && !id->is_number_unsigned())
    return fail("message field \"id\" must be a non-negative integer");
  return Message{std::move(type), std::move(body)};
}

std::string encode_message(std::string_view type, const Json& fields) {
  Json out = fields.is_object() ? fields : Json::object();
  out["type"] = type;
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

namespace {
const char* field_type_name(FieldType t) {
  switch (t) {
    case FieldType::String: return "a string";
    case FieldType::Integer: return "an integer";
    case FieldType::Boolean: return "true or false";
    case FieldType::Number: return "a number";
    case FieldType::Object: return "an object";
    case FieldType::Array: return "an array";
  }
  return "?";
}

bool has_type(const Json& v, FieldType t) {
  switch (t) {
    case FieldType::String: return v.is_string();
    case FieldType::Integer: return v.is_number_integer();
    case FieldType::Boolean: return v.is_boolean();
    case FieldType::Number: return v.is_number();
    case FieldType::Object: return v.is_object();
    case FieldType::Array: return v.is_array();
  }
  return false;
}
}  // namespace

Status check_fields(const Message& msg, std::initializer_list<FieldSpec> fields) {
  // Built only for an error: this runs for every request.
  const auto where = [&] { return "\"" + msg.type + "\" message"; };
  for (const auto& [name, value] : msg.body.items()) {
    if (name == "type" || name == "id") continue;
    bool known = false;
    for (const auto& f : fields) known = known || name == f.name;
    if (!known) return fail(where() + " has unknown field \"" + name + "\"");
  }
  for (const auto& f : fields) {
    auto it = msg.body.find(f.name);
    if (it == msg.body.end()) {
      if (f.required) return fail(where() + " is missing field \"" + std::string(f.name) + "\"");
      continue;
    }
    if (!has_type(*it, f.type))
      return fail(where() + " field \"" + f.name + "\" must be " + field_type_name(f.type));
    if (f.type == FieldType::String && it->get_ref<const std::string&>().size() > f.max_length)
      return fail(where() + " field \"" + f.name + "\" is longer than " +
                  std::to_string(f.max_length) + " bytes");
    if (f.type == FieldType::Array && it->size() > f.max_length)
      return fail(where() + " field \"" + f.name + "\" has more than " +
                  std::to_string(f.max_length) + " elements");
  }
  return {};
}

std::string encode_reply(const Message& request, std::string_view type, Json fields) {
  if (auto id = request.body.find("id"); id != request.body.end()) fields["re"] = *id;
  return encode_message(type, fields);
}

bool retryable(std::string_view code) {
  return code == "busy" || code == "store_error" || code == "store_full" || code == "rate_limited";
}

namespace {
std::string error_frame(std::string_view message, std::string_view code, const Json* id, const Json* type) {
  if (code.empty()) code = "bad_request";
  Json fields = {{"message", message}, {"code", code}, {"permanent", !retryable(code)}};
  if (id && id->is_number_unsigned()) fields["re"] = *id;
  if (type && type->is_string()) fields["request"] = *type;
  return encode_message("error", fields);
}

const Json* field(const Json& body, const char* name) {
  auto it = body.find(name);
  return it == body.end() ? nullptr : &*it;
}
}  // namespace

std::string encode_error(const Message* request, std::string_view message, std::string_view code) {
  if (!request) return error_frame(message, code, nullptr, nullptr);
  return error_frame(message, code, field(request->body, "id"), field(request->body, "type"));
}

std::string encode_refusal(std::string_view frame, std::string_view message, size_t limit) {
  Json body;
  if (frame.size() <= limit && !utf8::first_invalid(frame))
    body = Json::parse(frame, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object()) return error_frame(message, "bad_request", nullptr, nullptr);
  return error_frame(message, "bad_request", field(body, "id"), field(body, "type"));
}

}  // namespace hall

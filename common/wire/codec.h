// codec.h: the one message codec used on every request/reply socket
// (device and admin). A message is one ZeroMQ frame holding a UTF-8 JSON
// object: {"type": "...", "id": N, ...fields}. Decoding enforces a size limit,
// UTF-8 validity, JSON syntax, an object with a string "type", and then, per
// message type, the exact set of fields and their types (check_fields).
// The CHP distribution sockets use RFC 12 frames instead (chp.h).
// See docs/protocol.md. Threading: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "common/base/result.h"

namespace hall {

using Json = nlohmann::json;

inline constexpr size_t kMaxMessageBytes = 64 * 1024;
// The admin socket (hallctl, console) carries whole content bundles with
// media (content.import / content.export), so it allows up to 16 MiB per
// message; its socket's transport limit is raised to match (controller.cpp).
inline constexpr size_t kMaxAdminMessageBytes = 16 * 1024 * 1024;

struct Message {
  std::string type;
  Json body;  // the whole object, "type" included
};

// Decodes one frame. Errors name the problem: too large, bad UTF-8 at byte N,
// JSON syntax error at byte N, not an object, missing or non-string "type".
Result<Message> decode_message(std::string_view frame, size_t limit = kMaxMessageBytes);

// Encodes {"type": type, ...fields}. `fields` must be an object (or null).
std::string encode_message(std::string_view type, const Json& fields = Json::object());

enum class FieldType { String, Integer, Boolean, Number, Object, Array };

struct FieldSpec {
  const char* name;
  FieldType type;
  bool required = true;
  size_t max_length = 1024;  // strings: bytes; arrays: elements
};

// Checks that `body` has exactly the listed fields (plus "type" and an
// optional integer "id") with the right JSON types and string/array sizes.
Status check_fields(const Message& msg, std::initializer_list<FieldSpec> fields);

// A reply to `request`: {"type": type, "re": <request id>, ...fields}.
std::string encode_reply(const Message& request, std::string_view type, Json fields);

// Error replies have one shape on every socket (docs/protocol.md, Errors):
//   {"type":"error","code":...,"message":...,"permanent":...,"re":<id>,"request":<type>}
// `code` is a stable machine-readable word (e.g. "not_found") for clients
// that must react differently per error; `message` is for people; `permanent`
// says whether sending the same request again can ever succeed; `re` and
// `request` are there when the refused request had an id and a type.

// The codes worth retrying: busy, store_error, rate_limited. Every other
// code is permanent.
bool retryable(std::string_view code);

// The refusal of a decoded request. An empty `code` is "bad_request";
// `permanent` is !retryable(code).
std::string encode_error(const Message* request, std::string_view message,
                         std::string_view code = {});

// The refusal of a frame that decode_message (or the framing before it)
// refused: code "bad_request", and `re` / `request` when the frame is a JSON
// object of at most `limit` bytes with a non-negative integer "id" / a
// string "type".
std::string encode_refusal(std::string_view frame, std::string_view message, size_t limit = kMaxMessageBytes);

}  // namespace hall

// fuzz_codec: the message codec (common/wire/codec.h) on any frame.
// Rules: nothing throws; a frame that decodes re-encodes to one that decodes
// to the same object; every refusal and error is itself a well-formed
// error message with code, message and permanent, and `re` when it can.
#include "fuzz.h"

#include "common/vocab/device_messages.h"
#include "common/wire/codec.h"

namespace hall_fuzz {

namespace {
void check_error_frame(const std::string& frame, const hall::Json* id) {
  auto msg = hall::decode_message(frame, hall::kMaxAdminMessageBytes);
  FUZZ_CHECK(msg.ok(), "an error frame does not decode");
  FUZZ_CHECK(msg->type == "error", "an error frame's type is not \"error\"");
  auto reply = hall::wire::ErrorReply::from_json(msg->body);
  FUZZ_CHECK(reply.ok(), "an error frame does not read as an ErrorReply");
  FUZZ_CHECK(!reply->code.empty() && !reply->message.empty() && reply->permanent.has_value(),
             "an error frame lacks code, message or permanent");
  if (id && id->is_number_unsigned()) FUZZ_CHECK(reply->re == id->get<uint64_t>(), "an error frame lost the id");
}
}  // namespace

int codec(const uint8_t* data, size_t size) {
  const std::string_view frame = as_text(data, size);
  for (size_t limit : {hall::kMaxMessageBytes, size_t{512}}) {
    auto msg = hall::decode_message(frame, limit);
    const std::string refusal = hall::encode_refusal(frame, msg ? "test" : msg.error(), limit);
    check_error_frame(refusal, nullptr);
    if (!msg) continue;
    FUZZ_CHECK(msg->body.is_object() && msg->body["type"] == msg->type, "decoded message without its type");
    // Re-encoding may grow a number ("1e5" -> "100000.0"): decode with room.
    const std::string again = hall::encode_message(msg->type, msg->body);
    auto back = hall::decode_message(again, 4 * (frame.size() + 64));
    FUZZ_CHECK(back.ok(), "a decoded message does not decode after encode_message");
    FUZZ_CHECK(back->body == msg->body, "encode/decode changed a message");
    const auto id = msg->body.find("id");
    check_error_frame(hall::encode_error(&*msg, "refused", "not_found"),
                      id == msg->body.end() ? nullptr : &*id);
    check_error_frame(hall::encode_refusal(frame, "refused", limit), id == msg->body.end() ? nullptr : &*id);
    (void)hall::check_fields(*msg, {{"device_id", hall::FieldType::String},
                                    {"limit", hall::FieldType::Integer, false},
                                    {"score", hall::FieldType::Number, false},
                                    {"ok", hall::FieldType::Boolean, false},
                                    {"files", hall::FieldType::Object, false},
                                    {"reasons", hall::FieldType::Array, false, 4}});
    const std::string reply = hall::encode_reply(*msg, "ok", hall::Json::object());
    FUZZ_CHECK(hall::decode_message(reply).ok(), "a reply does not decode");
  }
  return 0;
}

}  // namespace hall_fuzz

HALL_FUZZ_ENTRY(hall_fuzz::codec)

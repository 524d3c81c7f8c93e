// fuzz_device: the device socket (docs/protocol.md, Device socket). Each
// frame goes through the decoders of every device message (the requests the
// controller takes with from_message, the replies kiosks and screens read
// with from_json), then to the real controller's handler (hall_under_test.h).
// Rules: nothing throws; what a decoder takes survives to_json/from_json;
// the controller answers every frame at once with a well-formed reply
// (evaluation.submit may answer later, after its commit).
#include "fuzz.h"

#include "common/vocab/device_messages.h"
#include "hall_under_test.h"

namespace hall_fuzz {

namespace {
template <class T>
void round_trip(const hall::Result<T>& r) {
  if (!r) return;
  auto back = T::from_json(r->to_json());
  FUZZ_CHECK(back.ok(), "to_json of a decoded message does not decode");
  FUZZ_CHECK(*back == *r, "a device message changed in a to_json/from_json round trip");
}
}  // namespace

int device(const uint8_t* data, size_t size) {
  namespace w = hall::wire;
  const std::string_view frame = as_text(data, size);
  if (auto msg = hall::decode_message(frame); msg) {
    round_trip(w::Hello::from_message(*msg));
    round_trip(w::ScreenStatus::from_message(*msg));
    round_trip(w::TicketLookup::from_message(*msg));
    round_trip(w::EvaluationSubmit::from_message(*msg));
    round_trip(w::Welcome::from_json(msg->body));
    round_trip(w::TicketReply::from_json(msg->body));
    round_trip(w::EvaluationAck::from_json(msg->body));
    round_trip(w::ErrorReply::from_json(msg->body));
    (void)w::valid_device_id(msg->type);
    (void)w::device_id_problem("device_id", msg->type);
  }
  const auto reply = ask(controller::Channel::Device, frame);
  if (reply) {
    auto r = hall::decode_message(*reply, hall::kMaxAdminMessageBytes);
    FUZZ_CHECK(r.ok(), "the controller's reply does not decode");
  }
  return 0;
}

}  // namespace hall_fuzz

HALL_FUZZ_ENTRY(hall_fuzz::device)

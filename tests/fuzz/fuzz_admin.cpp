// fuzz_admin: the admin socket (docs/protocol.md, Admin socket): every admin
// message the controller has, decoded and checked by its handler against the
// real controller and store (hall_under_test.h), with the sample hall's
// content and a few tickets in it. Frames are taken up to the admin limit.
// Rules: nothing throws out of a handler; every frame gets a reply at once,
// and the reply is a well-formed message.
#include "fuzz.h"

#include "common/wire/codec.h"
#include "hall_under_test.h"

namespace hall_fuzz {

int admin(const uint8_t* data, size_t size) {
  const auto reply = ask(controller::Channel::Admin, as_text(data, size));
  FUZZ_CHECK(reply.has_value(), "the controller did not answer an admin frame");
  auto r = hall::decode_message(*reply, hall::kMaxAdminMessageBytes);
  FUZZ_CHECK(r.ok(), "the controller's reply does not decode");
  return 0;
}

}  // namespace hall_fuzz

HALL_FUZZ_ENTRY(hall_fuzz::admin)

// ticket.h: who served a ticket, as the controller's `ticket` reply says
// (docs/protocol.md, ticket.lookup), and the ticket numbers the keypad and a
// barcode scanner may enter.
// Threading: plain values and pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/wire/codec.h"
#include "common/base/result.h"

namespace kiosk {

struct TicketInfo {
  std::string ticket;
  std::string service_item;  // name
  int window_number = 0;
  std::string window_name;
  std::string staff_id;
  std::string staff_name;
  std::string staff_post;
  std::string staff_photo;  // sha256 of /media/<hash>, or ""
  std::string finished_at;
};

// Reads the body of a `ticket` reply (hall::wire::TicketReply). Errors name
// the missing or mistyped field.
hall::Result<TicketInfo> ticket_from_reply(const hall::Json& body);

inline constexpr size_t kMaxTicketChars = 16;
// Keypad letters until the controller publishes the letters its tickets use
// (/queue/letters); a scanner may type any A-Z.
inline constexpr std::string_view kTicketLetters = "ABCDEF";
// Upper-cases a-z; returns 0 for characters that cannot be in a ticket.
char ticket_char(char32_t c);

}  // namespace kiosk

#include "kiosk/flow/ticket.h"

#include "common/vocab/device_messages.h"

namespace kiosk {

hall::Result<TicketInfo> ticket_from_reply(const hall::Json& b) {
  auto r = hall::wire::TicketReply::from_json(b, "ticket reply");
  if (!r) return r.take_error();
  TicketInfo t;
  t.ticket = r->ticket;
  t.service_item = r->service_item.name;
  t.window_number = r->window.number;
  t.window_name = r->window.name;
  t.staff_id = r->staff.id;
  t.staff_name = r->staff.name;
  t.staff_post = r->staff.post;
  t.staff_photo = r->staff.photo;
  t.finished_at = r->finished_at;
  return t;
}

char ticket_char(char32_t c) {
  if (c >= 'a' && c <= 'z') return static_cast<char>(c - 'a' + 'A');
  if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return static_cast<char>(c);
  return 0;
}

}  // namespace kiosk

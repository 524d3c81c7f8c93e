#include "kiosk/flow/ticket.h"

namespace kiosk {

hall::Result<TicketInfo> ticket_from_reply(const hall::Json& b) {
  if (!b.is_object()) return hall::fail("ticket reply is not an object");
  auto obj = [&](const char* key) -> const hall::Json* {
    auto it = b.find(key);
    return it != b.end() && it->is_object() ? &*it : nullptr;
  };
  auto str = [](const hall::Json* o, const char* key) {
    if (!o) return std::string();
    auto it = o->find(key);
    return it != o->end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  TicketInfo t;
  t.ticket = str(&b, "ticket");
  if (t.ticket.empty()) return hall::fail("ticket reply has no \"ticket\"");
  const auto* item = obj("service_item");
  const auto* window = obj("window");
  const auto* staff = obj("staff");
  if (!item || !window || !staff)
    return hall::fail("ticket reply for " + t.ticket + " lacks service_item, window or staff");
  t.service_item = str(item, "name");
  if (auto n = window->find("number"); n != window->end() && n->is_number_integer()) t.window_number = n->get<int>();
  t.window_name = str(window, "name");
  t.staff_id = str(staff, "id");
  t.staff_name = str(staff, "name");
  t.staff_post = str(staff, "post");
  t.staff_photo = str(staff, "photo");
  t.finished_at = str(&b, "finished_at");
  return t;
}

char ticket_char(char32_t c) {
  if (c >= 'a' && c <= 'z') return static_cast<char>(c - 'a' + 'A');
  if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return static_cast<char>(c);
  return 0;
}

}  // namespace kiosk

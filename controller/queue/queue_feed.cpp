#include "controller/queue/queue_feed.h"

#include <nlohmann/json.hpp>

#include "common/base/utf8.h"
#include "common/time/iso8601.h"

namespace controller {

namespace {
using Json = nlohmann::json;

constexpr size_t kMaxText = 128;

bool text(const Json& obj, const char* key, std::string& out, bool required, std::string& why) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) why = std::string("missing \"") + key + "\"";
    return !required;
  }
  if (!it->is_string()) {
    why = std::string("\"") + key + "\" must be a string";
    return false;
  }
  out = it->get<std::string>();
  if (out.size() > kMaxText) {
    why = std::string("\"") + key + "\" is longer than " + std::to_string(kMaxText) + " bytes";
    return false;
  }
  return true;
}

bool parse_kind(const std::string& name, QueueEventKind& kind) {
  static const std::pair<const char*, QueueEventKind> names[] = {
      {"ticket.created", QueueEventKind::Created},   {"ticket.called", QueueEventKind::Called},
      {"ticket.recalled", QueueEventKind::Recalled}, {"ticket.transferred", QueueEventKind::Transferred},
      {"ticket.finished", QueueEventKind::Finished}, {"ticket.no_show", QueueEventKind::NoShow}};
  for (const auto& [n, k] : names)
    if (name == n) {
      kind = k;
      return true;
    }
  return false;
}

// Fills `e` from one feed event; on failure `why` says what is wrong.
bool parse_event(const Json& j, QueueEvent& e, std::string& why) {
  if (!j.is_object()) {
    why = "an event must be a JSON object";
    return false;
  }
  if (auto s = j.find("seq"); s != j.end() && s->is_number_unsigned()) e.seq = s->get<uint64_t>();
  std::string name;
  if (!text(j, "event", name, true, why)) return false;
  if (!parse_kind(name, e.kind)) {
    why = "unknown event \"" + name + "\"";
    return false;
  }
  if (!text(j, "ticket", e.ticket, true, why)) return false;
  if (e.ticket.empty() || e.ticket.size() > 16) {
    why = "\"ticket\" must be 1-16 bytes";
    return false;
  }
  if (!text(j, "at", e.at, true, why)) return false;
  auto ms = hall::parse_iso_ms(e.at);
  if (!ms) {
    why = "\"at\" is not an ISO 8601 time with offset: \"" + e.at + "\"";
    return false;
  }
  e.at_ms = *ms;
  if (auto it = j.find("service_item"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) return why = "\"service_item\" must be an object", false;
    if (!text(*it, "id", e.service_item_id, true, why) || !text(*it, "name", e.service_item_name, false, why))
      return why = "service_item: " + why, false;
  }
  if (auto it = j.find("window"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) return why = "\"window\" must be an object", false;
    auto n = it->find("number");
    if (n == it->end() || !n->is_number_integer() || n->get<int64_t>() < 1 || n->get<int64_t>() > 9999)
      return why = "window: \"number\" must be an integer 1-9999", false;
    e.window_number = n->get<int>();
    if (!text(*it, "name", e.window_name, false, why)) return why = "window: " + why, false;
  }
  if (auto it = j.find("staff"); it != j.end() && !it->is_null()) {
    if (!it->is_object()) return why = "\"staff\" must be an object", false;
    if (!text(*it, "id", e.staff_id, true, why) || !text(*it, "name", e.staff_name, false, why))
      return why = "staff: " + why, false;
  }
  if ((e.kind == QueueEventKind::Called || e.kind == QueueEventKind::Recalled) && e.window_number == 0)
    return why = name + " needs a \"window\"", false;
  return true;
}
}  // namespace

const char* event_name(QueueEventKind kind) {
  switch (kind) {
    case QueueEventKind::Created: return "ticket.created";
    case QueueEventKind::Called: return "ticket.called";
    case QueueEventKind::Recalled: return "ticket.recalled";
    case QueueEventKind::Transferred: return "ticket.transferred";
    case QueueEventKind::Finished: return "ticket.finished";
    case QueueEventKind::NoShow: return "ticket.no_show";
  }
  return "?";
}

hall::Result<FeedPage> parse_feed_page(std::string_view body) {
  if (auto bad = hall::utf8::first_invalid(body); bad)
    return hall::fail("queue feed reply is not valid UTF-8 (byte " + std::to_string(*bad) + ")");
  Json j = Json::parse(body, nullptr, false);
  if (j.is_discarded()) return hall::fail("queue feed reply is not JSON");
  if (!j.is_object()) return hall::fail("queue feed reply must be a JSON object");
  FeedPage page;
  auto feed = j.find("feed");
  if (feed == j.end() || !feed->is_string() || feed->get<std::string>().empty())
    return hall::fail("queue feed reply needs a non-empty string \"feed\"");
  page.feed = feed->get<std::string>();
  auto next = j.find("next");
  if (next == j.end() || !next->is_number_unsigned())
    return hall::fail("queue feed reply needs a non-negative integer \"next\"");
  page.next = next->get<uint64_t>();
  if (auto more = j.find("more"); more != j.end() && more->is_boolean()) page.more = more->get<bool>();
  auto events = j.find("events");
  if (events == j.end() || !events->is_array()) return hall::fail("queue feed reply needs an array \"events\"");
  for (const auto& item : *events) {
    QueueEvent e;
    std::string why;
    if (parse_event(item, e, why)) {
      page.events.push_back(std::move(e));
    } else {
      std::string seq = item.is_object() && item.contains("seq") ? item["seq"].dump() : "?";
      page.skipped.push_back("event seq " + seq + ": " + why);
    }
  }
  return page;
}

}  // namespace controller

// content_screens.cpp: screen status. Device message screen.status stores
// each screen's last report; admin message screens.list returns every known
// screen (configured in screens.toml or heard from) as online or offline.
// Threading: the controller's thread.
#include "controller/content/content_service.h"
#include "common/vocab/admin_types.h"
#include "common/vocab/device_messages.h"
#include "controller/core/controller.h"
#include "common/base/log.h"

namespace controller::content {

namespace {
using hall::FieldType;
using hall::Json;

std::optional<std::string> on_status(Controller& c, const Request& r) {
  const auto& msg = r.message;
  auto report = hall::wire::ScreenStatus::from_message(msg);
  if (!report) return hall::encode_error(&msg, report.error(), "bad_request");
  const auto& b = *report;
  const std::string& id = b.device_id;
  const auto now = c.now();
  auto st = c.store().prepare(
      "INSERT INTO screen_status(device_id, \"group\", board, sequence, uptime_s, frame_ms, rss_kb, "
      "offline_since, last_seen, last_seen_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
      "ON CONFLICT(device_id) DO UPDATE SET \"group\" = excluded.\"group\", board = excluded.board, "
      "sequence = excluded.sequence, uptime_s = excluded.uptime_s, frame_ms = excluded.frame_ms, "
      "rss_kb = excluded.rss_kb, offline_since = excluded.offline_since, last_seen = excluded.last_seen, "
      "last_seen_ms = excluded.last_seen_ms");
  if (!st) return hall::encode_error(&msg, st.error(), "store_error");
  st->bind(1, id)
      .bind(2, b.group)
      .bind(3, b.board)
      .bind(4, static_cast<int64_t>(b.sequence))
      .bind(5, b.uptime_s)
      .bind(6, b.frame_ms)
      .bind(7, b.rss_kb)
      .bind(8, b.offline_since)
      .bind(9, hall::iso_time(now))
      .bind(10, hall::epoch_ms(now));
  if (auto s = st->run(); !s) {
    hall::log::error("cannot record screen status of {}: {}", id, s.error());
    return hall::encode_error(&msg, "the controller could not record this status; see its log", "store_error");
  }
  return hall::encode_reply(msg, hall::wire::ScreenStatus::kReply, Json::object());
}

std::optional<std::string> on_list(Controller& c, const Request& r) {
  const auto& msg = r.message;
  if (auto s = hall::check_fields(msg, {}); !s) return hall::encode_error(&msg, s.error(), "bad_request");
  // Configured screens with their last report, then screens only heard from.
  auto st = c.store().prepare(
      "SELECT s.id, s.name, s.\"group\", s.orientation, 1, r.\"group\", r.board, r.sequence, r.uptime_s, "
      "r.frame_ms, r.rss_kb, r.offline_since, r.last_seen, r.last_seen_ms, r.device_id IS NOT NULL "
      "FROM content_screens s LEFT JOIN screen_status r ON r.device_id = s.id "
      "UNION ALL "
      "SELECT r.device_id, '', r.\"group\", '', 0, r.\"group\", r.board, r.sequence, r.uptime_s, "
      "r.frame_ms, r.rss_kb, r.offline_since, r.last_seen, r.last_seen_ms, 1 "
      "FROM screen_status r WHERE r.device_id NOT IN (SELECT id FROM content_screens) "
      "ORDER BY 1");
  if (!st) return hall::encode_error(&msg, st.error(), "store_error");
  const int64_t now_ms = hall::epoch_ms(c.now());
  Json screens = Json::array();
  while (auto row = st->step()) {
    if (!*row) break;
    const bool reported = st->column_int(14) != 0;
    const int64_t age = now_ms - st->column_int(13);
    Json s = {{"id", st->column_text(0)},
              {"name", st->column_text(1)},
              {"group", st->column_text(2)},
              {"orientation", st->column_text(3)},
              {"configured", st->column_int(4) != 0},
              {"online", reported && age <= kScreenOnlineMs},
              {"last_seen", reported ? st->column_text(12) : ""},
              {"seen_ago_s", reported ? age / 1000 : -1},
              {"board", reported ? st->column_text(6) : ""},
              {"sequence", reported ? st->column_int(7) : 0},
              {"uptime_s", reported ? st->column_int(8) : 0},
              {"frame_ms", reported ? st->column_double(9) : 0.0},
              {"rss_kb", reported ? st->column_int(10) : 0},
              {"offline_since", reported ? st->column_text(11) : ""}};
    if (reported) s["reported_group"] = st->column_text(5);
    screens.push_back(std::move(s));
  }
  return hall::encode_reply(msg, "screens", {{"screens", screens}});
}
}  // namespace

void install_screens(Controller& c) {
  c.handle(Channel::Device, hall::wire::ScreenStatus::kType, [&c](const Request& r) { return on_status(c, r); });
  c.handle(Channel::Admin, hall::wire::admin::kScreensList, [&c](const Request& r) { return on_list(c, r); });
}

}  // namespace controller::content

// content_screens.cpp: screen status. Device message screen.status stores
// each screen's last report (an unknown screen id only within the
// controller.new_devices_per_min cap; a report older than
// controller.device_prune_days is forgotten); admin message screens.list
// returns one page of the known screens (configured in screens.toml or heard
// from) as online or offline, with the totals.
// Threading: the controller's thread.
#include "controller/content/content_service.h"
#include "common/vocab/admin_types.h"
#include "common/access/roles.h"
#include "common/vocab/device_messages.h"
#include "controller/core/controller.h"
#include "common/base/log.h"
#include "common/base/rate_limit.h"

namespace controller::content {

namespace {
using hall::FieldType;
using hall::Json;

constexpr int64_t kListDefault = 100;
constexpr int64_t kListMax = 1000;

std::optional<std::string> on_status(Controller& c, hall::RateLimit& new_ids, const Request& r) {
  const auto& msg = r.message;
  auto report = hall::wire::ScreenStatus::from_message(msg);
  if (!report) return hall::encode_error(&msg, report.error(), "bad_request");
  const auto& b = *report;
  const std::string& id = b.device_id;
  if (auto why = r.impostor(id)) return hall::encode_error(&msg, *why, "forbidden");
  const auto now = c.now();
  auto known = c.store().prepared("SELECT 1 FROM screen_status WHERE device_id = ?1");
  if (!known) return hall::encode_error(&msg, known.error(), "store_error");
  (*known)->bind(1, id);
  auto row = (*known)->step();
  (*known)->reset();
  if (!row) return hall::encode_error(&msg, row.error(), "store_error");
  if (!*row && !new_ids.allow(std::chrono::steady_clock::now()))
    return hall::encode_error(&msg,
                              "too many new screens this minute (controller.new_devices_per_min = " +
                                  std::to_string(c.settings().new_devices_per_min) + "); report again shortly",
                              "rate_limited");
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
    // A full disk is logged once a minute by the dispatcher, which answers store_full.
    if (!c.store().out_of_space()) hall::log::error("cannot record screen status of {}: {}", id, s.error());
    return hall::encode_error(&msg, "the controller could not record this status; see its log", "store_error");
  }
  return hall::encode_reply(msg, hall::wire::ScreenStatus::kReply, Json::object());
}

std::optional<std::string> on_screens_list(Controller& c, const Request& r) {
  const auto& msg = r.message;
  if (auto s = hall::check_fields(msg, {{"limit", FieldType::Integer, false}, {"offset", FieldType::Integer, false}});
      !s)
    return hall::encode_error(&msg, s.error(), "bad_request");
  const int64_t limit = msg.body.value("limit", kListDefault);
  const int64_t offset = msg.body.value("offset", int64_t{0});
  if (limit < 1 || limit > kListMax)
    return hall::encode_error(&msg, "\"limit\" must be 1-" + std::to_string(kListMax), "bad_request");
  if (offset < 0) return hall::encode_error(&msg, "\"offset\" must not be negative", "bad_request");
  const int64_t now_ms = hall::epoch_ms(c.now());
  // The totals over every screen, then one page of them.
  auto counts = c.store().prepare(
      "SELECT (SELECT count(*) FROM content_screens) + "
      "(SELECT count(*) FROM screen_status WHERE device_id NOT IN (SELECT id FROM content_screens)), "
      "(SELECT count(*) FROM screen_status WHERE last_seen_ms >= ?1)");
  if (!counts) return hall::encode_error(&msg, counts.error(), "store_error");
  counts->bind(1, now_ms - kScreenOnlineMs);
  if (auto row = counts->step(); !row || !*row) return hall::encode_error(&msg, "cannot count the screens", "store_error");
  const int64_t total = counts->column_int(0);
  const int64_t online = counts->column_int(1);
  // Configured screens with their last report, then screens only heard from.
  auto st = c.store().prepare(
      "SELECT s.id, s.name, s.\"group\", s.orientation, 1, r.\"group\", r.board, r.sequence, r.uptime_s, "
      "r.frame_ms, r.rss_kb, r.offline_since, r.last_seen, r.last_seen_ms, r.device_id IS NOT NULL "
      "FROM content_screens s LEFT JOIN screen_status r ON r.device_id = s.id "
      "UNION ALL "
      "SELECT r.device_id, '', r.\"group\", '', 0, r.\"group\", r.board, r.sequence, r.uptime_s, "
      "r.frame_ms, r.rss_kb, r.offline_since, r.last_seen, r.last_seen_ms, 1 "
      "FROM screen_status r WHERE r.device_id NOT IN (SELECT id FROM content_screens) "
      "ORDER BY 1 LIMIT ?1 OFFSET ?2");
  if (!st) return hall::encode_error(&msg, st.error(), "store_error");
  st->bind(1, limit).bind(2, offset);
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
  return hall::encode_reply(msg, "screens", {{"screens", screens}, {"total", total}, {"online", online}, {"offset", offset}});
}

void prune(Controller& c) {
  const int days = c.settings().device_prune_days;
  if (days <= 0) return;
  auto st = c.store().prepare("DELETE FROM screen_status WHERE last_seen_ms < ?1");
  if (!st) return;
  st->bind(1, hall::epoch_ms(c.now()) - int64_t{days} * 24 * 3600 * 1000);
  if (auto s = st->run(); !s) hall::log::error("cannot prune the screen reports: {}", s.error());
  else if (const auto n = c.store().changes(); n > 0)
    hall::log::info("forgot the reports of {} screen(s) not heard from for {} days", n, days);
}
}  // namespace

void install_screens(Controller& c) {
  auto new_ids = std::make_shared<hall::RateLimit>(static_cast<size_t>(c.settings().new_devices_per_min),
                                                   std::chrono::minutes(1));
  c.handle(Channel::Device, hall::wire::ScreenStatus::kType, hall::wire::kScreens,
           [&c, new_ids](const Request& r) { return on_status(c, *new_ids, r); });
  prune(c);
  c.every(std::chrono::hours(1), [&c] { prune(c); });
  c.handle(Channel::Admin, hall::wire::admin::kScreensList, hall::wire::kReaders, [&c](const Request& r) { return on_screens_list(c, r); });
}

}  // namespace controller::content

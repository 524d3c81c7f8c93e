// content_notices.cpp: the notice messages of the content service.
//   notice.post  {text, urgent?, until?}   -> notice {notice, text, until, urgent}
//   notice.clear {notice} | {urgent: true} -> notice.cleared {cleared}
//   notice.list  {}                        -> notices {ticker: [...], urgent}
// Ticker notices live in content_notices; the one urgent notice in
// urgent_notice. A timer removes notices whose "until" has passed.
// Threading: the controller's thread.
#include <chrono>

#include "controller/content/content_schema.h"
#include "controller/content/content_service.h"
#include "controller/core/audit.h"
#include "controller/core/controller.h"
#include "common/base/log.h"
#include "common/base/utf8.h"
#include "common/vocab/admin_types.h"
#include "common/access/roles.h"

namespace controller::content {

namespace {
using hall::FieldType;
using hall::Json;

hall::Status exec(hall::Store& store, const std::string& sql, const std::vector<std::string>& args) {
  auto st = store.prepare(sql);
  if (!st) return st.take_error();
  for (size_t i = 0; i < args.size(); ++i) st->bind(static_cast<int>(i + 1), args[i]);
  return st->run();
}

// The text of a stored notice, or "" when there is none.
std::string text_of(hall::Store& store, const std::string& sql, const std::string& id) {
  auto st = store.prepare(sql);
  if (!st) return "";
  if (!id.empty()) st->bind(1, id);
  auto row = st->step();
  return row && *row ? st->column_text(0) : "";
}
std::string notice_text(hall::Store& store, const std::string& id) {
  return text_of(store, "SELECT text FROM content_notices WHERE id = ?1", id);
}
std::string urgent_text(hall::Store& store) { return text_of(store, "SELECT text FROM urgent_notice WHERE id = 1", ""); }
bool notice_exists(hall::Store& store, const std::string& id) { return !notice_text(store, id).empty(); }

std::string new_notice_id(hall::Store& store) {
  auto st = store.prepare("SELECT COUNT(*) FROM content_notices");
  int64_t n = 0;
  if (st && st->step().ok()) n = st->column_int(0);
  for (int64_t i = n + 1;; ++i) {
    std::string id = "notice-" + std::to_string(i);
    if (!notice_exists(store, id)) return id;
  }
}

// Deletes a ticker notice, or the urgent one, with its audit row.
hall::Status remove_notice(Controller& c, bool urgent, const std::string& id, const std::string& text,
                           const std::string& who, const char* what) {
  const AuditRow row{hall::iso_time(c.now()), who, urgent ? "notice:urgent" : "notice:" + id, what, text, "", ""};
  return audited_change(c.store(), row, [&] {
    return urgent ? exec(c.store(), "DELETE FROM urgent_notice WHERE id = 1", {})
                          : exec(c.store(), "DELETE FROM content_notices WHERE id = ?1", {id});
  });
}

void republish(Publisher& pub) {
  if (auto n = pub.sync(); !n) hall::log::error("cannot publish notices: {}", n.error());
}

std::optional<std::string> on_post(Controller& c, Publisher& pub, const Request& r) {
  const auto& msg = r.message;
  if (auto s = hall::check_fields(msg, {{"text", FieldType::String, true, 500},
                                        {"urgent", FieldType::Boolean, false},
                                        {"until", FieldType::String, false, 40}});
      !s)
    return hall::encode_error(&msg, s.error(), "bad_request");
  std::string text = msg.body["text"];
  if (text.find_first_not_of(" \t\n") == std::string::npos)
    return hall::encode_error(&msg, "the notice text is empty; write what the screens should show", "bad_request");
  for (unsigned char ch : text)
    if (ch < 0x20 && ch != '\n')
      return hall::encode_error(&msg, "the notice text contains a control character", "bad_request");
  const bool urgent = msg.body.value("urgent", false);
  std::string until;
  if (auto u = msg.body.value("until", std::string()); !u.empty()) {
    auto t = parse_time(u, c.now());
    if (!t) return hall::encode_error(&msg, "--until: " + t.error(), "bad_request");
    if (*t <= c.now()) return hall::encode_error(&msg, "--until " + u + " is already past", "bad_request");
    until = hall::iso_time(*t);
  }
  const std::string now = hall::iso_time(c.now());
  const std::string id = urgent ? "urgent" : new_notice_id(c.store());
  const std::string before = urgent ? urgent_text(c.store()) : "";
  const AuditRow row{now, r.who.actor(), "notice:" + id, "notice.post", before, text,
                     until.empty() ? "" : "until " + until};
  hall::Status s = audited_change(c.store(), row, [&] {
    if (urgent)
      return exec(c.store(),
                  "INSERT INTO urgent_notice(id, text, since, until) VALUES (1, ?1, ?2, ?3) "
                  "ON CONFLICT(id) DO UPDATE SET text = excluded.text, since = excluded.since, until = excluded.until",
                  {text, now, until});
    return exec(c.store(), "INSERT INTO content_notices(id, text, until) VALUES (?1, ?2, ?3)", {id, text, until});
  });
  if (!s) return hall::encode_error(&msg, "cannot store the notice: " + s.error(), "store_error");
  hall::log::info("notice {} posted{}", id, urgent ? " (urgent)" : "");
  republish(pub);
  return hall::encode_reply(msg, "notice", {{"notice", id}, {"text", text}, {"until", until}, {"urgent", urgent}});
}

std::optional<std::string> on_clear(Controller& c, Publisher& pub, const Request& r) {
  const auto& msg = r.message;
  if (auto s = hall::check_fields(msg, {{"notice", FieldType::String, false, 64}, {"urgent", FieldType::Boolean, false}}); !s)
    return hall::encode_error(&msg, s.error(), "bad_request");
  const bool urgent = msg.body.value("urgent", false);
  const std::string id = msg.body.value("notice", std::string());
  if (urgent == !id.empty())
    return hall::encode_error(&msg, "give either a notice id or --urgent", "bad_request");
  const std::string before = urgent ? urgent_text(c.store()) : notice_text(c.store(), id);
  if (before.empty())
    return hall::encode_error(&msg, urgent ? "there is no urgent notice to clear"
                                           : "no notice \"" + id + "\"; see hallctl notice list",
                              "not_found");
  auto s = remove_notice(c, urgent, id, before, r.who.actor(), "notice.clear");
  if (!s) return hall::encode_error(&msg, s.error(), "store_error");
  hall::log::info("notice {} cleared", urgent ? "urgent" : id);
  republish(pub);
  return hall::encode_reply(msg, "notice.cleared", {{"cleared", urgent ? "urgent" : id}});
}

std::optional<std::string> on_notices_list(Controller& c, const Request& r) {
  const auto& msg = r.message;
  if (auto s = hall::check_fields(msg, {}); !s) return hall::encode_error(&msg, s.error(), "bad_request");
  Json ticker = Json::array();
  auto st = c.store().prepare("SELECT id, text, until FROM content_notices ORDER BY rowid");
  if (!st) return hall::encode_error(&msg, st.error(), "store_error");
  while (auto row = st->step()) {
    if (!*row) break;
    ticker.push_back({{"id", st->column_text(0)}, {"text", st->column_text(1)}, {"until", st->column_text(2)}});
  }
  Json urgent = nullptr;
  auto u = c.store().prepare("SELECT text, since, until FROM urgent_notice WHERE id = 1");
  if (!u) return hall::encode_error(&msg, u.error(), "store_error");
  if (auto row = u->step(); row && *row)
    urgent = {{"text", u->column_text(0)}, {"since", u->column_text(1)}, {"until", u->column_text(2)}};
  return hall::encode_reply(msg, "notices", {{"ticker", ticker}, {"urgent", urgent}});
}

// Removes notices whose "until" has passed.
void expire(Controller& c, Publisher& pub) {
  const auto now = c.now();
  struct Gone { bool urgent; std::string id, text; };
  std::vector<Gone> gone;
  auto st = c.store().prepare(
      "SELECT 0, id, until, text FROM content_notices WHERE until != '' "
      "UNION ALL SELECT 1, '', until, text FROM urgent_notice WHERE id = 1 AND until != ''");
  if (!st) return;
  while (auto row = st->step()) {
    if (!*row) break;
    auto t = parse_time(st->column_text(2), now);
    if (t && *t <= now) gone.push_back({st->column_int(0) == 1, st->column_text(1), st->column_text(3)});
  }
  bool changed = false;
  for (const auto& g : gone)
    changed = remove_notice(c, g.urgent, g.id, g.text, "controller", "notice.expire").ok() || changed;
  if (changed) {
    hall::log::info("expired notices removed");
    republish(pub);
  }
}
}  // namespace

void install_notices(Controller& c, std::shared_ptr<Publisher> pub) {
  c.handle(Channel::Admin, hall::wire::admin::kNoticePost, hall::wire::kManagers, [&c, pub](const Request& r) { return on_post(c, *pub, r); });
  c.handle(Channel::Admin, hall::wire::admin::kNoticeClear, hall::wire::kManagers, [&c, pub](const Request& r) { return on_clear(c, *pub, r); });
  c.handle(Channel::Admin, hall::wire::admin::kNoticeList, hall::wire::kReaders, [&c](const Request& r) { return on_notices_list(c, r); });
  c.every(std::chrono::seconds(1), [&c, pub] { expire(c, *pub); });
}

}  // namespace controller::content

#include "controller/queue/tickets.h"

#include <algorithm>

#include "common/time/iso8601.h"

namespace controller {

namespace {
constexpr const char* kTicketColumns =
    "id, number, state, service_item_id, service_item_name, window_number, window_name, staff_id, "
    "staff_name, created_at, coalesce(called_at, ''), coalesce(finished_at, ''), "
    "coalesce(finished_ms, 0), coalesce(wait_s, -1), coalesce(service_s, -1)";

Ticket read_ticket(const hall::Statement& st) {
  Ticket t;
  t.id = st.column_int(0);
  t.number = st.column_text(1);
  t.state = st.column_text(2);
  t.service_item_id = st.column_text(3);
  t.service_item_name = st.column_text(4);
  t.window_number = static_cast<int>(st.column_int(5));
  t.window_name = st.column_text(6);
  t.staff_id = st.column_text(7);
  t.staff_name = st.column_text(8);
  t.created_at = st.column_text(9);
  t.called_at = st.column_text(10);
  t.finished_at = st.column_text(11);
  t.finished_ms = st.column_int(12);
  t.wait_s = st.column_int(13);
  t.service_s = st.column_int(14);
  return t;
}
}  // namespace

// The ticket row the event is about: for "created" the ticket of that number
// issued on the event's day (in hall time); for later events the latest ticket with that
// number (created on the spot if the link never saw it issued).
hall::Result<int64_t> TicketBook::ensure(const QueueEvent& e, const std::string& now_iso) {
  if (e.kind != QueueEventKind::Created) {
    auto st = store_.prepare("SELECT id FROM tickets WHERE number = ?1 ORDER BY created_ms DESC LIMIT 1");
    if (!st) return st.take_error();
    st->bind(1, e.ticket);
    auto row = st->step();
    if (!row) return row.take_error();
    if (*row) return st->column_int(0);
  }
  auto ins = store_.prepare(
      "INSERT INTO tickets(number, day, service_item_id, service_item_name, state, created_at, created_ms, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, 'waiting', ?5, ?6, ?7) ON CONFLICT(number, day) DO NOTHING");
  if (!ins) return ins.take_error();
  const std::string day = hall::to_string(hall::hall_date(hall::SystemTime(std::chrono::milliseconds(e.at_ms))));
  ins->bind(1, e.ticket).bind(2, day).bind(3, e.service_item_id).bind(4, e.service_item_name)
      .bind(5, e.at).bind(6, e.at_ms).bind(7, now_iso);
  if (auto s = ins->run(); !s) return s.take_error();
  auto st = store_.prepare("SELECT id FROM tickets WHERE number = ?1 AND day = ?2");
  if (!st) return st.take_error();
  st->bind(1, e.ticket).bind(2, day);
  auto row = st->step();
  if (!row) return row.take_error();
  if (!*row) return hall::fail("ticket " + e.ticket + " vanished while being recorded");
  return st->column_int(0);
}

hall::Status TicketBook::apply(const QueueEvent& e, const std::string& now_iso) {
  auto id = ensure(e, now_iso);
  if (!id) return id.take_error();
  const char* sql = nullptr;
  switch (e.kind) {
    case QueueEventKind::Created:
      return {};
    case QueueEventKind::Called:
    case QueueEventKind::Recalled:
      sql =
          "UPDATE tickets SET state = 'called', "
          "window_number = ?2, window_name = CASE WHEN ?3 = '' THEN window_name ELSE ?3 END, "
          "staff_id = CASE WHEN ?4 = '' THEN staff_id ELSE ?4 END, "
          "staff_name = CASE WHEN ?5 = '' THEN staff_name ELSE ?5 END, "
          "service_item_id = CASE WHEN ?6 = '' THEN service_item_id ELSE ?6 END, "
          "service_item_name = CASE WHEN ?7 = '' THEN service_item_name ELSE ?7 END, "
          "called_at = coalesce(called_at, ?8), called_ms = coalesce(called_ms, ?9), last_called_ms = ?9, "
          "wait_s = coalesce(wait_s, max(0, (?9 - created_ms) / 1000)), "
          "recalls = recalls + ?10, updated_at = ?11 WHERE id = ?1";
      break;
    case QueueEventKind::Transferred:
      sql =
          "UPDATE tickets SET state = 'waiting', "
          "window_number = CASE WHEN ?2 = 0 THEN window_number ELSE ?2 END, "
          "window_name = CASE WHEN ?3 = '' THEN window_name ELSE ?3 END, "
          "staff_id = CASE WHEN ?4 = '' THEN staff_id ELSE ?4 END, "
          "staff_name = CASE WHEN ?5 = '' THEN staff_name ELSE ?5 END, "
          "service_item_id = CASE WHEN ?6 = '' THEN service_item_id ELSE ?6 END, "
          "service_item_name = CASE WHEN ?7 = '' THEN service_item_name ELSE ?7 END, "
          "transfers = transfers + 1, updated_at = ?11 WHERE id = ?1";
      break;
    case QueueEventKind::Finished:
      sql =
          "UPDATE tickets SET state = 'finished', "
          "window_number = CASE WHEN ?2 = 0 THEN window_number ELSE ?2 END, "
          "window_name = CASE WHEN ?3 = '' THEN window_name ELSE ?3 END, "
          "staff_id = CASE WHEN ?4 = '' THEN staff_id ELSE ?4 END, "
          "staff_name = CASE WHEN ?5 = '' THEN staff_name ELSE ?5 END, "
          "service_item_id = CASE WHEN ?6 = '' THEN service_item_id ELSE ?6 END, "
          "service_item_name = CASE WHEN ?7 = '' THEN service_item_name ELSE ?7 END, "
          "finished_at = ?8, finished_ms = ?9, "
          "service_s = max(0, (?9 - coalesce(last_called_ms, ?9)) / 1000), updated_at = ?11 WHERE id = ?1";
      break;
    case QueueEventKind::NoShow:
      sql =
          "UPDATE tickets SET state = 'no_show', "
          "window_number = CASE WHEN ?2 = 0 THEN window_number ELSE ?2 END, "
          "window_name = CASE WHEN ?3 = '' THEN window_name ELSE ?3 END, "
          "staff_id = CASE WHEN ?4 = '' THEN staff_id ELSE ?4 END, "
          "staff_name = CASE WHEN ?5 = '' THEN staff_name ELSE ?5 END, "
          "service_item_id = CASE WHEN ?6 = '' THEN service_item_id ELSE ?6 END, "
          "service_item_name = CASE WHEN ?7 = '' THEN service_item_name ELSE ?7 END, "
          "finished_at = NULL, finished_ms = NULL, updated_at = ?11 WHERE id = ?1";
      break;
  }
  // Every statement numbers its parameters alike (?1 .. ?11); SQLite allows
  // some to go unused.
  auto st = store_.prepare(sql);
  if (!st) return st.take_error();
  st->bind(1, *id).bind(2, int64_t{e.window_number}).bind(3, e.window_name).bind(4, e.staff_id)
      .bind(5, e.staff_name).bind(6, e.service_item_id).bind(7, e.service_item_name).bind(8, e.at)
      .bind(9, e.at_ms).bind(10, int64_t{e.kind == QueueEventKind::Recalled ? 1 : 0}).bind(11, now_iso);
  return st->run();
}

hall::Result<std::optional<Ticket>> TicketBook::find(const std::string& number, int64_t issued_by_ms) {
  if (!find_) {
    auto st = store_.prepare(std::string("SELECT ") + kTicketColumns +
                             " FROM tickets WHERE number = ?1 AND created_ms <= ?2 ORDER BY created_ms DESC LIMIT 1");
    if (!st) return st.take_error();
    find_.emplace(std::move(*st));
  }
  find_->bind(1, number).bind(2, issued_by_ms);
  auto row = find_->step();
  if (!row) return row.take_error();
  std::optional<Ticket> found;
  if (*row) found = read_ticket(*find_);
  find_->reset();
  return found;
}

std::vector<QueueCall> TicketBook::recent_calls(int limit) {
  std::vector<QueueCall> out;
  auto st = store_.prepare(
      "SELECT number, window_number, window_name, last_called_ms FROM tickets "
      "WHERE last_called_ms IS NOT NULL ORDER BY last_called_ms DESC LIMIT ?1");
  if (!st) return out;
  st->bind(1, int64_t{limit});
  while (true) {
    auto row = st->step();
    if (!row || !*row) break;
    out.push_back({st->column_text(0), static_cast<int>(st->column_int(1)), st->column_text(2),
                   hall::iso_from_ms(st->column_int(3))});
  }
  return out;
}

std::string TicketBook::recent_letters(int limit) {
  std::string out;
  auto st = store_.prepare(
      "SELECT DISTINCT upper(substr(number, 1, 1)) FROM (SELECT number FROM tickets ORDER BY id DESC LIMIT ?1)");
  if (!st) return out;
  st->bind(1, int64_t{limit});
  while (true) {
    auto row = st->step();
    if (!row || !*row) break;
    const std::string c = st->column_text(0);
    if (c.size() == 1 && c[0] >= 'A' && c[0] <= 'Z') out += c;
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Ticket> TicketBook::recent(int limit) {
  std::vector<Ticket> out;
  auto st = store_.prepare(std::string("SELECT ") + kTicketColumns +
                           " FROM tickets ORDER BY created_ms DESC, id DESC LIMIT ?1");
  if (!st) return out;
  st->bind(1, int64_t{limit});
  while (true) {
    auto row = st->step();
    if (!row || !*row) break;
    out.push_back(read_ticket(*st));
  }
  return out;
}

}  // namespace controller

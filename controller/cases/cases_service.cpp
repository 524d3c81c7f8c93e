#include "controller/cases/cases_service.h"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>

#include "controller/core/audit.h"
#include "controller/cases/cases.h"
#include "controller/core/controller.h"
#include "controller/cases/phone_purge.h"
#include "controller/cases/workdays.h"
#include "controller/content/directory.h"
#include "common/time/clock.h"
#include "common/base/log.h"
#include "common/vocab/admin_types.h"
#include "common/access/roles.h"

namespace controller {
namespace {
using hall::FieldType;
using hall::Json;

class Cases {
 public:
  Cases(Controller& c, const EvaluationBus& bus, CaseSettings settings, std::shared_ptr<const WorkCalendar> calendar,
        std::shared_ptr<const PhoneVault> phones)
      : c_(c), bus_(bus), s_(std::move(settings)), calendar_(std::move(calendar)), phones_(std::move(phones)) {}

  // The alarm of hallctl status while the holiday table runs out within a month.
  std::vector<std::string> alarms() const {
    if (auto a = calendar_alarm(*calendar_, today(), s_.holidays_file)) return {*a};
    return {};
  }

  hall::Status start() {
    if (auto a = calendar_alarm(*calendar_, today(), s_.holidays_file)) hall::log::warn("{}", *a);
    // Bad ratings still without a case (the controller stopped between the
    // evaluation's commit and the case's).
    auto st = c_.store().prepare(
        "SELECT uuid, ticket, window_number, window_name, staff_id, staff_name, score, phone, created_at, phone_masked "
        "FROM evaluations e WHERE score <= 2 AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.evaluation_uuid = e.uuid) "
        "ORDER BY id");
    if (!st) return hall::fail(st.error());
    std::vector<CommittedEvaluation> missing;
    while (true) {
      auto more = st->step();
      if (!more) return hall::fail(more.error());
      if (!*more) break;
      CommittedEvaluation& e = missing.emplace_back();
      e.uuid = st->column_text(0);
      e.ticket = st->column_text(1);
      e.window_number = st->column_int(2);
      e.window_name = st->column_text(3);
      e.staff_id = st->column_text(4);
      e.staff_name = st->column_text(5);
      e.score = static_cast<int>(st->column_int(6));
      e.phone_sealed = st->column_text(7);  // the number stays sealed: the case takes the same value
      e.created_at = st->column_text(8);
      e.phone_masked = st->column_text(9);
    }
    if (missing.empty()) return {};
    // Stores from before cases were opened in the rating's own transaction.
    auto& db = c_.store();
    if (auto s = db.begin(); !s) return s;
    for (const auto& e : missing)
      if (auto s = open(db, e); !s) {
        (void)db.rollback();
        return hall::fail("could not open the case of evaluation " + e.uuid + ": " + s.error());
      }
    if (auto s = db.commit(); !s) return s;
    hall::log::info("opened {} bad-review cases for earlier ratings", missing.size());
    return {};
  }

  // Opens the case of a rating of 1 or 2 inside the caller's transaction on
  // `db`; a second call for the same uuid changes nothing. As the evaluation
  // writer hook it runs on the evaluation committer's thread with that
  // thread's connection, so it reads only what is fixed after start().
  hall::Status open(hall::Store& db, const CommittedEvaluation& e) {
    if (e.score > 2) return {};
    auto opened = open_case(0, e.uuid, e.score, e.created_at, *calendar_, s_);
    if (!opened) {
      // Bad data in this one rating must not hold back the whole batch (the
      // kiosks would resend it forever): store the rating; the case is
      // retried when the controller next starts. Store errors still fail.
      hall::log::error("could not open the case of evaluation {}: {}; it is retried at the next start", e.uuid,
                       opened.error());
      return {};
    }
    auto insert = db.prepared(
        "INSERT OR IGNORE INTO cases (evaluation_uuid, ticket, window_number, window_name, staff_id, staff_name, "
        "score, phone, opened_at, deadline, state, phone_masked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)");
    if (!insert) return insert.take_error();
    (*insert)->bind(1, e.uuid).bind(2, e.ticket).bind(3, e.window_number).bind(4, e.window_name).bind(5, e.staff_id)
        .bind(6, e.staff_name).bind(7, int64_t{e.score}).bind(8, e.phone_sealed).bind(9, e.created_at)
        .bind(10, to_string(opened->deadline)).bind(11, e.phone_masked);
    if (auto s = (*insert)->run(); !s) return s;
    if (db.changes() == 0) return {};
    return write_audit(db, {hall::iso_time(c_.now()), "system", "case:" + std::to_string(db.last_insert_rowid()),
                            "open", "", "open", "evaluation " + e.uuid});
  }

  std::optional<std::string> on_list(const Request& r) {
    const auto& m = r.message;
    if (auto s = hall::check_fields(m, {{"all", FieldType::Boolean, false}}); !s)
      return hall::encode_error(&m, s.error(), "bad_request");
    const bool all = m.body.value("all", false);
    auto rows = load_cases(c_.store(), all ? "" : " WHERE state NOT IN ('closed')");
    if (!rows) return hall::encode_error(&m, rows.error(), "store_error");
    const hall::Date today = this->today();
    std::vector<Case> order;
    for (const auto& row : *rows) order.push_back(row.c);
    sort_overdue_first(order, today);
    std::map<int64_t, const CaseRow*> by_id;
    for (const auto& row : *rows) by_id[row.c.id] = &row;
    Json list = Json::array();
    for (const auto& c : order) list.push_back(to_json(*by_id[c.id], today));
    return hall::encode_reply(m, "cases", {{"cases", list}, {"today", to_string(today)}});
  }

  std::optional<std::string> on_act(const Request& r) {
    const auto& m = r.message;
    if (auto s = hall::check_fields(m, {{"case", FieldType::Integer, true},
                                        {"action", FieldType::String, true, 32},
                                        {"by", FieldType::String, false, 64},
                                        {"note", FieldType::String, false, 1000},
                                        {"owner", FieldType::String, false, 64},
                                        {"override", FieldType::Boolean, false}});
        !s)
      return hall::encode_error(&m, s.error(), "bad_request");
    const int64_t id = m.body["case"].get<int64_t>();
    auto action = parse_case_action(m.body["action"].get<std::string>());
    if (!action) return hall::encode_error(&m, action.error(), "bad_action");
    CaseStep step{r.actor("by"),  // the key's owner; "by" counts only without security
                  hall::iso_time(c_.now()), m.body.value("note", ""), m.body.value("owner", ""), "",
                  m.body.value("override", false)};
    auto rows = load_cases(c_.store(), " WHERE id = ?1", [id](hall::Statement& st) { st.bind(1, id); });
    if (!rows) return hall::encode_error(&m, rows.error(), "store_error");
    if (rows->empty()) return hall::encode_error(&m, "there is no case " + std::to_string(id), "not_found");
    CaseRow row = rows->front();
    if (r.who.secured && !r.who.staff_id.empty() && r.who.staff_id == row.c.staff)
      return hall::encode_error(&m, "rule: nobody acts on a case about their own rating; case " +
                                        std::to_string(id) + " is about " + row.c.staff + ", the owner of this key. "
                                        "Another manager must do it",
                                "forbidden");
    if (*action == CaseAction::Assign && !step.owner.empty()) {
      auto name = person_name(step.owner);
      if (!name) return hall::encode_error(&m, name.error(), "not_found");
      step.owner_name = *name;
    }
    const CaseState from = row.c.state;
    auto done = apply(row.c, *action, step, *calendar_, s_);
    if (!done) return hall::encode_error(&m, done.error(), "bad_transition");
    const Case& k = row.c;
    auto& db = c_.store();
    hall::Status s = db.begin();
    if (s) {
      auto up = db.prepare(
          "UPDATE cases SET state = ?, reject_reason = ?, action_taken = ?, callback_result = ?, closed_at = ?, "
          "owner = ?, owner_name = ?, deadline = ?, callback_deadline = ?, close_note = ? WHERE id = ?");
      s = up ? hall::Status{} : hall::Status{hall::fail(up.error())};
      if (s) {
        up->bind(1, std::string_view(case_state_name(k.state))).bind(2, k.reject_reason).bind(3, k.action_taken)
            .bind(4, k.callback_result).bind(5, k.closed_at).bind(6, k.owner).bind(7, k.owner_name)
            .bind(8, to_string(k.deadline)).bind(9, k.callback_deadline ? to_string(*k.callback_deadline) : "")
            .bind(10, k.close_note).bind(11, id);
        s = up->run();
      }
    }
    if (s)
      s = write_audit(db, {step.at, step.who, "case:" + std::to_string(id), done->what, case_state_name(from),
                           case_state_name(k.state), done->note});
    // Upstream's 整改 record of a closed case commits with the closing (evaluation_bus.h).
    if (s && k.state == CaseState::Closed) s = bus_.case_closed(db, id);
    if (s) s = db.commit();
    if (!s) {
      (void)db.rollback();
      return hall::encode_error(&m, "the case was not changed: " + s.error(), "store_error");
    }
    if (*action == CaseAction::Reject || *action == CaseAction::Appeal)
      bus_.withdrawn({k.evaluation_uuid, k.ticket, k.phone, row.window_number, row.window_name, k.staff,
                      row.staff_name, k.score, k.opened_at},
                     *action == CaseAction::Reject);
    return hall::encode_reply(m, "case", {{"case", to_json(row, today())}});
  }

  // One case with every step taken on it (its rows in the audit log, the
  // number look-ups included), oldest first.
  std::optional<std::string> on_show(const Request& r) {
    const auto& m = r.message;
    if (auto s = hall::check_fields(m, {{"case", FieldType::Integer, true}}); !s)
      return hall::encode_error(&m, s.error(), "bad_request");
    const int64_t id = m.body["case"].get<int64_t>();
    auto rows = load_cases(c_.store(), " WHERE id = ?1", [id](hall::Statement& st) { st.bind(1, id); });
    if (!rows) return hall::encode_error(&m, rows.error(), "store_error");
    if (rows->empty()) return hall::encode_error(&m, "there is no case " + std::to_string(id), "not_found");
    auto st = c_.store().prepare(
        "SELECT at, who, what, from_value, to_value, note FROM audit WHERE subject = ?1 ORDER BY id");
    if (!st) return hall::encode_error(&m, st.error(), "store_error");
    st->bind(1, "case:" + std::to_string(id));
    Json history = Json::array();
    while (true) {
      auto more = st->step();
      if (!more) return hall::encode_error(&m, more.error(), "store_error");
      if (!*more) break;
      history.push_back({{"at", st->column_text(0)}, {"who", st->column_text(1)}, {"what", st->column_text(2)},
                         {"from", st->column_text(3)}, {"to", st->column_text(4)}, {"note", st->column_text(5)}});
    }
    return hall::encode_reply(m, "case.history", {{"case", to_json(rows->front(), today())}, {"history", history}});
  }

  // The full callback number of a case, for the manager who makes the
  // 回访; the reveal is audited and the number is never logged.
  std::optional<std::string> on_phone(const Request& r) {
    const auto& m = r.message;
    if (auto s = hall::check_fields(m, {{"case", FieldType::Integer, true}, {"by", FieldType::String, false, 64}}); !s)
      return hall::encode_error(&m, s.error(), "bad_request");
    const int64_t id = m.body["case"].get<int64_t>();
    auto st = c_.store().prepare("SELECT phone, phone_masked, staff_id, state FROM cases WHERE id = ?1");
    if (!st) return hall::encode_error(&m, st.error(), "store_error");
    st->bind(1, id);
    auto found = st->step();
    if (!found) return hall::encode_error(&m, found.error(), "store_error");
    if (!*found) return hall::encode_error(&m, "there is no case " + std::to_string(id), "not_found");
    const std::string sealed = st->column_text(0), masked = st->column_text(1), staff = st->column_text(2);
    st->reset();
    if (r.who.secured && !r.who.staff_id.empty() && r.who.staff_id == staff)
      return hall::encode_error(&m, "rule: nobody calls back about their own rating; case " + std::to_string(id) +
                                        " is about " + staff + ", the owner of this key. Another manager must do it",
                                "forbidden");
    if (sealed.empty())
      return hall::encode_error(&m,
                                masked.empty() ? "the citizen of case " + std::to_string(id) + " left no number"
                                               : "the number of case " + std::to_string(id) + " (" + masked +
                                                     ") was purged " + std::to_string(s_.phone_purge_days) +
                                                     " days after the case closed (cases.phone_purge_days)",
                                "not_found");
    auto phone = phones_->open_sealed(sealed);
    if (!phone) {
      hall::log::error("case {}: {}", id, phone.error());
      return hall::encode_error(&m, "the number of case " + std::to_string(id) + " cannot be opened: " +
                                        phone.error() + "; see the controller's log",
                                "store_error");
    }
    const std::string by = r.actor("by");
    auto& db = c_.store();
    hall::Status s = db.begin();  // the audit chain reads its last row: one writer at a time
    if (s) s = write_audit(db, {hall::iso_time(c_.now()), by, "case:" + std::to_string(id), "phone.reveal", "", "",
                                "for the callback"});
    if (s) s = db.commit();
    if (!s) {
      (void)db.rollback();
      return hall::encode_error(&m, "the number was not shown, as its reveal could not be audited: " + s.error(),
                                "store_error");
    }
    return hall::encode_reply(m, "case.phone", {{"case", id}, {"phone", *phone}, {"masked", masked}});
  }

  // Erases numbers kept past cases.phone_purge_days (phone_purge.h).
  void purge() {
    auto done = purge_phones(c_.store(), c_.now(), s_.phone_purge_days);
    if (!done) return hall::log::error("{}", done.error());
    if (done->total() > 0)
      hall::log::info("purged {} callback numbers older than {} days ({} of closed cases, {} of other ratings)",
                      done->total(), s_.phone_purge_days, done->of_closed_cases, done->of_ratings);
  }

 private:
  hall::Date today() const {
    return hall::hall_date(c_.now());
  }

  // The name to show for a case's new owner: a staff member's name, or a
  // person's key name as it is. Refuses anyone else, a device key included.
  hall::Result<std::string> person_name(const std::string& owner) {
    auto dir = load_directory(c_.store());
    if (!dir) return dir.take_error();
    if (auto it = dir->staff.find(owner); it != dir->staff.end()) return it->second.name;
    auto st = c_.store().prepare(
        "SELECT count(*) FROM keys WHERE name = ?1 AND revoked_at = '' AND role NOT IN ('screen', 'kiosk')");
    if (!st) return st.take_error();
    st->bind(1, owner);
    auto row = st->step();
    if (!row) return row.take_error();
    if (st->column_int(0) > 0) return owner;
    return hall::fail("nobody called '" + owner + "' works here: give a staff id from staff.toml or the name of a "
                      "person's key (hallctl keys)");
  }

  Json to_json(const CaseRow& r, const hall::Date& today) const {
    Case c = r.c;
    mark_provisional(c, *calendar_);
    const auto due = due_date(c);
    return {{"id", c.id},
            {"evaluation_uuid", c.evaluation_uuid},
            {"ticket", c.ticket},
            {"window", {{"number", r.window_number}, {"name", r.window_name}}},
            {"staff", {{"id", c.staff}, {"name", r.staff_name}}},
            {"score", c.score},
            {"phone", c.phone},
            {"opened_at", c.opened_at},
            {"deadline", to_string(c.deadline)},
            {"callback_deadline", c.callback_deadline ? to_string(*c.callback_deadline) : ""},
            {"due", due ? to_string(*due) : ""},
            {"owner", {{"id", c.owner}, {"name", c.owner_name}}},
            {"deadline_provisional", c.deadline_provisional},
            {"state", case_state_name(c.state)},
            {"label", case_state_label_zh(c.state)},
            {"overdue", is_overdue(c, today)},
            {"reject_reason", c.reject_reason},
            {"action_taken", c.action_taken},
            {"callback_result", c.callback_result},
            {"closed_at", c.closed_at},
            {"close_note", c.close_note}};
  }

  Controller& c_;
  const EvaluationBus& bus_;
  CaseSettings s_;
  std::shared_ptr<const WorkCalendar> calendar_;  // fixed after start: read by the committer's thread too
  std::shared_ptr<const PhoneVault> phones_;
};
}  // namespace

hall::Result<std::vector<CaseRow>> load_cases(hall::Store& store, const std::string& where,
                                              const std::function<void(hall::Statement&)>& bind) {
  auto st = store.prepare(
      "SELECT id, evaluation_uuid, ticket, window_number, window_name, staff_id, staff_name, score, phone_masked, "
      "opened_at, deadline, state, reject_reason, action_taken, callback_result, closed_at, owner, owner_name, "
      "callback_deadline, close_note FROM cases" +
      where + " ORDER BY id");
  if (!st) return st.take_error();
  if (bind) bind(*st);
  std::vector<CaseRow> rows;
  while (true) {
    auto more = st->step();
    if (!more) return more.take_error();
    if (!*more) return rows;
    CaseRow r;
    Case& c = r.c;
    c.id = st->column_int(0);
    c.evaluation_uuid = st->column_text(1);
    c.ticket = st->column_text(2);
    r.window_number = st->column_int(3);
    c.window = std::to_string(r.window_number);
    r.window_name = st->column_text(4);
    c.staff = st->column_text(5);
    r.staff_name = st->column_text(6);
    c.score = static_cast<int>(st->column_int(7));
    c.phone = st->column_text(8);
    c.opened_at = st->column_text(9);
    if (auto d = hall::parse_date(st->column_text(10))) c.deadline = *d;
    if (auto s = parse_case_state(st->column_text(11))) c.state = *s;
    c.reject_reason = st->column_text(12);
    c.action_taken = st->column_text(13);
    c.callback_result = st->column_text(14);
    c.closed_at = st->column_text(15);
    c.owner = st->column_text(16);
    c.owner_name = st->column_text(17);
    if (auto d = hall::parse_date(st->column_text(18))) c.callback_deadline = *d;
    c.close_note = st->column_text(19);
    rows.push_back(std::move(r));
  }
}

void add_case_keys(hall::Schema& s) {
  using hall::ValueType;
  s.insert(s.end(), {
      {"cases.deadline_working_days", ValueType::Integer, int64_t{5}, "working days to rectify a bad review", 1, 60},
      {"cases.callback_working_days", ValueType::Integer, int64_t{3}, "working days after the rectification to call the citizen back (回访)", 1, 30},
      {"cases.holidays_file", ValueType::String, std::string("holidays.toml"), "holiday and make-up working day calendar; relative to the directory of controller.toml; \"\" counts weekends only"},
      {"cases.phone_purge_days", ValueType::Integer, int64_t{90}, "days after a case closes (or a rating without a case arrives) that its callback number is erased (0 never)", 0, 3650},
  });
}

CaseSettings case_settings_from(const hall::Config& c) {
  CaseSettings s;
  s.deadline_working_days = static_cast<int>(c.integer("cases.deadline_working_days"));
  s.callback_working_days = static_cast<int>(c.integer("cases.callback_working_days"));
  s.holidays_file = c.beside_file(c.str("cases.holidays_file"));
  s.phone_purge_days = static_cast<int>(c.integer("cases.phone_purge_days"));
  return s;
}

hall::Result<std::shared_ptr<const WorkCalendar>> load_calendar(const CaseSettings& settings) {
  const std::string& file = settings.holidays_file;
  if (file.empty()) {
    hall::log::warn("cases.holidays_file is \"\": case deadlines count weekends only, public holidays are not "
                    "known (set it to the holiday calendar for a real hall)");
    return std::make_shared<const WorkCalendar>();
  }
  std::error_code ec;
  const std::string shown = std::filesystem::absolute(file, ec).lexically_normal().string();
  if (!std::filesystem::is_regular_file(file, ec))
    return hall::fail("cases.holidays_file: there is no holiday calendar at " + shown +
                      " (a relative path is taken from the directory of controller.toml). Put the calendar there "
                      "(config/holidays.toml is the shipped one), set cases.holidays_file to its path, or to \"\" "
                      "to count weekends only (not for a real hall; docs/operations.md)");
  auto cal = WorkCalendar::load(file);
  if (!cal)
    return hall::fail("cases.holidays_file " + shown + ": " + cal.error() +
                      "; fix the file (docs/operations.md, \"The holiday calendar\")");
  hall::log::info("holiday calendar {}: years {}-{}", shown, cal->years().empty() ? 0 : *cal->years().begin(),
                  cal->years().empty() ? 0 : *cal->years().rbegin());
  return std::make_shared<const WorkCalendar>(std::move(*cal));
}

hall::Status install_cases(Controller& c, EvaluationBus& bus, const CaseSettings& settings,
                           std::shared_ptr<const WorkCalendar> calendar, std::shared_ptr<const PhoneVault> phones) {
  auto svc = std::make_shared<Cases>(c, bus, settings, std::move(calendar), std::move(phones));
  if (auto s = svc->start(); !s) return s;
  c.add_alarms([svc] { return svc->alarms(); });
  svc->purge();
  c.every(std::chrono::hours(1), [svc] { svc->purge(); });
  bus.on_write([svc](hall::Store& db, const CommittedEvaluation& e) { return svc->open(db, e); });
  c.handle(Channel::Admin, hall::wire::admin::kCasesList, hall::wire::kReaders, [svc](const Request& r) { return svc->on_list(r); });
  c.handle(Channel::Admin, hall::wire::admin::kCaseAct, hall::wire::kManagers, [svc](const Request& r) { return svc->on_act(r); });
  c.handle(Channel::Admin, hall::wire::admin::kCaseShow, hall::wire::kReaders, [svc](const Request& r) { return svc->on_show(r); });
  c.handle(Channel::Admin, hall::wire::admin::kCasePhone, hall::wire::kManagers, [svc](const Request& r) { return svc->on_phone(r); });
  return {};
}

}  // namespace controller

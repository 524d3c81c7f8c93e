#include "controller/report/report_service.h"

#include <algorithm>
#include <map>

#include "controller/cases/cases_service.h"
#include "controller/core/controller.h"
#include "controller/evaluations/evaluation_bus.h"
#include "controller/evaluations/evaluation_rules.h"
#include "controller/rankings/rankings_service.h"
#include "controller/report/report_json.h"
#include "controller/reviews/reviews_store.h"
#include "common/time/clock.h"
#include "common/vocab/admin_types.h"
#include "common/access/roles.h"

namespace controller {

namespace {
using hall::FieldType;
using hall::Json;

// The month's ratings and cases are those made from 00:00 hall time on its
// first day until 00:00 on the day after its last, whatever offset the kiosk
// wrote: [from, to) in milliseconds since the epoch.
hall::Status add_heat(hall::Store& store, int64_t from_ms, int64_t to_ms, HeatMap& heat) {
  auto st = store.prepare(
      std::string("SELECT created_at, score FROM evaluations WHERE created_ms >= ?1 AND created_ms < ?2 AND ") +
      kRatingCounted);
  if (!st) return st.take_error();
  st->bind(1, from_ms).bind(2, to_ms);
  while (true) {
    auto more = st->step();
    if (!more) return more.take_error();
    if (!*more) return {};
    heat.add_at(st->column_text(0), static_cast<int>(st->column_int(1)));
  }
}

int64_t ms_of(const std::string& iso) {
  if (auto ms = hall::parse_iso_ms(iso)) return *ms;
  if (auto local = hall::hall_local_of(iso)) return hall::epoch_ms(hall::from_local(*local));
  return 0;
}

// Each case's audited steps ("case:ID" rows that change its state), oldest first.
hall::Result<std::map<int64_t, std::vector<AuditedStep>>> case_steps(hall::Store& store) {
  auto st = store.prepare(
      "SELECT subject, at, from_value, to_value, note FROM audit WHERE subject LIKE 'case:%' AND from_value != '' "
      "AND to_value != '' AND from_value != to_value ORDER BY id");  // an assign keeps the state
  if (!st) return st.take_error();
  std::map<int64_t, std::vector<AuditedStep>> out;
  while (true) {
    auto more = st->step();
    if (!more) return more.take_error();
    if (!*more) return out;
    const std::string subject = st->column_text(0);
    auto from = parse_case_state(st->column_text(2));
    auto to = parse_case_state(st->column_text(3));
    if (!from || !to) continue;
    int64_t id = 0;
    try {
      id = std::stoll(subject.substr(5));
    } catch (const std::exception&) {
      continue;
    }
    out[id].push_back({ms_of(st->column_text(1)), *from, *to, st->column_text(4)});
  }
}

// The cases carried into or opened in [from, end) as they stood at `end`,
// and the period's figures (case_flow.h).
// Deadlines past the end of `calendar`'s table are marked provisional (暂定).
hall::Status add_cases(hall::Store& store, int64_t from_ms, int64_t end_ms, const WorkCalendar& calendar,
                       MonthReport& r) {
  // unixepoch() reads the offset opened_at was written with.
  auto rows = load_cases(store, " WHERE unixepoch(opened_at) < ?1",
                         [&](hall::Statement& st) { st.bind(1, (end_ms + 999) / 1000); });
  if (!rows) return rows.take_error();
  auto steps = case_steps(store);
  if (!steps) return steps.take_error();
  std::vector<CaseHistory> histories;
  for (auto& row : *rows) {
    CaseHistory h;
    h.c = std::move(row.c);
    h.opened_ms = ms_of(h.c.opened_at);
    if (h.opened_ms >= end_ms) continue;
    if (auto it = steps->find(h.c.id); it != steps->end()) h.steps = std::move(it->second);
    fill_missing_steps(h, h.c.closed_at.empty() ? 0 : ms_of(h.c.closed_at));
    if (!in_period(h, from_ms, end_ms)) continue;
    const CaseAt at = case_at(h, end_ms);
    ReportCase rc;
    rc.c = h.c;
    mark_provisional(rc.c, calendar);
    rc.c.state = at.state;
    rc.c.reject_reason = at.rejected ? at.reject_reason : "";
    if (at.state != CaseState::Closed) rc.c.closed_at.clear();
    rc.path = path_label(at.path);
    rc.carried_in = h.opened_ms < from_ms;
    rc.overdue = overdue_at(h, end_ms);
    rc.rejected = at.rejected;
    // For people reading the printout: "3 公积金窗口" and the staff name.
    rc.c.window += row.window_name.empty() ? "" : " " + row.window_name;
    if (!row.staff_name.empty()) rc.c.staff = row.staff_name;
    rc.c.phone = mask_phone(rc.c.phone);
    r.cases.push_back(std::move(rc));
    histories.push_back(std::move(h));
  }
  r.flow = case_flow(histories, from_ms, end_ms);
  return {};
}
}  // namespace

PeriodSpan period_span(const hall::Period& p) {
  const int64_t from = hall::epoch_ms(hall::day_start(hall::first_day(p)));
  const int64_t to = hall::epoch_ms(hall::day_start(hall::civil_from_days(hall::days_from_civil(hall::last_day(p)) + 1)));
  return {from, to};
}

hall::Result<MonthReport> build_month_report(Controller& c, const RankingsService& rk, const hall::Period& month,
                                             const WorkCalendar& calendar) {
  auto dir = load_directory(c.store());
  if (!dir) return dir.take_error();
  MonthReport r;
  r.hall_name = c.hall_name();
  r.period = month;
  r.timezone = hall::hall_zone().name();
  r.generated_at = hall::iso_time(c.now());
  r.today = hall::hall_date(c.now());
  r.settings = rk.settings();
  if (const auto* ps = rk.tally().find(month)) {
    r.total_ratings = ps->hall.count();
    r.hall_satisfied = ps->hall.satisfied();
    r.hall_mean = r.total_ratings > 0 ? static_cast<double>(ps->hall.sum()) / static_cast<double>(r.total_ratings) : 0;
  }
  // 约谈: at the bottom two closed months running; a month's report only.
  const auto talk = month.kind == hall::PeriodKind::Month ? rk.talk_windows(month) : std::vector<int32_t>{};
  for (auto st : standings(rk.tally(), month, Subject::Window, r.settings)) {
    const int64_t number = rk.window_number(st.id);
    auto w = dir->windows.find(number);
    st.talk = std::find(talk.begin(), talk.end(), st.id) != talk.end();
    r.windows.push_back({std::to_string(number), rk.window_name(st.id),
                         w == dir->windows.end() ? "" : w->second.department, st});
  }
  for (const auto& st : standings(rk.tally(), month, Subject::Staff, r.settings)) {
    const std::string& id = rk.staff_id(st.id);
    std::string where;
    if (auto sw = dir->staff_window.find(id); sw != dir->staff_window.end() && sw->second != 0) {
      auto w = dir->windows.find(sw->second);
      where = std::to_string(sw->second) + (w == dir->windows.end() ? "" : " " + w->second.name);
    }
    r.people.push_back({id, rk.staff_name(st.id), where, st});
  }
  const auto [from, to] = period_span(month);
  const int64_t end = std::min(to, hall::epoch_ms(c.now()));
  r.as_of = hall::iso_time(hall::SystemTime(std::chrono::milliseconds(end)));
  if (auto s = add_heat(c.store(), from, to, r.heat); !s) return s.take_error();
  if (auto s = add_cases(c.store(), from, end, calendar, r); !s) return s.take_error();
  return r;
}

namespace {
// evaluations.export: a page of the period's stored ratings, by id; the reply
// stays far below kMaxAdminMessageBytes (a row is well under 1 KB).
constexpr int64_t kExportPageMax = 5000;

std::optional<std::string> on_export(Controller& c, const Request& req) {
  const auto& m = req.message;
  if (auto s = hall::check_fields(m, {{"period", FieldType::String, true, 16},
                                      {"after", FieldType::Integer, false},
                                      {"limit", FieldType::Integer, false}});
      !s)
    return hall::encode_error(&m, s.error(), "bad_request");
  auto p = hall::parse_period(m.body["period"].get<std::string>());
  if (!p) return hall::encode_error(&m, p.error(), "bad_period");
  const int64_t after = m.body.value("after", int64_t{0});
  const int64_t limit = m.body.value("limit", int64_t{2000});
  if (after < 0) return hall::encode_error(&m, "\"after\" is the last id of the previous page, 0 or more", "bad_request");
  if (limit < 1 || limit > kExportPageMax)
    return hall::encode_error(&m, "\"limit\" must be 1-" + std::to_string(kExportPageMax), "bad_request");
  const auto [from, to] = period_span(*p);
  auto st = c.store().prepare(
      std::string("SELECT id, uuid, ticket, service_item_name, window_number, window_name, staff_id, staff_name, "
                  "score, reasons, phone_masked, kiosk_id, channel, created_at, received_at, ") +
      "CASE WHEN " + kRatingCounted + " THEN 1 ELSE 0 END FROM evaluations "
      "WHERE id > ?1 AND created_ms >= ?2 AND created_ms < ?3 ORDER BY id LIMIT ?4");
  if (!st) return hall::encode_error(&m, st.error(), "store_error");
  st->bind(1, after).bind(2, from).bind(3, to).bind(4, limit);
  Json list = Json::array();
  int64_t last = after;
  while (true) {
    auto row = st->step();
    if (!row) return hall::encode_error(&m, row.error(), "store_error");
    if (!*row) break;
    last = st->column_int(0);
    Json reasons = Json::parse(st->column_text(9), nullptr, false);
    if (!reasons.is_array()) reasons = Json::array();
    std::string reasons_text;  // as the kiosk showed them: "等候太久、态度"
    for (const auto& code : reasons)
      if (code.is_string()) reasons_text += (reasons_text.empty() ? "" : "、") + reason_label(code.get<std::string>());
    list.push_back({{"uuid", st->column_text(1)},
                    {"ticket", st->column_text(2)},
                    {"service_item", st->column_text(3)},
                    {"window", st->column_int(4)},
                    {"window_name", st->column_text(5)},
                    {"staff_id", st->column_text(6)},
                    {"staff", st->column_text(7)},
                    {"score", st->column_int(8)},
                    {"label", score_label(static_cast<int>(st->column_int(8)))},
                    {"reasons", reasons},
                    {"reasons_text", reasons_text},
                    {"phone", mask_phone(st->column_text(10))},
                    {"kiosk_id", st->column_text(11)},
                    {"channel", st->column_text(12)},
                    {"created_at", st->column_text(13)},
                    {"received_at", st->column_text(14)},
                    {"counted", st->column_int(15) != 0}});
  }
  Json body = {{"period", to_string(*p)}, {"timezone", hall::hall_zone().name()}, {"evaluations", list},
               {"next", list.size() < static_cast<size_t>(limit) ? Json(nullptr) : Json(last)}};
  if (after == 0) {  // the count once, on the first page
    auto n = c.store().prepare("SELECT count(*) FROM evaluations WHERE created_ms >= ?1 AND created_ms < ?2");
    if (!n) return hall::encode_error(&m, n.error(), "store_error");
    n->bind(1, from).bind(2, to);
    auto more = n->step();
    if (!more) return hall::encode_error(&m, more.error(), "store_error");
    if (*more) body["total"] = n->column_int(0);
  }
  return hall::encode_reply(m, "evaluations.export", body);
}
}  // namespace

hall::Status install_report(Controller& c, std::shared_ptr<RankingsService> rankings,
                            std::shared_ptr<const WorkCalendar> calendar) {
  auto report = [&c, rankings, calendar](const Request& req) -> std::optional<std::string> {
    const auto& m = req.message;
    if (auto s = hall::check_fields(m, {{"period", FieldType::String, true, 16}}); !s)
      return hall::encode_error(&m, s.error(), "bad_request");
    auto p = hall::parse_period(m.body["period"].get<std::string>());
    if (!p) return hall::encode_error(&m, p.error(), "bad_period");
    const auto& kinds = rankings->tally().kinds();
    if (std::find(kinds.begin(), kinds.end(), p->kind) == kinds.end())
      return hall::encode_error(&m, "the rankings keep no " + std::string(p->kind == hall::PeriodKind::Month ? "months"
                                    : p->kind == hall::PeriodKind::Quarter ? "quarters" : "years") +
                                    "; ask for a period they keep", "bad_period");
    if (hall::first_day(*p) > hall::hall_date(c.now()))
      return hall::encode_error(&m, "period " + to_string(*p) + " has not begun (today is " +
                                    to_string(hall::hall_date(c.now())) + "); ask for this or an earlier one",
                                "bad_period");
    auto built = build_month_report(c, *rankings, *p, *calendar);
    if (!built) return hall::encode_error(&m, "could not build the report: " + built.error(), "store_error");
    std::string reply = hall::encode_reply(m, m.type, {{"report", month_report_to_json(*built)}});
    if (reply.size() > hall::kMaxAdminMessageBytes)
      return hall::encode_error(&m, "the report of " + to_string(*p) + " holds " + std::to_string(built->cases.size()) +
                                    " cases, too many for one reply; make the reports of its quarters or months",
                                "too_large");
    return reply;
  };
  c.handle(Channel::Admin, hall::wire::admin::kReportMonth, hall::wire::kReaders, report);
  c.handle(Channel::Admin, hall::wire::admin::kReportPeriod, hall::wire::kReaders, report);
  c.handle(Channel::Admin, hall::wire::admin::kEvaluationsExport, hall::wire::kReaders,
           [&c](const Request& req) { return on_export(c, req); });
  return {};
}

}  // namespace controller

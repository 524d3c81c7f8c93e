#include "controller/report/report_service.h"

#include <algorithm>

#include "controller/cases/cases_service.h"
#include "controller/core/controller.h"
#include "controller/evaluations/evaluation_bus.h"
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

hall::Status add_cases(hall::Store& store, int64_t from_ms, int64_t to_ms, const WorkCalendar& calendar,
                       std::vector<Case>& cases) {
  // unixepoch() reads the offset opened_at was written with.
  auto rows = load_cases(store, " WHERE unixepoch(opened_at) >= ?1 AND unixepoch(opened_at) < ?2",
                         [&](hall::Statement& st) { st.bind(1, from_ms / 1000).bind(2, to_ms / 1000); });
  if (!rows) return rows.take_error();
  for (auto& r : *rows) {
    Case c = std::move(r.c);
    mark_provisional(c, calendar);
    // For people reading the printout: "3 公积金窗口" and the staff name.
    c.window += r.window_name.empty() ? "" : " " + r.window_name;
    if (!r.staff_name.empty()) c.staff = r.staff_name;
    c.phone = mask_phone(c.phone);
    cases.push_back(std::move(c));
  }
  return {};
}
}  // namespace

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
  for (const auto& st : standings(rk.tally(), month, Subject::Window, r.settings)) {
    const int64_t number = rk.window_number(st.id);
    auto w = dir->windows.find(number);
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
  const int64_t from = hall::epoch_ms(hall::day_start(hall::first_day(month)));
  const int64_t to = hall::epoch_ms(hall::day_start(hall::civil_from_days(hall::days_from_civil(hall::last_day(month)) + 1)));
  if (auto s = add_heat(c.store(), from, to, r.heat); !s) return s.take_error();
  if (auto s = add_cases(c.store(), from, to, calendar, r.cases); !s) return s.take_error();
  return r;
}

hall::Status install_report(Controller& c, std::shared_ptr<RankingsService> rankings,
                            std::shared_ptr<const WorkCalendar> calendar) {
  c.handle(Channel::Admin, hall::wire::admin::kReportMonth, hall::wire::kReaders,
           [&c, rankings, calendar](const Request& req) -> std::optional<std::string> {
    const auto& m = req.message;
    if (auto s = hall::check_fields(m, {{"period", FieldType::String, true, 16}}); !s)
      return hall::encode_error(&m, s.error(), "bad_request");
    auto p = hall::parse_period(m.body["period"].get<std::string>());
    if (!p) return hall::encode_error(&m, p.error(), "bad_period");
    if (p->kind != hall::PeriodKind::Month)
      return hall::encode_error(&m, "the month report is for one month; give it as 2026-11", "bad_period");
    const auto& kinds = rankings->tally().kinds();
    if (std::find(kinds.begin(), kinds.end(), hall::PeriodKind::Month) == kinds.end())
      return hall::encode_error(&m, "the rankings keep no months", "bad_period");
    auto report = build_month_report(c, *rankings, *p, *calendar);
    if (!report) return hall::encode_error(&m, "could not build the report: " + report.error(), "store_error");
    return hall::encode_reply(m, "report.month", {{"report", month_report_to_json(*report)}});
  });
  return {};
}

}  // namespace controller

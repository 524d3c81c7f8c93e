#include "common/time/opening_hours.h"

#include <cstdio>

namespace hall {

namespace {
// "HH:MM" with 00:00-24:00; -1 when it is not one.
int clock_minute(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return -1;
  for (size_t i : {0u, 1u, 3u, 4u})
    if (s[i] < '0' || s[i] > '9') return -1;
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return -1;
  return h * 60 + m;
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

const char* const kWeekdayShort[] = {"", "周一", "周二", "周三", "周四", "周五", "周六", "周日"};

// How the day `ahead` days after `today` is named: 明日, 周一 within a week, else 10月8日.
std::string day_name(const Date& today, int ahead) {
  if (ahead == 1) return "明日";
  const Date d = civil_from_days(days_from_civil(today) + ahead);
  if (ahead < 7) return kWeekdayShort[iso_weekday(d)];
  return std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}
}  // namespace

Result<OpenPeriod> parse_open_period(std::string_view text) {
  const auto dash = text.find('-');
  const std::string form = "; write the hours as \"HH:MM-HH:MM\", e.g. \"09:00-12:00\"";
  if (dash == std::string_view::npos) return fail(quoted(text) + " is not a period" + form);
  const int open = clock_minute(text.substr(0, dash));
  const int close = clock_minute(text.substr(dash + 1));
  if (open < 0 || close < 0) return fail(quoted(text) + " is not a period" + form);
  if (close <= open) return fail(quoted(text) + " ends before it starts" + form);
  return OpenPeriod{open, close};
}

std::string hh_mm_of(int minute) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (minute / 60) % 100, minute % 60);
  return buf;
}

std::string to_string(const OpenPeriod& p) { return hh_mm_of(p.open_min) + "-" + hh_mm_of(p.close_min); }

Status check_week_hours(const std::vector<WeekHours>& week) {
  std::set<int> seen;
  for (size_t i = 0; i < week.size(); ++i) {
    const std::string at = "entry " + std::to_string(i + 1);
    const auto& w = week[i];
    if (w.days.empty()) return fail(at + ": days: list the weekdays 1 (Monday) to 7 (Sunday), e.g. [1, 2, 3, 4, 5]");
    for (int d : w.days) {
      if (d < 1 || d > 7) return fail(at + ": days: " + std::to_string(d) + " is not a weekday 1 (Monday) to 7 (Sunday)");
      if (!seen.insert(d).second)
        return fail(at + ": days: weekday " + std::to_string(d) + " already has hours in an earlier entry");
    }
    if (w.periods.empty()) return fail(at + ": periods: give at least one, e.g. [\"09:00-12:00\"]");
    for (size_t k = 1; k < w.periods.size(); ++k)
      if (w.periods[k].open_min < w.periods[k - 1].close_min)
        return fail(at + ": periods: " + quoted(to_string(w.periods[k])) + " starts before " +
                    quoted(to_string(w.periods[k - 1])) + " ends; list them in order, without overlaps");
  }
  return {};
}

std::vector<OpenPeriod> OpeningHours::periods_on(const Date& day) const {
  const int64_t n = days_from_civil(day);
  if (holidays.count(n)) return {};
  int weekday = iso_weekday(day);
  if (workdays.count(n)) {
    // A worked Saturday or Sunday: Monday's hours (the first weekday with any).
    for (int d = 1; d <= 5; ++d)
      for (const auto& w : week)
        for (int wd : w.days)
          if (wd == d) return w.periods;
    return {};
  }
  for (const auto& w : week)
    for (int wd : w.days)
      if (wd == weekday) return w.periods;
  return {};
}

HallState hall_state(const OpeningHours& hours, const Date& day, int minute) {
  if (!hours.set()) return {};
  const auto today = hours.periods_on(day);
  // The next opening after today, named for people.
  auto next_day = [&]() -> std::string {
    for (int ahead = 1; ahead <= 60; ++ahead) {
      const auto p = hours.periods_on(civil_from_days(days_from_civil(day) + ahead));
      if (!p.empty()) return day_name(day, ahead) + " " + hh_mm_of(p.front().open_min) + " 开始办理";
    }
    return "";
  };
  if (today.empty()) {
    const bool holiday = hours.holidays.count(days_from_civil(day)) > 0;
    const std::string next = next_day();
    return {holiday ? HallStateKind::Holiday : HallStateKind::DayOff,
            std::string(holiday ? "今日休息（法定节假日）" : "今日休息") + (next.empty() ? "" : " " + next)};
  }
  for (size_t i = 0; i < today.size(); ++i) {
    const auto& p = today[i];
    if (minute < p.open_min) {
      if (i == 0) return {HallStateKind::BeforeOpen, "未到办理时间 今日 " + hh_mm_of(p.open_min) + " 开始办理"};
      return {HallStateKind::Lunch, "午间休息 " + hh_mm_of(p.open_min) + " 恢复办理"};
    }
    if (minute < p.close_min) return {HallStateKind::Open, "办理中 至 " + hh_mm_of(p.close_min)};
  }
  const std::string next = next_day();
  return {HallStateKind::Closed, "已下班" + (next.empty() ? std::string() : " " + next)};
}

HallState hall_state(const OpeningHours& hours, std::chrono::local_time<std::chrono::milliseconds> local) {
  const auto today = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd{today};
  const Date day{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                 static_cast<int>(static_cast<unsigned>(ymd.day()))};
  return hall_state(hours, day, static_cast<int>(std::chrono::floor<std::chrono::minutes>(local - today).count()));
}

}  // namespace hall

// opening_hours.h: the hall's opening hours (hall.toml [[hours]]) with the
// holiday calendar's closures, and what they mean at a given hall-local
// minute: open, lunch break, not yet open, closed for the day, a public
// holiday or a day off, each with the Chinese line screens and kiosks show.
//
//   [[hours]]
//   days = [1, 2, 3, 4, 5]                      # 1 = Monday ... 7 = Sunday
//   periods = ["09:00-12:00", "13:30-17:00"]    # open from-to, in order
//
// A day no entry names is closed. Public holidays (the calendar's holidays)
// are closed whatever their weekday; a make-up working day (调休, a worked
// Saturday or Sunday) opens with Monday's hours (the first of days 1-5 with
// hours). The controller validates hall.toml with check_week_hours() and
// publishes the result as /hall/hours (hall_keys.h).
// Threading: plain values and pure functions.
#pragma once

#include <chrono>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/result.h"
#include "common/time/periods.h"

namespace hall {

struct OpenPeriod {
  int open_min = 0;   // minutes after 00:00, hall time
  int close_min = 0;  // exclusive; 24:00 is 1440
  bool operator==(const OpenPeriod&) const = default;
};

// "09:00-12:00". Errors say the form and that the end follows the start.
Result<OpenPeriod> parse_open_period(std::string_view text);
std::string to_string(const OpenPeriod& p);
// "09:00" of minutes after midnight.
std::string hh_mm_of(int minute);

struct WeekHours {
  std::vector<int> days;            // 1 = Monday ... 7 = Sunday
  std::vector<OpenPeriod> periods;  // in order, not overlapping
  bool operator==(const WeekHours&) const = default;
};

// The rules of a week table: days 1-7, each day in at most one entry, at
// least one period per entry, periods in order and not overlapping. Errors
// name the entry ("entry 2") and the value, e.g.
//   entry 1: periods: "13:30-17:00" starts before "09:00-14:00" ends
Status check_week_hours(const std::vector<WeekHours>& week);

struct OpeningHours {
  std::vector<WeekHours> week;  // empty: the hall sets no hours (always open)
  std::set<int64_t> holidays;   // days_from_civil(): closed
  std::set<int64_t> workdays;   // 调休: open with Monday's hours
  std::set<int> calendar_years; // the years the holiday table covers

  bool set() const { return !week.empty(); }
  // The periods the hall is open on `day`; empty when closed.
  std::vector<OpenPeriod> periods_on(const Date& day) const;
  bool operator==(const OpeningHours&) const = default;
};

enum class HallStateKind {
  Always,      // no hours set
  Open,        // inside a period
  Lunch,       // between two periods of the day
  BeforeOpen,  // before the day's first period
  Closed,      // after the day's last period
  Holiday,     // a public holiday
  DayOff       // a day without hours (a weekend)
};

struct HallState {
  HallStateKind kind = HallStateKind::Always;
  // What a screen or kiosk shows, "" for Always: "办理中 至 12:00",
  // "午间休息 13:30 恢复办理", "未到办理时间 今日 09:00 开始办理",
  // "已下班 明日 09:00 开始办理", "今日休息（法定节假日） 10月8日 09:00 开始办理",
  // "今日休息 周一 09:00 开始办理". The part before the first space is the
  // state itself, what a narrow place shows alone.
  std::string text;
  bool open() const { return kind == HallStateKind::Always || kind == HallStateKind::Open; }
};

// The hall's state at `minute` (0-1439, hall time) of `day`. The next
// opening is looked for up to 60 days ahead.
HallState hall_state(const OpeningHours& hours, const Date& day, int minute);
// The same at a hall-time instant (a screen's or kiosk's clock in the hall's zone).
HallState hall_state(const OpeningHours& hours, std::chrono::local_time<std::chrono::milliseconds> local);

}  // namespace hall

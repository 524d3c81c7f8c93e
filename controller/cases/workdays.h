// workdays.h: the working-day calendar for case deadlines. Monday to Friday
// are working days, except public holidays; make-up working days (调休, often a
// Saturday or Sunday) are working days. The calendar is read from a TOML file
// (config/holidays.toml):
//
//   [2026]
//   holidays = ["2026-01-01", ...]   # days off
//   workdays = ["2026-01-04", ...]   # weekend days that are working days (调休)
//
// Threading: a loaded WorkCalendar is immutable and may be read anywhere.
#pragma once

#include <cstdint>
#include <set>
#include <optional>
#include <string>
#include <vector>

#include "common/time/opening_hours.h"
#include "common/time/periods.h"
#include "common/base/result.h"

namespace controller {

class WorkCalendar {
 public:
  WorkCalendar() = default;  // weekends only
  // Reads `path`; fails naming the file, the key and the bad value.
  static hall::Result<WorkCalendar> load(const std::string& path);
  static hall::Result<WorkCalendar> parse(const std::string& toml_text, const std::string& source = "holidays");

  void add_holiday(const hall::Date& d);
  void add_workday(const hall::Date& d);
  bool is_working_day(const hall::Date& d) const;
  // The day `n` working days after `start` (start itself does not count, so
  // n = 1 is the next working day). A case opened on `start` is due by the
  // end of that day. n <= 0 returns start.
  hall::Date add_working_days(const hall::Date& start, int n) const;
  // Working days in (from, to]: 0 when to <= from.
  int working_days_between(const hall::Date& from, const hall::Date& to) const;
  // Years the file covers, so callers can warn when the current year is missing.
  const std::set<int>& years() const { return years_; }
  // Whether every day from `from` to `to` lies in a year the table covers.
  // A calendar without years (cases.holidays_file = "": weekends only, by
  // choice) covers everything: it never claims to know the holidays.
  bool covers(const hall::Date& from, const hall::Date& to) const;
  // The whole table as the closures of the hall's opening hours (/hall/hours; no week).
  hall::OpeningHours closures() const { return {{}, holidays_, workdays_, years_}; }

 private:
  std::set<int64_t> holidays_;
  std::set<int64_t> workdays_;
  std::set<int> years_;
};

// The alarm of `hallctl status` when the table is about to run out: today +
// 30 days falls in a year the table does not cover. Names the last day it
// covers, the year to add, the file and the official source. nullopt while
// the table reaches that far, and always for a calendar without years.
inline constexpr int kCalendarWarnDays = 30;
std::optional<std::string> calendar_alarm(const WorkCalendar& calendar, const hall::Date& today,
                                          const std::string& file);

}  // namespace controller

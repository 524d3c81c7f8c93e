// periods.h: calendar dates and the ranking periods built from them: a month
// ("2026-11"), a quarter ("2026-Q4") or a year ("2026"). Dates are civil
// (proleptic Gregorian) days in the hall's local time; no time zones here.
// The calendar arithmetic is <chrono>'s (year_month_day, sys_days, weekday);
// Date is the plain value the rankings, cases and reports store and compare.
// Threading: plain values and pure functions.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/base/result.h"

namespace hall {

struct Date {
  int year = 1970;
  int month = 1;  // 1-12
  int day = 1;    // 1-31
  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

std::chrono::year_month_day to_ymd(const Date& d);
Date to_date(std::chrono::year_month_day ymd);

// Days since 1970-01-01 and back (sys_days' count).
int64_t days_from_civil(const Date& d);
Date civil_from_days(int64_t days);
// 1 = Monday ... 7 = Sunday (ISO).
int iso_weekday(const Date& d);
// A day of the calendar in the years 1970-9999.
bool valid_date(const Date& d);
// "2026-11-27" (also accepts a longer ISO time such as "2026-11-27T09:30:00").
Result<Date> parse_date(std::string_view text);
std::string to_string(const Date& d);

enum class PeriodKind { Month, Quarter, Year };

struct Period {
  PeriodKind kind = PeriodKind::Month;
  int year = 1970;
  int index = 1;  // month 1-12, quarter 1-4, 0 for a year
  friend bool operator==(const Period&, const Period&) = default;
};

// "2026-11", "2026-Q4" (or "2026-q4"), "2026". Years 1970-9999.
Result<Period> parse_period(std::string_view text);
std::string to_string(const Period& p);
// "2026年11月", "2026年第4季度", "2026年".
std::string label_zh(const Period& p);
Period period_of(const Date& d, PeriodKind kind);
Date first_day(const Period& p);
Date last_day(const Period& p);
bool contains(const Period& p, const Date& d);
// A compact key, unique over all kinds: year*100 + month (1-12), + 40 + quarter
// (41-44), or + 0 for the year.
int32_t period_code(const Period& p);
Period period_from_code(int32_t code);

}  // namespace hall

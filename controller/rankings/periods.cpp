#include "controller/rankings/periods.h"

#include <charconv>
#include <cstdio>

namespace controller {

int64_t days_from_civil(const Date& d) {
  int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (d.month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  return Date{y, m, d};
}

int iso_weekday(const Date& d) {
  const int64_t days = days_from_civil(d);  // 1970-01-01 was a Thursday (4)
  int64_t w = (days + 3) % 7;
  if (w < 0) w += 7;
  return static_cast<int>(w) + 1;
}

static int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool valid_date(const Date& d) {
  return d.year >= 1970 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= days_in_month(d.year, d.month);
}

static bool parse_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

hall::Result<Date> parse_date(std::string_view text) {
  Date d;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-' || !parse_int(text.substr(0, 4), d.year) ||
      !parse_int(text.substr(5, 2), d.month) || !parse_int(text.substr(8, 2), d.day) ||
      (text.size() > 10 && text[10] != 'T' && text[10] != ' '))
    return hall::fail("'" + std::string(text.substr(0, 40)) + "' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-27");
  if (!valid_date(d))
    return hall::fail("'" + std::string(text.substr(0, 10)) + "' is not a day of the calendar (years 1970-9999)");
  return d;
}

std::string to_string(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

hall::Result<Period> parse_period(std::string_view text) {
  auto bad = [&] {
    return hall::fail("'" + std::string(text.substr(0, 40)) +
                      "' is not a period; write a month 2026-11, a quarter 2026-Q4 or a year 2026");
  };
  Period p;
  if (text.size() < 4 || !parse_int(text.substr(0, 4), p.year) || p.year < 1970 || p.year > 9999) return bad();
  if (text.size() == 4) {
    p.kind = PeriodKind::Year;
    p.index = 0;
    return p;
  }
  if (text[4] != '-') return bad();
  if (text.size() == 7 && (text[5] == 'Q' || text[5] == 'q')) {
    p.kind = PeriodKind::Quarter;
    if (!parse_int(text.substr(6, 1), p.index) || p.index < 1 || p.index > 4) return bad();
    return p;
  }
  if (text.size() == 7) {
    p.kind = PeriodKind::Month;
    if (!parse_int(text.substr(5, 2), p.index) || p.index < 1 || p.index > 12) return bad();
    return p;
  }
  return bad();
}

std::string to_string(const Period& p) {
  char buf[16];
  switch (p.kind) {
    case PeriodKind::Month: std::snprintf(buf, sizeof buf, "%04d-%02d", p.year, p.index); break;
    case PeriodKind::Quarter: std::snprintf(buf, sizeof buf, "%04d-Q%d", p.year, p.index); break;
    case PeriodKind::Year: std::snprintf(buf, sizeof buf, "%04d", p.year); break;
  }
  return buf;
}

std::string label_zh(const Period& p) {
  const std::string y = std::to_string(p.year) + "年";
  switch (p.kind) {
    case PeriodKind::Month: return y + std::to_string(p.index) + "月";
    case PeriodKind::Quarter: return y + "第" + std::to_string(p.index) + "季度";
    case PeriodKind::Year: break;
  }
  return y;
}

Period period_of(const Date& d, PeriodKind kind) {
  switch (kind) {
    case PeriodKind::Month: return {kind, d.year, d.month};
    case PeriodKind::Quarter: return {kind, d.year, (d.month - 1) / 3 + 1};
    case PeriodKind::Year: break;
  }
  return {PeriodKind::Year, d.year, 0};
}

Date first_day(const Period& p) {
  switch (p.kind) {
    case PeriodKind::Month: return {p.year, p.index, 1};
    case PeriodKind::Quarter: return {p.year, (p.index - 1) * 3 + 1, 1};
    case PeriodKind::Year: break;
  }
  return {p.year, 1, 1};
}

Date last_day(const Period& p) {
  int month = 12;
  if (p.kind == PeriodKind::Month) month = p.index;
  if (p.kind == PeriodKind::Quarter) month = p.index * 3;
  return {p.year, month, days_in_month(p.year, month)};
}

bool contains(const Period& p, const Date& d) { return period_of(d, p.kind) == p; }

int32_t period_code(const Period& p) {
  switch (p.kind) {
    case PeriodKind::Month: return p.year * 100 + p.index;
    case PeriodKind::Quarter: return p.year * 100 + 40 + p.index;
    case PeriodKind::Year: break;
  }
  return p.year * 100;
}

Period period_from_code(int32_t code) {
  const int year = code / 100, rest = code % 100;
  if (rest == 0) return {PeriodKind::Year, year, 0};
  if (rest > 40) return {PeriodKind::Quarter, year, rest - 40};
  return {PeriodKind::Month, year, rest};
}

}  // namespace controller

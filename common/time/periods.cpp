#include "common/time/periods.h"

#include <charconv>
#include <cstdio>

#include "common/time/iso8601.h"

namespace hall {

using namespace std::chrono;

std::chrono::year_month_day to_ymd(const Date& d) {
  return year{d.year} / month{static_cast<unsigned>(d.month)} / day{static_cast<unsigned>(d.day)};
}

Date to_date(year_month_day ymd) {
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

int64_t days_from_civil(const Date& d) { return sys_days{to_ymd(d)}.time_since_epoch().count(); }

Date civil_from_days(int64_t n) { return to_date(year_month_day{sys_days{days{n}}}); }

int iso_weekday(const Date& d) { return static_cast<int>(weekday{sys_days{to_ymd(d)}}.iso_encoding()); }

static int days_in_month(int y, int m) {
  return static_cast<int>(static_cast<unsigned>((year{y} / month{static_cast<unsigned>(m)} / last).day()));
}

bool valid_date(const Date& d) {
  return d.year >= 1970 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31 &&
         to_ymd(d).ok();
}

static bool parse_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

Result<Date> parse_date(std::string_view text) {
  const auto ymd = read_iso_date(text);
  if (!ymd || (text.size() > 10 && text[10] != 'T' && text[10] != ' '))
    return fail("'" + std::string(text.substr(0, 40)) + "' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-27");
  const Date d = to_date(*ymd);
  if (!valid_date(d))
    return fail("'" + std::string(text.substr(0, 10)) + "' is not a day of the calendar (years 1970-9999)");
  return d;
}

std::string to_string(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

Result<Period> parse_period(std::string_view text) {
  auto bad = [&] {
    return fail("'" + std::string(text.substr(0, 40)) +
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

}  // namespace hall

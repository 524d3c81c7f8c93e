#include "common/time/iso8601.h"

namespace hall {

namespace {
using namespace std::chrono;

// Reads exactly `n` decimal digits at `pos`.
bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

std::string two(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// SystemTime counts nanoseconds in 64 bits: 1677-09-21 to 2262-04-11.
bool fits_system_time(year y) { return y >= year{1678} && y <= year{2261}; }

Error bad(std::string_view text, const std::string& why) {
  return fail("\"" + std::string(text.substr(0, 40)) + "\" " + why);
}
}  // namespace

std::optional<year_month_day> read_iso_date(std::string_view s) {
  int y, m, d;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, m) || s[7] != '-' ||
      !digits(s, 8, 2, d))
    return std::nullopt;
  return year_month_day{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
}

Result<IsoTime> parse_iso8601(std::string_view s, IsoForm form) {
  IsoTime t;
  const auto date = read_iso_date(s);
  int h, mi, se = 0;
  if (!date || s.size() < 16 || (s[10] != 'T' && s[10] != ' ') || !digits(s, 11, 2, h) || s[13] != ':' ||
      !digits(s, 14, 2, mi))
    return bad(s, "is not a time");
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!digits(s, pos + 1, 2, se)) return bad(s, "has bad seconds");
    pos += 3;
  } else if (!form.seconds_optional) {
    return bad(s, "has no seconds");
  }
  if (!date->month().ok())
    return bad(s, "has month " + two(static_cast<int>(static_cast<unsigned>(date->month()))) + "; months are 01-12");
  if (!date->ok()) return bad(s, "is not a day of the calendar");
  if (h > 23 || mi > 59 || se > 60) return bad(s, "has a time of day outside 00:00:00-23:59:60");
  t.date = *date;
  int ms = 0;
  if (pos < s.size() && s[pos] == '.' && pos == 19) {
    ++pos;
    int scale = 100, n = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      ms += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
      if (++n > 9) return bad(s, "has more than 9 digits of fractional seconds");
    }
    if (n == 0) return bad(s, "has a '.' without fractional seconds after it");
  }
  t.time_of_day = hours{h} + minutes{mi} + seconds{se} + milliseconds{ms};
  if (pos < s.size() && s[pos] == 'Z') {
    t.utc_offset = minutes{0};
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(s, pos + 4, 2, om))
      return bad(s, "has a bad UTC offset; write it as +HH:MM or -HH:MM, or Z for UTC");
    if (oh > 14 || om > 59) return bad(s, "has a UTC offset outside -14:00 to +14:00");
    t.utc_offset = minutes{(s[pos] == '-' ? -1 : 1) * (oh * 60 + om)};
    pos += 6;
  } else if (pos == s.size() && !form.offset_optional) {
    return bad(s, "has no UTC offset (+HH:MM, or Z for UTC), so it is not one instant");
  }
  if (pos != s.size()) return bad(s, "has unexpected text after the time");
  return t;
}

sys_time<milliseconds> to_sys_time(const IsoTime& t) {
  return sys_days{t.date} + t.time_of_day - t.utc_offset.value_or(minutes{0});
}

Result<SystemTime> parse_iso_time(std::string_view text) {
  auto t = parse_iso8601(text);
  if (!t) return fail(t.error() + "; write e.g. 2026-11-27T09:30:00+08:00");
  if (!fits_system_time(t->date.year())) return bad(text, "is outside the years 1678-2261 a clock time can hold");
  return SystemTime{to_sys_time(*t)};
}

Result<int64_t> parse_iso_ms(std::string_view text) {
  auto t = parse_iso8601(text);
  if (!t) return fail(t.error() + "; write e.g. 2026-11-27T09:30:00+08:00");
  // Milliseconds are turned back into clock times (iso_from_ms), which
  // overflow outside these years (found by tests/fuzz, queue_feed).
  if (!fits_system_time(t->date.year())) return bad(text, "is outside the years 1678-2261 a clock time can hold");
  return to_sys_time(*t).time_since_epoch().count();
}

Result<local_time<milliseconds>> hall_local_of(std::string_view text) {
  auto t = parse_iso8601(text, {.seconds_optional = true, .offset_optional = true});
  if (!t) return fail(t.error() + "; write e.g. 2026-11-27T09:30:00+08:00");
  if (!t->utc_offset) return local_days{t->date} + t->time_of_day;
  if (!fits_system_time(t->date.year())) return bad(text, "is outside the years 1678-2261 a clock time can hold");
  return hall_zone().to_local(SystemTime{to_sys_time(*t)});
}

Result<Date> hall_date_of(std::string_view text) {
  auto t = hall_local_of(text);
  if (!t) return t.take_error();
  return to_date(year_month_day{floor<days>(*t)});
}

}  // namespace hall

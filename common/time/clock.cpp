#include "common/time/clock.h"

#include <cstdio>

namespace hall {

namespace {
using namespace std::chrono;

// "2026-11-27T09:30:00" or, with `sep` ' ' and no seconds, "2026-11-27 09:30".
std::string civil(TimeZone::LocalTime t, char sep, bool with_seconds) {
  const local_days day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> tod{floor<seconds>(t - day)};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u%c%02d:%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), sep,
                static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()));
  std::string out = buf;
  if (with_seconds) {
    std::snprintf(buf, sizeof buf, ":%02d", static_cast<int>(tod.seconds().count()));
    out += buf;
  }
  return out;
}
}  // namespace

std::string iso_time(SystemTime t, const TimeZone& zone) {
  return civil(zone.to_local(t), 'T', true) + offset_text(zone.offset(t));
}

std::string iso_time(SystemTime t) { return iso_time(t, hall_zone()); }

std::string iso_from_ms(int64_t ms) { return iso_time(SystemTime(milliseconds(ms))); }

int64_t epoch_ms(SystemTime t) { return duration_cast<milliseconds>(t.time_since_epoch()).count(); }

std::string file_stamp(SystemTime t) {
  const auto secs = floor<seconds>(t);
  const year_month_day ymd{floor<days>(secs)};
  const hh_mm_ss hms{secs - floor<days>(secs)};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buf;
}

int utc_offset_minutes(SystemTime t) { return static_cast<int>(hall_zone().offset(t).count()); }

std::string display_time(SystemTime t, const TimeZone& zone) {
  return civil(zone.to_local(t), ' ', false) + " (" + offset_text(zone.offset(t)) + ")";
}

local_days local_day(SystemTime t) { return floor<days>(hall_zone().to_local(t)); }

Date hall_date(SystemTime t) { return to_date(year_month_day{local_day(t)}); }

SystemTime from_local(local_time<milliseconds> t) { return hall_zone().from_local(t); }

SystemTime day_start(const Date& d) { return from_local(local_days{to_ymd(d)}); }

}  // namespace hall

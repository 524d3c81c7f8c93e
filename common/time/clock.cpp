#include "common/time/clock.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace hall {

std::string iso_time(SystemTime t) {
  const std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  const int off = utc_offset_minutes(t);
  char zone[16];
  std::snprintf(zone, sizeof zone, "%c%02d:%02d", off < 0 ? '-' : '+', std::abs(off) / 60,
                std::abs(off) % 60);
  return std::string(buf) + zone;
}

std::string iso_from_ms(int64_t ms) { return iso_time(SystemTime(std::chrono::milliseconds(ms))); }

int64_t epoch_ms(SystemTime t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

int utc_offset_minutes(SystemTime t) {
  const std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  return static_cast<int>(tm.tm_gmtoff / 60);
}

std::chrono::local_days local_day(SystemTime t) {
  using namespace std::chrono;
  const std::time_t tt = system_clock::to_time_t(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  return local_days{year{tm.tm_year + 1900} / (tm.tm_mon + 1) / tm.tm_mday};
}

SystemTime from_local(std::chrono::local_time<std::chrono::milliseconds> t) {
  using namespace std::chrono;
  const local_days day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<milliseconds> tod{t - day};
  std::tm tm{};
  tm.tm_year = static_cast<int>(ymd.year()) - 1900;
  tm.tm_mon = static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
  tm.tm_mday = static_cast<int>(static_cast<unsigned>(ymd.day()));
  tm.tm_hour = static_cast<int>(tod.hours().count());
  tm.tm_min = static_cast<int>(tod.minutes().count());
  tm.tm_sec = static_cast<int>(tod.seconds().count());
  tm.tm_isdst = -1;
  return system_clock::from_time_t(std::mktime(&tm)) + tod.subseconds();
}

}  // namespace hall

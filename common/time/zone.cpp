#include "common/time/zone.h"

#include <date/tz.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace hall {

namespace {
using namespace std::chrono;

std::mutex zone_mutex;
TimeZone& process_zone() {
  static TimeZone zone;
  return zone;
}
}  // namespace

TimeZone::TimeZone() {
  auto z = named(kDefaultTimeZone);
  *this = z ? *z : fixed(hours{8});
  name_ = kDefaultTimeZone;
}

Result<TimeZone> TimeZone::named(std::string_view name) {
  const std::string n(name);
  if (n.empty()) return fail("the time zone is empty; write an IANA name such as Asia/Shanghai");
  TimeZone z{Empty{}};
  try {
    z.zone_ = date::locate_zone(n);
  } catch (const std::exception&) {
    return fail("unknown time zone '" + n +
                "'; write an IANA name such as Asia/Shanghai or Europe/Berlin (the files under "
                "/usr/share/zoneinfo, from the tzdata package)");
  }
  z.name_ = n;
  return z;
}

TimeZone TimeZone::fixed(minutes offset) {
  TimeZone z{Empty{}};
  z.fixed_ = offset;
  z.name_ = offset_text(offset);
  return z;
}

minutes TimeZone::offset(Instant t) const {
  if (!zone_) return fixed_;
  return duration_cast<minutes>(zone_->get_info(floor<seconds>(t)).offset);
}

TimeZone::LocalTime TimeZone::to_local(Instant t) const {
  const auto ms = floor<milliseconds>(t);
  return LocalTime{ms.time_since_epoch() + offset(t)};
}

TimeZone::Instant TimeZone::from_local(LocalTime t) const {
  if (!zone_) return Instant{t.time_since_epoch() - fixed_};
  // The offset before a skipped or repeated hour is local_info.first's.
  const date::local_seconds s{floor<seconds>(t.time_since_epoch())};
  const auto info = zone_->get_info(s);
  return Instant{t.time_since_epoch() - info.first.offset};
}

TimeZone hall_zone() {
  std::lock_guard lock(zone_mutex);
  return process_zone();
}

void set_hall_zone(const TimeZone& zone) {
  std::lock_guard lock(zone_mutex);
  process_zone() = zone;
}

std::string offset_text(minutes offset) {
  const int m = static_cast<int>(offset.count());
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", m < 0 ? '-' : '+', std::abs(m) / 60, std::abs(m) % 60);
  return buf;
}

}  // namespace hall

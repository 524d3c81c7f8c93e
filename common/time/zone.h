// zone.h: the hall's time zone. Every local date, hour, month, working day,
// opening hour and deadline is hall time: wall-clock time in the zone named
// by hall.timezone (an IANA name such as "Asia/Shanghai"), read from the
// system's tz database (the tzdata package, /usr/share/zoneinfo) through
// Howard Hinnant's date library. The machine's own TZ is never used.
// Each program sets its process's hall zone once it knows it (the controller
// from its store, screens from /hall/clock); until then it is Asia/Shanghai.
// Threading: TimeZone is a plain value; hall_zone() and set_hall_zone() may
// be called from any thread.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "common/base/result.h"

namespace date {
class time_zone;
}

namespace hall {

inline constexpr char kDefaultTimeZone[] = "Asia/Shanghai";

class TimeZone {
 public:
  using Instant = std::chrono::system_clock::time_point;
  using LocalTime = std::chrono::local_time<std::chrono::milliseconds>;

  // Asia/Shanghai (UTC+08:00 if the tz database is missing).
  TimeZone();
  // The zone of an IANA name; the error names it and says what to write.
  static Result<TimeZone> named(std::string_view name);
  // A zone that is always `offset` east of UTC, named like "+08:00": for a
  // screen whose tz database lacks the hall's zone.
  static TimeZone fixed(std::chrono::minutes offset);

  const std::string& name() const { return name_; }
  // The UTC offset in force at `t` (+480 min in Shanghai; +60 or +120 in Berlin).
  std::chrono::minutes offset(Instant t) const;
  // The wall-clock time in this zone at `t`.
  LocalTime to_local(Instant t) const;
  // The instant of a wall-clock time in this zone. A time that a
  // daylight-saving change skips (02:30 on Berlin's spring day) is read with
  // the offset before the change (03:30 summer time); a repeated one is the
  // first of the two.
  Instant from_local(LocalTime t) const;

  bool operator==(const TimeZone& o) const { return name_ == o.name_; }

 private:
  struct Empty {};
  explicit TimeZone(Empty) {}
  const date::time_zone* zone_ = nullptr;  // nullptr: fixed_ offset
  std::chrono::minutes fixed_{0};
  std::string name_;
};

// The process's hall zone: Asia/Shanghai until set_hall_zone.
TimeZone hall_zone();
void set_hall_zone(const TimeZone& zone);

// "+08:00", "-05:00".
std::string offset_text(std::chrono::minutes offset);

}  // namespace hall

// clock.h: wall-clock time as an injectable dependency, and the one time
// format used in the store, on the wire and in logs: ISO 8601 in hall time
// with the UTC offset ("2026-11-27T09:30:00+08:00"). "Local" here is hall
// time, the zone of zone.h's hall_zone(), never the machine's TZ; every
// conversion between hall time and instants goes through this file or zone.h.
// Reading times back is iso8601.h's job.
// Threading: pure functions; a WallClock must be safe to call from its owner.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "common/time/periods.h"
#include "common/time/zone.h"

namespace hall {

using SystemTime = std::chrono::system_clock::time_point;
using WallClock = std::function<SystemTime()>;

inline WallClock system_wall_clock() { return [] { return std::chrono::system_clock::now(); }; }

// "2026-11-27T09:30:00+08:00": `t` in hall time (or in `zone`), whole seconds.
std::string iso_time(SystemTime t);
std::string iso_time(SystemTime t, const TimeZone& zone);
// iso_time of an instant given in milliseconds since the epoch.
std::string iso_from_ms(int64_t ms);
int64_t epoch_ms(SystemTime t);
// "20261202T050700Z": `t` in UTC, for the names of files set aside.
std::string file_stamp(SystemTime t);
// Minutes east of UTC of hall time at `t`.
int utc_offset_minutes(SystemTime t);
// How reports and exports print a time for people: "2026-12-01 11:36 (+08:00)".
std::string display_time(SystemTime t, const TimeZone& zone);

// The hall's calendar day at `t`.
std::chrono::local_days local_day(SystemTime t);
Date hall_date(SystemTime t);
// The instant of a hall-time date and time (a time that a daylight-saving
// change skips or repeats resolves as TimeZone::from_local says). Times past
// 24:00 roll over into the next days.
SystemTime from_local(std::chrono::local_time<std::chrono::milliseconds> t);
// The instant hall day `d` begins (00:00 hall time).
SystemTime day_start(const Date& d);

}  // namespace hall

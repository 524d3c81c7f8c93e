// clock.h: wall-clock time as an injectable dependency, and the one time
// format used in the store, on the wire and in logs: local ISO 8601 with the
// UTC offset ("2026-11-27T09:30:00+08:00"). "Local" is the machine's time
// zone; every conversion between local time and instants is in this file.
// Reading times back is iso8601.h's job.
// Threading: pure functions; a WallClock must be safe to call from its owner.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace hall {

using SystemTime = std::chrono::system_clock::time_point;
using WallClock = std::function<SystemTime()>;

inline WallClock system_wall_clock() { return [] { return std::chrono::system_clock::now(); }; }

std::string iso_time(SystemTime t);
// iso_time of an instant given in milliseconds since the epoch.
std::string iso_from_ms(int64_t ms);
int64_t epoch_ms(SystemTime t);
// Minutes east of UTC for the local zone at `t`.
int utc_offset_minutes(SystemTime t);

// The local calendar day at `t`.
std::chrono::local_days local_day(SystemTime t);
// The instant of a local date and time (a time that a daylight-saving change
// skips or repeats resolves as mktime does). Times past 24:00 roll over into
// the next days.
SystemTime from_local(std::chrono::local_time<std::chrono::milliseconds> t);

}  // namespace hall

// clock.h: wall-clock time as an injectable dependency, and the one time
// format used in the store, on the wire and in logs: local ISO 8601 with the
// UTC offset ("2026-11-27T09:30:00+08:00").
// Threading: pure functions; a WallClock must be safe to call from its owner.
#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace hall {

using SystemTime = std::chrono::system_clock::time_point;
using WallClock = std::function<SystemTime()>;

inline WallClock system_wall_clock() { return [] { return std::chrono::system_clock::now(); }; }

std::string iso_time(SystemTime t);
int64_t epoch_ms(SystemTime t);
// Minutes east of UTC for the local zone at `t`.
int utc_offset_minutes(SystemTime t);

}  // namespace hall

// timestamps.h: reads the ISO 8601 times that arrive from outside (queue
// feed, kiosks): "2026-11-27T09:30:00+08:00", with optional fractional
// seconds, or "Z" for UTC. The offset is required so that a time means one
// instant. Threading: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/time/clock.h"

namespace controller {

// Milliseconds since the epoch, or nullopt when `text` is not such a time.
std::optional<int64_t> parse_iso_ms(std::string_view text);

// The controller's ISO form of an epoch-ms instant (hall::iso_time).
std::string iso_from_ms(int64_t ms);

// "YYYY-MM-DD" as written in the time itself (the local day of its writer).
std::string day_of(std::string_view iso);

}  // namespace controller

// status.h: the screen.status report a screen sends every 5 s
// (docs/protocol.md): board, applied sequence, uptime, frame time, memory.
// The report itself is the wire type hall::wire::ScreenStatus.
// Threading: pure functions (rss_kb reads /proc/self/statm).
#pragma once

#include <cstdint>

#include "common/vocab/device_messages.h"

namespace signage {

using StatusReport = hall::wire::ScreenStatus;

// Resident memory of this process in KiB (0 if /proc is unavailable).
int64_t rss_kb();
// The fields of a screen.status message.
inline hall::Json status_fields(const StatusReport& report) { return report.to_json(); }

}  // namespace signage

// status.h: the screen.status report a screen sends every 5 s
// (docs/protocol.md): board, applied sequence, uptime, frame time, memory.
// Threading: pure functions (rss_kb reads /proc/self/statm).
#pragma once

#include <cstdint>
#include <string>

#include "common/wire/codec.h"

namespace signage {

struct StatusReport {
  std::string device_id;
  std::string group;
  std::string board;
  uint64_t sequence = 0;
  int64_t uptime_s = 0;
  double frame_ms = 0;
  int64_t rss_kb = 0;
  std::string offline_since;  // ISO time or ""
};

// Resident memory of this process in KiB (0 if /proc is unavailable).
int64_t rss_kb();
// The fields of a screen.status message.
hall::Json status_fields(const StatusReport& report);

}  // namespace signage

#include "signage/screen/status.h"

#include <unistd.h>

#include <fstream>

namespace signage {

int64_t rss_kb() {
  std::ifstream f("/proc/self/statm");
  int64_t size = 0, resident = 0;
  if (!(f >> size >> resident)) return 0;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

hall::Json status_fields(const StatusReport& r) {
  return {{"device_id", r.device_id}, {"group", r.group},         {"board", r.board},
          {"sequence", r.sequence},   {"uptime_s", r.uptime_s},   {"frame_ms", r.frame_ms},
          {"rss_kb", r.rss_kb},       {"offline_since", r.offline_since}};
}

}  // namespace signage

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

}  // namespace signage

// rate_limit.h: at most `limit` events per `window`, counted in fixed windows
// (a window starts with its first event and ends `window` later). Used to
// log refused frames at most so often and to cap how many unknown device ids
// a registry takes in. The caller passes the time, so tests need no waiting.
// Threading: one owner thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace hall {

class RateLimit {
 public:
  using Clock = std::chrono::steady_clock;
  RateLimit(size_t limit, Clock::duration window) : limit_(limit), window_(window) {}

  // Counts one event at `now`; true while the window has room for it.
  bool allow(Clock::time_point now);
  // Events refused since the last allowed one, and starts counting again
  // (for "... (N more not logged)").
  uint64_t take_refused();
  uint64_t refused_total() const { return refused_total_; }

 private:
  size_t limit_;
  Clock::duration window_;
  Clock::time_point started_{};
  bool open_ = false;
  size_t used_ = 0;
  uint64_t refused_ = 0;
  uint64_t refused_total_ = 0;
};

}  // namespace hall

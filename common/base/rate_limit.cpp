#include "common/base/rate_limit.h"

namespace hall {

bool RateLimit::allow(Clock::time_point now) {
  if (!open_ || now - started_ >= window_) {
    open_ = true;
    started_ = now;
    used_ = 0;
  }
  if (used_ < limit_) {
    ++used_;
    return true;
  }
  ++refused_;
  ++refused_total_;
  return false;
}

uint64_t RateLimit::take_refused() {
  const uint64_t n = refused_;
  refused_ = 0;
  return n;
}

}  // namespace hall

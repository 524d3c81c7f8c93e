#include "common/wire/backoff.h"

#include <algorithm>

namespace hall {

Backoff::Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, Jitter jitter)
    : base_(base), cap_(cap), jitter_(jitter), rng_(std::random_device{}()) {}

std::chrono::milliseconds Backoff::full(int failures) const {
  if (failures < 1) return std::chrono::milliseconds(0);
  auto d = base_;
  for (int i = 1; i < failures && d < cap_; ++i) d *= 2;  // stops at the cap: no overflow
  return std::min(d, cap_);
}

std::chrono::milliseconds Backoff::pause(int failures) {
  const auto d = full(failures);
  if (jitter_.low == jitter_.high && jitter_.low == 1.0) return d;
  std::uniform_real_distribution<double> factor(jitter_.low, jitter_.high);
  return std::chrono::milliseconds(static_cast<long long>(d.count() * factor(rng_)));
}

}  // namespace hall

// backoff.h: capped exponential backoff with jitter for the HTTP links
// (queue feed, upstream): base, 2x, 4x ... up to `cap` after failures; reset
// on success. Threading: plain value, owned by one thread.
#pragma once

#include <algorithm>
#include <chrono>
#include <random>

namespace controller {

class Backoff {
 public:
  Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap) : base_(base), cap_(cap) {}

  // The pause after one more failure: min(cap, base * 2^(failures-1)), minus
  // up to a quarter of jitter so that many clients do not retry in step.
  std::chrono::milliseconds fail() {
    ++failures_;
    const int shift = std::min(failures_ - 1, 20);
    const auto full = std::min<long long>(cap_.count(), base_.count() * (1LL << shift));
    std::uniform_int_distribution<long long> jitter(0, full / 4);
    return std::chrono::milliseconds(full - jitter(rng_));
  }
  void succeed() { failures_ = 0; }
  int failures() const { return failures_; }

 private:
  std::chrono::milliseconds base_, cap_;
  int failures_ = 0;
  std::minstd_rand rng_{std::random_device{}()};
};

}  // namespace controller

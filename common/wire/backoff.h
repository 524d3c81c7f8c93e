// backoff.h: capped exponential backoff with jitter, the one used by every
// link that retries: the controller's queue feed and upstream (one sequence
// of attempts each: fail() / succeed()) and the kiosk courier (one failure
// count per evaluation: pause(failures)). After n failures in a row the
// pause is min(cap, base * 2^(n-1)), times a random factor from the jitter
// range so that many clients do not retry in step; a success starts over.
// Threading: plain value, owned by one thread.
#pragma once

#include <chrono>
#include <random>

namespace hall {

// The pause is multiplied by a factor drawn evenly from [low, high];
// the default {1, 1} means no jitter.
struct Jitter {
  double low = 1.0;
  double high = 1.0;
};

// Retry pauses of links that must not retry in step (upstream, the queue
// feed) come up to a quarter early.
constexpr Jitter kRetryJitter{0.75, 1.0};

class Backoff {
 public:
  Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, Jitter jitter = {});

  // min(cap, base * 2^(failures-1)) without jitter; 0 for failures < 1.
  std::chrono::milliseconds full(int failures) const;
  // full(failures) times a random factor from the jitter range.
  std::chrono::milliseconds pause(int failures);

  // One sequence of attempts: counts one more failure and returns its pause.
  std::chrono::milliseconds fail() { return pause(++failures_); }
  void succeed() { failures_ = 0; }
  int failures() const { return failures_; }

 private:
  std::chrono::milliseconds base_, cap_;
  Jitter jitter_;
  int failures_ = 0;
  std::minstd_rand rng_;
};

}  // namespace hall

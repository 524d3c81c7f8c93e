// hall::Backoff: the pause sequence every retrying link uses (doubling from
// the base, the cap, reset on success, jitter within its bounds).
#include <catch2/catch.hpp>

#include <set>

#include "common/wire/backoff.h"

using namespace std::chrono_literals;

TEST_CASE("backoff doubles from the base up to the cap") {
  hall::Backoff b(250ms, 8000ms);
  CHECK(b.full(0) == 0ms);
  CHECK(b.full(1) == 250ms);
  CHECK(b.full(2) == 500ms);
  CHECK(b.full(3) == 1000ms);
  CHECK(b.full(5) == 4000ms);
  CHECK(b.full(6) == 8000ms);
  CHECK(b.full(7) == 8000ms);
  CHECK(b.full(1000) == 8000ms);  // no overflow however long the silence
  CHECK(hall::Backoff(1000ms, 300ms).full(1) == 300ms);  // a cap below the base wins
  // Without jitter the pause is the full one.
  for (int n = 0; n < 10; ++n) CHECK(b.pause(n) == b.full(n));
}

TEST_CASE("backoff counts failures in a row and starts over on success") {
  hall::Backoff b(1000ms, 30000ms);
  CHECK(b.failures() == 0);
  CHECK(b.fail() == 1000ms);
  CHECK(b.fail() == 2000ms);
  CHECK(b.fail() == 4000ms);
  CHECK(b.failures() == 3);
  for (int i = 0; i < 10; ++i) b.fail();
  CHECK(b.failures() == 13);
  CHECK(b.fail() == 30000ms);
  b.succeed();
  CHECK(b.failures() == 0);
  CHECK(b.fail() == 1000ms);
}

TEST_CASE("backoff jitter stays within its bounds and varies") {
  for (auto jitter : {hall::Jitter{0.75, 1.0}, hall::Jitter{0.8, 1.2}}) {
    INFO("jitter " << jitter.low << ".." << jitter.high);
    hall::Backoff b(250ms, 8000ms, jitter);
    for (int n = 1; n <= 8; ++n) {
      const auto full = b.full(n);
      std::set<long long> seen;
      for (int i = 0; i < 200; ++i) {
        const auto p = b.pause(n);
        CHECK(p.count() >= static_cast<long long>(full.count() * jitter.low));
        CHECK(p.count() <= static_cast<long long>(full.count() * jitter.high));
        seen.insert(p.count());
      }
      CHECK(seen.size() > 10);  // spread out, not one value
    }
  }
}

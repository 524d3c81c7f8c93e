// time_zones.h: test support for hall time: set this process's hall zone or
// its machine zone (the TZ environment variable, which children inherit) for
// one scope, and put it back after.
// Threading: the test's thread, before any other thread reads the zone.
#pragma once

#include <cstdlib>
#include <ctime>
#include <optional>
#include <stdexcept>
#include <string>

#include "common/time/zone.h"

namespace testing {

// The hall's zone (hall::hall_zone()) for one scope.
class HallZoneScope {
 public:
  explicit HallZoneScope(const std::string& name) {
    auto z = hall::TimeZone::named(name);
    if (!z) throw std::runtime_error(z.error());
    hall::set_hall_zone(*z);
  }
  ~HallZoneScope() { hall::set_hall_zone(before_); }

 private:
  hall::TimeZone before_ = hall::hall_zone();
};

// The machine's zone (TZ) for one scope: what localtime() would use, and what
// the programs a test starts inherit.
class MachineZoneScope {
 public:
  explicit MachineZoneScope(const std::string& tz) {
    if (const char* old = std::getenv("TZ")) before_ = old;
    setenv("TZ", tz.c_str(), 1);
    tzset();
  }
  ~MachineZoneScope() {
    if (before_) setenv("TZ", before_->c_str(), 1);
    else unsetenv("TZ");
    tzset();
  }

 private:
  std::optional<std::string> before_;
};

}  // namespace testing

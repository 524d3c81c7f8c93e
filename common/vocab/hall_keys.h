// hall_keys.h: the /hall/ keys of the CHP map (docs/protocol.md, Key space):
// /hall/info, /hall/clock and /hall/epoch. The controller core publishes them
// with to_json(); screens and kiosks read them with from_json().
// Threading: plain values and pure functions.
#pragma once

#include <cstdint>
#include <string>

#include "common/vocab/fields.h"

namespace hall::wire {

inline constexpr char kHallSubtree[] = "/hall/";

// /hall/info: the hall's names and logo.
struct HallInfo {
  static constexpr char kKey[] = "/hall/info";
  std::string name;
  std::string name_en;
  std::string logo;  // sha256 hex of /media/<sha256>, or ""

  Json to_json() const;
  static Result<HallInfo> from_json(const Json& j, const std::string& what = kKey);
  bool operator==(const HallInfo&) const = default;
};

// /hall/clock: the controller's time, every controller.clock_publish_s.
struct HallClock {
  static constexpr char kKey[] = "/hall/clock";
  std::string iso;         // "2026-11-27T09:30:00+08:00"
  int64_t epoch_ms = 0;
  int utc_offset_min = 0;  // 480 for +08:00

  Json to_json() const;
  static Result<HallClock> from_json(const Json& j, const std::string& what = kKey);
  bool operator==(const HallClock&) const = default;
};

// /hall/epoch: the publisher's epoch id, new at every controller start.
struct HallEpoch {
  static constexpr char kKey[] = "/hall/epoch";
  std::string id;       // as in KVPUB's "epoch=" property
  std::string started;  // ISO time

  Json to_json() const;
  static Result<HallEpoch> from_json(const Json& j, const std::string& what = kKey);
  bool operator==(const HallEpoch&) const = default;
};

}  // namespace hall::wire

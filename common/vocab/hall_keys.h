// hall_keys.h: the /hall/ keys of the CHP map (docs/protocol.md, Key space):
// /hall/info, /hall/clock, /hall/epoch and /hall/hours. The controller core publishes them
// with to_json(); screens and kiosks read them with from_json().
// Threading: plain values and pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "common/time/opening_hours.h"
#include "common/time/zone.h"
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

// /hall/clock: the controller's time in hall time, every
// controller.clock_publish_s and whenever the hall's time zone changes.
struct HallClock {
  static constexpr char kKey[] = "/hall/clock";
  std::string iso;         // "2026-11-27T09:30:00+08:00"
  int64_t epoch_ms = 0;
  int utc_offset_min = 0;  // 480 for +08:00, at epoch_ms
  std::string timezone;    // the hall's IANA zone, "Asia/Shanghai"; "" from older controllers

  // The hall's zone: `timezone` from this machine's tz database, or, for a
  // zone it lacks or an older controller, the fixed utc_offset_min.
  TimeZone zone() const;
  Json to_json() const;
  static Result<HallClock> from_json(const Json& j, const std::string& what = kKey);
  bool operator==(const HallClock&) const = default;
};
// The hall's zone from the /hall/clock value in a CHP map; nullopt when there
// is none or it is unreadable.
std::optional<TimeZone> hall_zone_in(const std::map<std::string, std::string>& map);

// /hall/epoch: the publisher's epoch id, new at every controller start.
struct HallEpoch {
  static constexpr char kKey[] = "/hall/epoch";
  std::string id;       // as in KVPUB's "epoch=" property
  std::string started;  // ISO time

  Json to_json() const;
  static Result<HallEpoch> from_json(const Json& j, const std::string& what = kKey);
  bool operator==(const HallEpoch&) const = default;
};

// /hall/hours: the hall's opening hours (hall.toml [[hours]]) and the whole
// holiday calendar (cases.holidays_file), published by the content service
// at start and at every import. Screens and kiosks read it with
// hall_hours_in() and ask hall::hall_state() what to show. A controller
// without it (older) or a hall without [[hours]]: always open.
//   {"week": [{"days": [1,2,3,4,5], "periods": ["09:00-12:00", "13:30-17:00"]}],
//    "holidays": ["2026-10-01", ...], "workdays": ["2026-10-10", ...], "years": [2026]}
struct HallHours {
  static constexpr char kKey[] = "/hall/hours";
  OpeningHours hours;

  Json to_json() const;
  // Checks the week as check_week_hours() does and every date.
  static Result<HallHours> from_json(const Json& j, const std::string& what = kKey);
  bool operator==(const HallHours&) const = default;
};
// The hall's hours from a CHP map; no hours (always open) when there are none
// or they are unreadable (then `problem` says why, when given).
OpeningHours hall_hours_in(const std::map<std::string, std::string>& map, std::string* problem = nullptr);

}  // namespace hall::wire

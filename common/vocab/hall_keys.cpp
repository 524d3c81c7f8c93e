#include "common/vocab/hall_keys.h"

namespace hall::wire {

Json HallInfo::to_json() const { return {{"name", name}, {"name_en", name_en}, {"logo", logo}}; }

Result<HallInfo> HallInfo::from_json(const Json& j, const std::string& what) {
  HallInfo v;
  return FieldReader(j, what).text("name", v.name).text("name_en", v.name_en).text("logo", v.logo).finish(v);
}

Json HallClock::to_json() const {
  return {{"iso", iso}, {"epoch_ms", epoch_ms}, {"utc_offset_min", utc_offset_min}, {"timezone", timezone}};
}

Result<HallClock> HallClock::from_json(const Json& j, const std::string& what) {
  HallClock v;
  return FieldReader(j, what)
      .text("iso", v.iso)
      .integer("epoch_ms", v.epoch_ms)
      .integer("utc_offset_min", v.utc_offset_min)
      .text("timezone", v.timezone)
      .finish(v);
}

TimeZone HallClock::zone() const {
  auto z = TimeZone::named(timezone);
  return z ? *z : TimeZone::fixed(std::chrono::minutes(utc_offset_min));
}

std::optional<TimeZone> hall_zone_in(const std::map<std::string, std::string>& map) {
  auto it = map.find(HallClock::kKey);
  if (it == map.end()) return std::nullopt;
  auto clock = parse_value<HallClock>(it->second, it->first);
  if (!clock) return std::nullopt;
  return clock->zone();
}

Json HallEpoch::to_json() const { return {{"id", id}, {"started", started}}; }

Result<HallEpoch> HallEpoch::from_json(const Json& j, const std::string& what) {
  HallEpoch v;
  return FieldReader(j, what).text("id", v.id).text("started", v.started).finish(v);
}

}  // namespace hall::wire

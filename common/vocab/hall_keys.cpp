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

Json HallHours::to_json() const {
  Json week = Json::array();
  for (const auto& w : hours.week) {
    Json periods = Json::array();
    for (const auto& p : w.periods) periods.push_back(to_string(p));
    week.push_back({{"days", w.days}, {"periods", periods}});
  }
  Json holidays = Json::array(), workdays = Json::array();
  for (int64_t d : hours.holidays) holidays.push_back(to_string(civil_from_days(d)));
  for (int64_t d : hours.workdays) workdays.push_back(to_string(civil_from_days(d)));
  return {{"week", week}, {"holidays", holidays}, {"workdays", workdays}, {"years", hours.calendar_years}};
}

namespace {
struct WeekEntry {
  std::vector<int> days;
  std::vector<std::string> periods;
  static Result<WeekEntry> from_json(const Json& j, const std::string& what) {
    WeekEntry v;
    return FieldReader(j, what).integers("days", v.days, Need::Required).texts("periods", v.periods, Need::Required)
        .finish(v);
  }
};

Status add_dates(const std::vector<std::string>& texts, std::set<int64_t>& out, const std::string& what) {
  for (const auto& t : texts) {
    auto d = parse_date(t);
    if (!d) return fail(what + ": " + d.error());
    out.insert(days_from_civil(*d));
  }
  return {};
}
}  // namespace

Result<HallHours> HallHours::from_json(const Json& j, const std::string& what) {
  std::vector<WeekEntry> week;
  std::vector<std::string> holidays, workdays;
  std::vector<int> years;
  bool ok = true;
  auto read = FieldReader(j, what).list("week", week).texts("holidays", holidays).texts("workdays", workdays)
                  .integers("years", years).finish(ok);
  if (!read) return read.take_error();
  HallHours v;
  for (size_t i = 0; i < week.size(); ++i) {
    WeekHours w{week[i].days, {}};
    for (const auto& p : week[i].periods) {
      auto period = parse_open_period(p);
      if (!period) return fail(what + " week entry " + std::to_string(i + 1) + ": " + period.error());
      w.periods.push_back(*period);
    }
    v.hours.week.push_back(std::move(w));
  }
  if (auto s = check_week_hours(v.hours.week); !s) return fail(what + " week " + s.error());
  if (auto s = add_dates(holidays, v.hours.holidays, what + " holidays"); !s) return s.take_error();
  if (auto s = add_dates(workdays, v.hours.workdays, what + " workdays"); !s) return s.take_error();
  v.hours.calendar_years.insert(years.begin(), years.end());
  return v;
}

OpeningHours hall_hours_in(const std::map<std::string, std::string>& map, std::string* problem) {
  auto it = map.find(HallHours::kKey);
  if (it == map.end()) return {};
  auto h = parse_value<HallHours>(it->second, it->first);
  if (!h) {
    if (problem) *problem = h.error();
    return {};
  }
  return h->hours;
}

}  // namespace hall::wire

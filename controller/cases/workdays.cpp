#include "controller/cases/workdays.h"

#include <fstream>
#include <iterator>
#include <sstream>

#include <toml++/toml.h>

#include "common/base/config.h"

namespace controller {

void WorkCalendar::add_holiday(const hall::Date& d) {
  holidays_.insert(hall::days_from_civil(d));
  years_.insert(d.year);
}

void WorkCalendar::add_workday(const hall::Date& d) {
  workdays_.insert(hall::days_from_civil(d));
  years_.insert(d.year);
}

bool WorkCalendar::is_working_day(const hall::Date& d) const {
  const int64_t n = hall::days_from_civil(d);
  if (workdays_.count(n)) return true;
  if (holidays_.count(n)) return false;
  return hall::iso_weekday(d) <= 5;
}

bool WorkCalendar::covers(const hall::Date& from, const hall::Date& to) const {
  if (years_.empty()) return true;
  for (int y = from.year; y <= to.year; ++y)
    if (!years_.count(y)) return false;
  return true;
}

std::optional<std::string> calendar_alarm(const WorkCalendar& calendar, const hall::Date& today,
                                          const std::string& file) {
  const auto& years = calendar.years();
  if (years.empty()) return std::nullopt;
  const hall::Date ahead = hall::civil_from_days(hall::days_from_civil(today) + kCalendarWarnDays);
  int missing = 0;
  for (int y = today.year; y <= ahead.year && missing == 0; ++y)
    if (!years.count(y)) missing = y;
  if (missing == 0) return std::nullopt;
  auto below = years.lower_bound(missing);
  const std::string ends = below == years.begin() ? "holidays table does not cover " + std::to_string(missing)
                                                  : "holidays table ends " + std::to_string(*std::prev(below)) +
                                                        "-12-31";
  return ends + "; add " + std::to_string(missing) + " to " + file +
         " (source: the State Council's notice 国务院办公厅关于" + std::to_string(missing) +
         "年部分节假日安排的通知; docs/operations.md). Until then deadlines there are provisional (暂定)";
}

hall::Date WorkCalendar::add_working_days(const hall::Date& start, int n) const {
  int64_t day = hall::days_from_civil(start);
  for (int left = n; left > 0;) {
    ++day;
    if (is_working_day(hall::civil_from_days(day))) --left;
  }
  return hall::civil_from_days(day);
}

int WorkCalendar::working_days_between(const hall::Date& from, const hall::Date& to) const {
  int count = 0;
  for (int64_t d = hall::days_from_civil(from) + 1, end = hall::days_from_civil(to); d <= end; ++d)
    if (is_working_day(hall::civil_from_days(d))) ++count;
  return count;
}

hall::Result<WorkCalendar> WorkCalendar::parse(const std::string& text, const std::string& source) {
  if (auto why = hall::toml_unreadable(text)) return hall::fail(source + ": " + *why);
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << source << ":" << e.source().begin.line << ": " << e.description();
    return hall::fail(msg.str());
  }
  WorkCalendar cal;
  for (const auto& [year_key, node] : root) {
    const std::string year(year_key.str());
    const auto* table = node.as_table();
    int year_n = 0;
    auto yp = hall::parse_period(year);
    if (!table || !yp || yp->kind != hall::PeriodKind::Year)
      return hall::fail(source + ": [" + year + "] should be a year table such as [2026] with holidays and workdays");
    year_n = yp->year;
    for (const auto& [key, list_node] : *table) {
      const std::string k(key.str());
      if (k != "holidays" && k != "workdays")
        return hall::fail(source + ": unknown key " + year + "." + k + "; expected holidays or workdays");
      const auto* list = list_node.as_array();
      if (!list) return hall::fail(source + ": " + year + "." + k + " should be a list of dates \"YYYY-MM-DD\"");
      for (const auto& item : *list) {
        hall::Date d;
        if (auto s = item.value<std::string>()) {
          auto parsed = hall::parse_date(*s);
          if (!parsed || s->size() != 10)
            return hall::fail(source + ": " + year + "." + k + ": " +
                              (parsed ? "'" + *s + "' should be a plain date YYYY-MM-DD" : parsed.error()));
          d = *parsed;
        } else if (auto ld = item.value<toml::date>()) {
          d = hall::Date{ld->year, ld->month, ld->day};
          if (!hall::valid_date(d)) return hall::fail(source + ": " + year + "." + k + ": a date outside 1970-9999");
        } else {
          return hall::fail(source + ": " + year + "." + k + " should hold dates \"YYYY-MM-DD\"");
        }
        if (d.year != year_n)
          return hall::fail(source + ": " + to_string(d) + " is listed under [" + year + "]; move it to [" +
                            std::to_string(d.year) + "]");
        if (k == "holidays") {
          cal.add_holiday(d);
        } else {
          if (hall::iso_weekday(d) <= 5)
            return hall::fail(source + ": " + year + ".workdays: " + to_string(d) +
                              " is a weekday already; list only weekend days that are worked (调休)");
          cal.add_workday(d);
        }
      }
    }
    cal.years_.insert(year_n);
  }
  return cal;
}

hall::Result<WorkCalendar> WorkCalendar::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return hall::fail("cannot read the holiday calendar " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path);
}

}  // namespace controller

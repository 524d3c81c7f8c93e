// Working-day deadlines over weekends, public holidays and make-up
// Saturdays/Sundays (调休), using the shipped config/holidays.toml. Dates and
// periods themselves are tested in test_time.cpp.
#include <catch2/catch.hpp>

#include "common/time/periods.h"
#include "controller/cases/workdays.h"

using namespace controller;

namespace {
hall::Date day(const char* text) { return *hall::parse_date(text); }
const WorkCalendar& calendar_2026() {
  static const WorkCalendar cal = [] {
    auto c = WorkCalendar::load(std::string(HALL_SOURCE_DIR) + "/config/holidays.toml");
    if (!c) FAIL(c.error());
    return *c;
  }();
  return cal;
}
}  // namespace

TEST_CASE("deadlines skip weekends") {
  WorkCalendar weekends_only;
  CHECK(to_string(weekends_only.add_working_days(day("2026-11-23"), 5)) == "2026-11-30");  // Mon -> Mon
  CHECK(to_string(weekends_only.add_working_days(day("2026-11-27"), 5)) == "2026-12-04");  // Fri -> Fri
  CHECK(to_string(weekends_only.add_working_days(day("2026-11-28"), 1)) == "2026-11-30");  // Sat -> Mon
  CHECK(to_string(weekends_only.add_working_days(day("2026-11-27"), 0)) == "2026-11-27");
  CHECK(weekends_only.working_days_between(day("2026-11-27"), day("2026-12-04")) == 5);
}

TEST_CASE("deadlines skip public holidays and count make-up working days") {
  const auto& cal = calendar_2026();
  CHECK(cal.years().count(2026));
  CHECK_FALSE(cal.is_working_day(day("2026-10-01")));
  CHECK(cal.is_working_day(day("2026-10-10")));  // Saturday, 调休
  CHECK(cal.is_working_day(day("2026-01-04")));  // Sunday, 调休
  // National Day: 1-7 Oct off, Saturday 10 Oct worked.
  CHECK(to_string(cal.add_working_days(day("2026-09-30"), 5)) == "2026-10-13");
  // Sunday 20 Sep is worked: Thu 17, Fri 18, Sun 20, Mon 21, Tue 22.
  CHECK(to_string(cal.add_working_days(day("2026-09-16"), 5)) == "2026-09-22");
  // Spring Festival: Sat 14 Feb worked, 15-23 Feb off.
  CHECK(to_string(cal.add_working_days(day("2026-02-13"), 5)) == "2026-02-27");
  CHECK(to_string(cal.add_working_days(day("2026-02-13"), 6)) == "2026-02-28");  // a make-up Saturday
  // Labour Day: 1-5 May off, Sat 9 May worked.
  CHECK(to_string(cal.add_working_days(day("2026-04-30"), 5)) == "2026-05-11");
  // Past the end of the file only weekends count (2027 is not listed yet).
  CHECK(to_string(cal.add_working_days(day("2026-12-31"), 5)) == "2027-01-07");
}

TEST_CASE("a bad holiday file is refused naming the problem") {
  CHECK_THAT(WorkCalendar::parse("[2026]\nholidays = [\"2026-13-01\"]").error(), Catch::Contains("2026-13-01"));
  CHECK_THAT(WorkCalendar::parse("[2026]\nholiday = []").error(), Catch::Contains("unknown key 2026.holiday"));
  CHECK_THAT(WorkCalendar::parse("[2026]\nholidays = [\"2027-01-01\"]").error(), Catch::Contains("move it to [2027]"));
  CHECK_THAT(WorkCalendar::parse("[2026]\nworkdays = [\"2026-11-27\"]").error(), Catch::Contains("weekday already"));
  CHECK_THAT(WorkCalendar::parse("[2026\n").error(), Catch::Contains("holidays:"));
  CHECK_THAT(WorkCalendar::load("/nonexistent/holidays.toml").error(), Catch::Contains("cannot read"));
  auto native = WorkCalendar::parse("[2027]\nholidays = [2027-01-01]");
  REQUIRE(native.ok());
  CHECK_FALSE(native->is_working_day(day("2027-01-01")));
}

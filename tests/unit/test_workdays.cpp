// Working-day deadlines over weekends, public holidays and make-up
// Saturdays/Sundays (调休), using the shipped config/holidays.toml. Dates and
// periods themselves are tested in test_time.cpp.
#include <catch2/catch.hpp>

#include <fstream>

#include "common/base/config.h"
#include "common/time/periods.h"
#include "controller/cases/cases.h"
#include "controller/cases/cases_service.h"
#include "controller/cases/workdays.h"
#include "controller/settings.h"
#include "process.h"

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

TEST_CASE("the table covers its years; a deadline past its end is provisional") {
  const auto& cal = calendar_2026();
  CHECK(cal.covers(day("2026-01-01"), day("2026-12-31")));
  CHECK_FALSE(cal.covers(day("2026-12-25"), day("2027-01-04")));
  CHECK_FALSE(cal.covers(day("2025-12-31"), day("2026-01-05")));
  CHECK(WorkCalendar{}.covers(day("2026-12-25"), day("2027-01-04")));  // weekends only, by choice

  // Opened on Friday 25 December: 28, 29, 30, 31 December and Friday
  // 1 January, 元旦 in every year but not known for 2027: 暂定.
  Case c;
  c.opened_at = "2026-12-25T10:00:00+08:00";
  c.deadline = cal.add_working_days(day("2026-12-25"), 5);
  CHECK(to_string(c.deadline) == "2027-01-01");
  mark_provisional(c, cal);
  CHECK(c.deadline_provisional);
  c.opened_at = "2026-12-01T10:00:00+08:00";
  c.deadline = cal.add_working_days(day("2026-12-01"), 5);
  mark_provisional(c, cal);
  CHECK_FALSE(c.deadline_provisional);
  mark_provisional(c, WorkCalendar{});
  CHECK_FALSE(c.deadline_provisional);
}

TEST_CASE("the holiday table raises an alarm a month before it runs out") {
  const auto& cal = calendar_2026();
  CHECK_FALSE(calendar_alarm(cal, day("2026-12-01"), "h.toml"));  // + 30 days: 31 December
  auto alarm = calendar_alarm(cal, day("2026-12-02"), "/etc/hall/holidays.toml");
  REQUIRE(alarm);
  CHECK_THAT(*alarm, Catch::StartsWith("holidays table ends 2026-12-31; add 2027 to /etc/hall/holidays.toml") &&
                         Catch::Contains("国务院办公厅关于2027年部分节假日安排的通知"));
  CHECK_THAT(*calendar_alarm(cal, day("2027-03-01"), "h.toml"), Catch::Contains("add 2027"));
  auto only_2027 = WorkCalendar::parse("[2027]\nholidays = [\"2027-01-01\"]");
  REQUIRE(only_2027.ok());
  CHECK_THAT(*calendar_alarm(*only_2027, day("2026-06-01"), "h.toml"),
             Catch::StartsWith("holidays table does not cover 2026; add 2026"));
  CHECK_FALSE(calendar_alarm(WorkCalendar{}, day("2026-12-31"), ""));
}

TEST_CASE("cases.holidays_file is read beside controller.toml; a missing file is an error naming the path") {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "etc");
  const std::string toml = (dir.path() / "etc" / "controller.toml").string();
  std::ofstream(toml) << "[cases]\nholidays_file = \"holidays.toml\"\n";
  auto config = hall::Config::load(controller::schema(), toml, {});
  REQUIRE(config.ok());
  const CaseSettings s = case_settings_from(*config);
  CHECK(s.holidays_file == (dir.path() / "etc" / "holidays.toml").string());
  CHECK(config->beside_file("/srv/h.toml") == "/srv/h.toml");
  CHECK(config->beside_file("../h.toml") == (dir.path() / "h.toml").string());
  CHECK(config->beside_file("").empty());
  auto defaults = hall::Config::load(controller::schema(), "", {});
  REQUIRE(defaults.ok());
  CHECK(defaults->beside_file("holidays.toml") == "holidays.toml");  // no file: the current directory

  auto missing = load_calendar(s);
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.error(), Catch::Contains("there is no holiday calendar at " + s.holidays_file) &&
                                  Catch::Contains("or to \"\" to count weekends only"));
  std::ofstream(s.holidays_file) << "[2026]\nholidays = [\"2026-02-30\"]\n";
  auto bad = load_calendar(s);
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.error(), Catch::Contains(s.holidays_file) && Catch::Contains("2026-02-30"));
  std::ofstream(s.holidays_file) << "[2026]\nholidays = [\"2026-10-01\"]\n";
  auto good = load_calendar(s);
  REQUIRE(good.ok());
  CHECK_FALSE((*good)->is_working_day(day("2026-10-01")));
  auto none = load_calendar(CaseSettings{});
  REQUIRE(none.ok());
  CHECK((*none)->years().empty());
}

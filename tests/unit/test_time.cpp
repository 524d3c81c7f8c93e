// The clock module (common/time/): reading ISO 8601 times with offsets and
// fractional seconds, writing them back, civil dates and ranking periods, and
// hall time: every local date and hour in the hall's zone, whatever the
// machine's TZ, from the system's tz database.
#include <catch2/catch.hpp>

#include "common/time/clock.h"
#include "common/time/iso8601.h"
#include "common/time/opening_hours.h"
#include "common/time/periods.h"
#include "common/time/zone.h"
#include "time_zones.h"

using namespace hall;

namespace {
Date D(const char* text) { return *parse_date(text); }
}  // namespace

TEST_CASE("ISO times with offsets parse to the same instant") {
  auto a = parse_iso_ms("2026-11-27T09:30:00+08:00");
  auto b = parse_iso_ms("2026-11-27T01:30:00Z");
  auto c = parse_iso_ms("2026-11-27T01:30:00.250+00:00");
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(c);
  CHECK(*a == *b);
  CHECK(*c == *b + 250);
  CHECK(*b == 1795743000000);
  CHECK(*parse_iso_ms("2026-11-27 09:30:00+08:00") == *b);  // a space for the T
  CHECK_FALSE(parse_iso_ms("2026-11-27T09:30:00"));  // no offset: ambiguous
  CHECK_FALSE(parse_iso_ms("yesterday"));
  CHECK_FALSE(parse_iso_ms("2026-02-30T09:30:00Z"));
  CHECK_FALSE(parse_iso_ms("2026-11-27T09:30:00+08:00 trailing"));
}

TEST_CASE("the offset counts after fractional seconds, and negative offsets") {
  const int64_t utc = *parse_iso_ms("2026-11-27T01:30:00Z");
  CHECK(*parse_iso_ms("2026-11-27T09:30:00.5+08:00") == utc + 500);
  CHECK(*parse_iso_ms("2026-11-27T09:30:00.123456789+08:00") == utc + 123);  // below a ms is dropped
  CHECK(*parse_iso_ms("2026-11-26T20:30:00-05:00") == utc);
  CHECK(*parse_iso_ms("2026-11-26T20:30:00.250-05:00") == utc + 250);
  CHECK(*parse_iso_ms("2026-11-26T22:00:00-03:30") == utc);
  CHECK(*parse_iso_ms("2026-11-27T01:30:00.000Z") == utc);
  auto t = parse_iso_time("2026-11-27T09:30:00.750+08:00");
  REQUIRE(t.ok());
  CHECK(epoch_ms(*t) == utc + 750);
  auto parts = parse_iso8601("2026-11-27T09:30:00.750-08:00");
  REQUIRE(parts.ok());
  CHECK(parts->utc_offset == std::chrono::minutes{-480});
  CHECK(parts->time_of_day == std::chrono::milliseconds{(9 * 3600 + 30 * 60) * 1000 + 750});
}

TEST_CASE("leap days are days only in leap years") {
  CHECK(parse_iso_ms("2024-02-29T12:00:00Z").ok());
  CHECK(parse_iso_ms("2000-02-29T12:00:00Z").ok());  // divisible by 400
  CHECK_FALSE(parse_iso_ms("2026-02-29T12:00:00Z").ok());
  CHECK_FALSE(parse_iso_ms("1900-02-29T12:00:00Z").ok());  // divisible by 100
  CHECK_THAT(parse_iso_ms("2026-02-29T12:00:00Z").error(), Catch::Contains("not a day of the calendar"));
  CHECK(*parse_iso_ms("2024-03-01T00:00:00Z") - *parse_iso_ms("2024-02-29T00:00:00Z") == 86400000);
  CHECK(parse_date("2024-02-29").ok());
  CHECK(parse_date("2000-02-29").ok());
  CHECK_FALSE(parse_date("2026-02-29").ok());
  CHECK_FALSE(parse_date("1900-02-29").ok());  // and before 1970 anyway
}

TEST_CASE("malformed times are refused with a message saying what is wrong") {
  struct Bad {
    const char* text;
    const char* why;
  };
  for (const Bad& bad : {Bad{"", "is not a time"}, Bad{"yesterday", "is not a time"},
                         Bad{"2026-11-27", "is not a time"}, Bad{"2026-11-27T09:30:00", "no UTC offset"},
                         Bad{"2026-11-27T09:30+08:00", "no seconds"}, Bad{"2026-13-01T09:30:00Z", "month 13"},
                         Bad{"2026-00-01T09:30:00Z", "month 00"}, Bad{"2026-11-31T09:30:00Z", "not a day"},
                         Bad{"2026-11-00T09:30:00Z", "not a day"}, Bad{"2026-11-27T24:00:00Z", "time of day"},
                         Bad{"2026-11-27T09:60:00Z", "time of day"}, Bad{"2026-11-27T09:30:61Z", "time of day"},
                         Bad{"2026-11-27T09:30:00+8", "UTC offset"}, Bad{"2026-11-27T09:30:00+0800", "UTC offset"},
                         Bad{"2026-11-27T09:30:00+15:00", "UTC offset"}, Bad{"2026-11-27T09:30:00.+08:00", "'.'"},
                         Bad{"2026-11-27T09:30:00Zjunk", "after the time"},
                         Bad{"2026-11-27T09:30:00+08:00 trailing", "after the time"},
                         Bad{"2026-11-27x09:30:00Z", "is not a time"}, Bad{"26-11-27T09:30:00Z", "is not a time"}}) {
    INFO(bad.text);
    auto t = parse_iso_ms(bad.text);
    REQUIRE_FALSE(t.ok());
    CHECK_THAT(t.error(), Catch::Contains(bad.why));
    CHECK_THAT(t.error(), Catch::Contains("write e.g. 2026-11-27T09:30:00+08:00"));
    CHECK_FALSE(parse_iso_time(bad.text).ok());
  }
}

TEST_CASE("a form may leave out seconds and the offset") {
  const IsoForm loose{.seconds_optional = true, .offset_optional = true};
  auto t = parse_iso8601("2026-11-27 18:00", loose);
  REQUIRE(t.ok());
  CHECK_FALSE(t->utc_offset);
  CHECK(t->time_of_day == std::chrono::hours{18});
  auto z = parse_iso8601("2026-11-27T10:00Z", loose);
  REQUIRE(z.ok());
  CHECK(z->utc_offset == std::chrono::minutes{0});
  CHECK_FALSE(parse_iso8601("2026-11-27T10:00.5Z", loose).ok());  // a fraction needs seconds
  CHECK_FALSE(parse_iso8601("2026-11-27T18:00+8", loose).ok());
}

TEST_CASE("a written time reads back as the same instant") {
  for (int64_t ms : {int64_t{0}, int64_t{1795743000000}, int64_t{1709208000000} /* 2024-02-29 */,
                     int64_t{951782400000} /* 2000-02-29 */, int64_t{4102444799000}}) {
    INFO(ms);
    CHECK(*parse_iso_ms(iso_from_ms(ms)) == ms);
    CHECK(epoch_ms(*parse_iso_time(iso_time(SystemTime(std::chrono::milliseconds(ms))))) == ms);
  }
  const auto now = std::chrono::system_clock::now();
  CHECK(*parse_iso_ms(iso_time(now)) == epoch_ms(now) / 1000 * 1000);  // iso_time writes whole seconds
}

TEST_CASE("local dates and times convert to instants and back") {
  using namespace std::chrono;
  const auto now = SystemTime(seconds(1795752000));  // 2026-11-27T04:00:00Z
  const local_days today = local_day(now);
  const local_time<milliseconds> noon_local = today + hours{12};
  const SystemTime t = from_local(noon_local);
  CHECK(iso_time(t).substr(0, 19) == to_string(to_date(year_month_day{today})) + "T12:00:00");
  CHECK(from_local(today + hours{24}) == from_local(today + days{1}));
  CHECK(from_local(today + hours{12} + milliseconds{250}) - t == milliseconds{250});
}

TEST_CASE("periods parse, print and contain their days") {
  auto m = parse_period("2026-11");
  REQUIRE(m.ok());
  CHECK(m->kind == PeriodKind::Month);
  CHECK(to_string(*m) == "2026-11");
  CHECK(label_zh(*m) == "2026年11月");
  CHECK(to_string(first_day(*m)) == "2026-11-01");
  CHECK(to_string(last_day(*m)) == "2026-11-30");
  auto q = parse_period("2026-q4");
  REQUIRE(q.ok());
  CHECK(q->kind == PeriodKind::Quarter);
  CHECK(to_string(*q) == "2026-Q4");
  CHECK(to_string(first_day(*q)) == "2026-10-01");
  CHECK(to_string(last_day(*q)) == "2026-12-31");
  CHECK(label_zh(*q) == "2026年第4季度");
  CHECK(to_string(last_day(*parse_period("2026-Q1"))) == "2026-03-31");
  auto y = parse_period("2026");
  REQUIRE(y.ok());
  CHECK(y->kind == PeriodKind::Year);
  CHECK(to_string(*y) == "2026");
  CHECK(label_zh(*y) == "2026年");
  CHECK(to_string(first_day(*y)) == "2026-01-01");
  CHECK(to_string(last_day(*y)) == "2026-12-31");
  CHECK(contains(*q, D("2026-12-31")));
  CHECK(contains(*q, D("2026-10-01")));
  CHECK_FALSE(contains(*q, D("2026-09-30")));
  CHECK(contains(*m, D("2026-11-30")));
  CHECK_FALSE(contains(*m, D("2026-12-01")));
  CHECK_FALSE(contains(*y, D("2027-01-01")));
  CHECK(to_string(last_day(*parse_period("2028-02"))) == "2028-02-29");
  CHECK(to_string(last_day(*parse_period("2026-02"))) == "2026-02-28");
  CHECK(to_string(last_day(*parse_period("2100-02"))) == "2100-02-28");
  CHECK(period_of(D("2026-11-27"), PeriodKind::Quarter) == *q);
  CHECK(period_of(D("2026-11-27"), PeriodKind::Month) == *m);
  CHECK(period_of(D("2026-11-27"), PeriodKind::Year) == *y);
}

TEST_CASE("period codes are unique over the kinds and read back") {
  CHECK(period_code(*parse_period("2026-11")) == 202611);
  CHECK(period_code(*parse_period("2026-Q4")) == 202644);
  CHECK(period_code(*parse_period("2026-Q1")) == 202641);
  CHECK(period_code(*parse_period("2026")) == 202600);
  for (const char* p : {"2026-11", "2026-01", "2026-12", "2026-Q1", "2026-Q4", "2026"})
    CHECK(period_from_code(period_code(*parse_period(p))) == *parse_period(p));
}

TEST_CASE("bad periods and dates are refused with the expected form") {
  for (const char* bad : {"2026-13", "2026-Q5", "26-11", "2026-1", "2026/11", "", "2026-11'; DROP TABLE x;--"}) {
    auto p = parse_period(bad);
    CHECK_FALSE(p.ok());
    CHECK_THAT(p.error(), Catch::Contains("2026-Q4"));
  }
  CHECK_FALSE(parse_date("2026-02-29").ok());
  CHECK_THAT(parse_date("2026-02-29").error(), Catch::Contains("not a day of the calendar"));
  CHECK_THAT(parse_date("27.11.2026").error(), Catch::Contains("YYYY-MM-DD"));
  CHECK_THAT(parse_date("").error(), Catch::Contains("YYYY-MM-DD"));
  CHECK_FALSE(parse_date("2026-11-27x").ok());
  CHECK(parse_date("2026-11-27T09:30:00").ok());
  CHECK(parse_date("2026-11-27 09:30").ok());
}

TEST_CASE("civil day arithmetic and weekdays") {
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(days_from_civil({2026, 11, 27}) == 20784);
  CHECK(civil_from_days(days_from_civil({2026, 11, 27})) == Date{2026, 11, 27});
  CHECK(civil_from_days(days_from_civil({2024, 2, 29}) + 1) == Date{2024, 3, 1});
  CHECK(civil_from_days(days_from_civil({2026, 11, 1}) - 1) == Date{2026, 10, 31});
  CHECK(iso_weekday(D("2026-11-27")) == 5);  // Friday
  CHECK(iso_weekday(D("2026-11-29")) == 7);
  CHECK(iso_weekday(D("2026-11-30")) == 1);
  CHECK(valid_date({2024, 2, 29}));
  CHECK_FALSE(valid_date({2026, 2, 29}));
  CHECK_FALSE(valid_date({1969, 12, 31}));
  CHECK_FALSE(valid_date({2026, 13, 1}));
  CHECK_FALSE(valid_date({2026, 1, 0}));
}

// ---- hall time ----

namespace {
SystemTime utc(const char* iso) { return *parse_iso_time(iso); }
}  // namespace

TEST_CASE("hall time is the hall's zone, not the machine's") {
  for (const char* machine : {"UTC", "America/New_York", "Asia/Shanghai"}) {
    INFO("TZ=" << machine);
    testing::MachineZoneScope tz(machine);
    testing::HallZoneScope hall("Asia/Shanghai");
    // 07:30 on 1 December in the hall is still 30 November in UTC and New York.
    const SystemTime t = utc("2026-11-30T23:30:00Z");
    CHECK(iso_time(t) == "2026-12-01T07:30:00+08:00");
    CHECK(utc_offset_minutes(t) == 480);
    CHECK(hall_date(t) == D("2026-12-01"));
    CHECK(*hall_date_of("2026-11-30T23:30:00Z") == D("2026-12-01"));
    CHECK(*hall_date_of("2026-11-30T18:30:00-05:00") == D("2026-12-01"));
    CHECK(*hall_date_of("2026-11-30T23:30:00") == D("2026-11-30"));  // no offset: hall time as written
    CHECK(day_start(D("2026-12-01")) == utc("2026-11-30T16:00:00Z"));
    CHECK(from_local(std::chrono::local_days{std::chrono::year{2026} / 12 / 1} + std::chrono::hours{7} +
                     std::chrono::minutes{30}) == t);
    CHECK(display_time(t, hall_zone()) == "2026-12-01 07:30 (+08:00)");
  }
}

TEST_CASE("Berlin's daylight-saving changes come from the tz database") {
  using namespace std::chrono;
  testing::MachineZoneScope tz("Asia/Shanghai");
  testing::HallZoneScope hall("Europe/Berlin");
  CHECK(iso_time(utc("2026-03-28T08:00:00Z")) == "2026-03-28T09:00:00+01:00");
  CHECK(iso_time(utc("2026-03-30T08:00:00Z")) == "2026-03-30T10:00:00+02:00");
  CHECK(day_start(D("2026-03-29")) == utc("2026-03-28T23:00:00Z"));
  CHECK(day_start(D("2026-03-30")) == utc("2026-03-29T22:00:00Z"));  // the 29th has 23 hours
  const local_days spring = local_days{year{2026} / 3 / 29}, autumn = local_days{year{2026} / 10 / 25};
  // 02:30 does not exist on 29 March: read with the winter offset, it is 03:30 summer time.
  CHECK(iso_time(from_local(spring + hours{2} + minutes{30})) == "2026-03-29T03:30:00+02:00");
  // 02:30 comes twice on 25 October: the first.
  CHECK(iso_time(from_local(autumn + hours{2} + minutes{30})) == "2026-10-25T02:30:00+02:00");
  CHECK(iso_time(from_local(autumn + hours{3})) == "2026-10-25T03:00:00+01:00");
  CHECK(hall_date(utc("2026-10-24T22:30:00Z")) == D("2026-10-25"));
}

TEST_CASE("an unknown zone name is an error that names it and says what to write") {
  auto z = TimeZone::named("Asia/Shangai");
  REQUIRE_FALSE(z.ok());
  CHECK_THAT(z.error(), Catch::Contains("unknown time zone 'Asia/Shangai'") && Catch::Contains("Asia/Shanghai"));
  CHECK_FALSE(TimeZone::named("").ok());
  CHECK(TimeZone{}.name() == "Asia/Shanghai");
  CHECK(TimeZone::named("America/New_York")->offset(utc("2026-07-01T12:00:00Z")) == std::chrono::minutes{-240});
  const TimeZone fixed = TimeZone::fixed(std::chrono::minutes{-330});
  CHECK(fixed.name() == "-05:30");
  CHECK(iso_time(utc("2026-12-01T12:00:00Z"), fixed) == "2026-12-01T06:30:00-05:30");
  CHECK(fixed.from_local(fixed.to_local(utc("2026-12-01T12:00:00Z"))) == utc("2026-12-01T12:00:00Z"));
}

TEST_CASE("parse_iso_ms refuses years a clock time cannot hold (found by fuzzing the queue feed)") {
  CHECK(hall::parse_iso_ms("2026-11-27T09:05:12+08:00").ok());
  auto old = hall::parse_iso_ms("1013-11-27T09:05:12+08:00");
  REQUIRE_FALSE(old.ok());
  CHECK(old.error().find("1678-2261") != std::string::npos);
  CHECK_FALSE(hall::parse_iso_ms("9999-12-31T23:59:59Z").ok());
}

// Opening hours (common/time/opening_hours.h): periods, the week's rules and
// the hall's state through a day.
TEST_CASE("opening periods parse as HH:MM-HH:MM and the week's rules hold") {
  CHECK(*hall::parse_open_period("09:00-12:00") == hall::OpenPeriod{540, 720});
  CHECK(*hall::parse_open_period("00:00-24:00") == hall::OpenPeriod{0, 1440});
  for (const char* bad : {"9:00-12:00", "09:00", "09:00-25:00", "12:00-09:00", "12:00-12:00", "09:60-10:00", "a"})
    CHECK_FALSE(hall::parse_open_period(bad).ok());
  CHECK(hall::to_string(hall::OpenPeriod{510, 1050}) == "08:30-17:30");
  CHECK(hall::check_week_hours({{{1, 2}, {{540, 720}, {810, 1020}}}}).ok());
  CHECK_THAT(hall::check_week_hours({{{1}, {{540, 720}, {700, 1020}}}}).error(),
             Catch::Contains("\"11:40-17:00\" starts before \"09:00-12:00\" ends"));
  CHECK_THAT(hall::check_week_hours({{{0}, {{540, 720}}}}).error(), Catch::Contains("0 is not a weekday"));
  CHECK_THAT(hall::check_week_hours({{{1}, {}}}).error(), Catch::Contains("periods: give at least one"));
}

TEST_CASE("the hall's state through a day, a weekend, a holiday and a make-up working day") {
  hall::OpeningHours h;
  CHECK(hall::hall_state(h, {2026, 10, 1}, 600).open());  // no hours: always open
  CHECK(hall::hall_state(h, {2026, 10, 1}, 600).text.empty());
  h.week = {{{1, 2, 3, 4, 5}, {{540, 720}, {810, 1020}}}};
  h.holidays = {hall::days_from_civil({2026, 10, 1}), hall::days_from_civil({2026, 10, 2})};
  h.workdays = {hall::days_from_civil({2026, 10, 10})};
  const hall::Date fri{2026, 11, 27};
  CHECK(hall::hall_state(h, fri, 539).text == "未到办理时间 今日 09:00 开始办理");
  CHECK(hall::hall_state(h, fri, 540).kind == hall::HallStateKind::Open);
  CHECK(hall::hall_state(h, fri, 540).text == "办理中 至 12:00");
  CHECK(hall::hall_state(h, fri, 720).kind == hall::HallStateKind::Lunch);
  CHECK(hall::hall_state(h, fri, 800).text == "午间休息 13:30 恢复办理");
  CHECK(hall::hall_state(h, fri, 1020).text == "已下班 周一 09:00 开始办理");
  CHECK(hall::hall_state(h, {2026, 11, 28}, 600).text == "今日休息 周一 09:00 开始办理");
  CHECK(hall::hall_state(h, {2026, 9, 30}, 1100).text == "已下班 周一 09:00 开始办理");  // 1-2 Oct off, then the weekend
  CHECK(hall::hall_state(h, {2026, 10, 1}, 600).kind == hall::HallStateKind::Holiday);
  CHECK(hall::hall_state(h, {2026, 10, 10}, 600).open());  // 调休 Saturday: Monday's hours
  CHECK(hall::hall_state(h, {2026, 10, 10}, 750).text == "午间休息 13:30 恢复办理");
}

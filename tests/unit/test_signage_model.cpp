// The signage model, fed CHP maps directly.
#include <catch2/catch.hpp>

#include "signage/screen/model.h"

#include <fstream>
#include <set>

#include "common/base/glyphs.h"
#include "common/time/iso8601.h"
#include "time_zones.h"

using namespace std::chrono_literals;

TEST_CASE("the model reads the hall name from /hall/info") {
  signage::Model m;
  CHECK_FALSE(m.has_content());
  m.apply({{"/hall/info", R"({"name":"朝阳区政务服务中心","name_en":"Chaoyang Service Center"})"}},
          std::chrono::system_clock::now());
  CHECK(m.has_content());
  CHECK(m.hall_name() == "朝阳区政务服务中心");
  CHECK(m.hall_name_en() == "Chaoyang Service Center");
  CHECK(m.glyph_text().find("朝阳区") != std::string::npos);
}

TEST_CASE("bad values are ignored, keeping what was shown") {
  signage::Model m;
  m.apply({{"/hall/info", R"({"name":"甲"})"}}, std::chrono::system_clock::now());
  m.apply({{"/hall/info", "not json"}}, std::chrono::system_clock::now());
  CHECK(m.hall_name() == "甲");
  m.apply({{"/hall/info", "[1,2]"}}, std::chrono::system_clock::now());
  CHECK(m.hall_name() == "甲");
}

TEST_CASE("the clock follows the controller's time and zone") {
  signage::Model m;
  // Controller says 2026-11-27 09:30:00 at +08:00 (01:30:00 UTC), and the
  // local clock is 90 s behind it.
  const int64_t controller_ms = 1795743000000;  // 2026-11-27T01:30:00Z
  const auto local = std::chrono::system_clock::time_point(std::chrono::milliseconds(controller_ms - 90000));
  m.apply({{"/hall/clock",
            R"({"iso":"2026-11-27T09:30:00+08:00","epoch_ms":1795743000000,"utc_offset_min":480})"}},
          local);
  CHECK(m.clock_text(local) == "09:30:00");
  CHECK(m.clock_text(local + 65s) == "09:31:05");
  CHECK(m.date_text(local) == "2026年11月27日 星期五");
  // Another key changing later must not disturb the clock.
  m.apply({{"/hall/clock",
            R"({"iso":"2026-11-27T09:30:00+08:00","epoch_ms":1795743000000,"utc_offset_min":480})"},
           {"/hall/info", R"({"name":"乙"})"}},
          local + 30s);
  CHECK(m.clock_text(local + 65s) == "09:31:05");
}

// ---- boards, playlist, paging, ticker, urgent: fed the sample hall ----
#include "sample_hall.h"

namespace {
// 2026-11-27 is a Friday. Hall time = UTC+8 (the sample /hall/clock says so);
// the sample's clock reading is taken as received "now", so no skew.
hall::SystemTime hall_time(int day, int hour, int minute, int second = 0) {
  // 2026-11-<day> hh:mm:ss +08:00
  const int64_t base = 1795743000;  // 2026-11-27T01:30:00Z = 09:30 hall time
  const int64_t t = base + (day - 27) * 86400 + (hour - 9) * 3600 + (minute - 30) * 60 + second;
  return hall::SystemTime(std::chrono::seconds(t));
}

signage::Model sample_model(const testing::SampleOptions& o = {}) {
  signage::Model m(o.group);
  m.apply(testing::sample_hall_map(o), hall_time(27, 9, 30));
  return m;
}
}  // namespace

TEST_CASE("the sample hall parses into boards without problems") {
  auto m = sample_model();
  const auto& c = m.content();
  CHECK(c.problems.empty());
  CHECK(c.windows.size() == 8);
  CHECK(c.staff.size() == 20);
  CHECK(c.standards.size() == 15);
  CHECK(c.pledges.front().scope == "unit");
  CHECK(c.tickers.size() == 3);
  CHECK(c.calls.front().ticket == "A023");
  CHECK(c.rankings.present);
  CHECK(c.playlist.present);
  CHECK(c.playlist.boards.size() == 5);
  CHECK(c.staff.front().window == 1);   // sorted by window
  CHECK(c.staff.back().window == 0);    // unassigned last
  const auto glyphs = m.glyph_text();
  for (const char* s : {"社会保障卡申领", "王芳", "党员先锋岗", "我们的服务承诺", "综合得分", "请"})
    CHECK(glyphs.find(s) != std::string::npos);
}

TEST_CASE("the playlist rotates by the hall clock inside opening hours") {
  auto m = sample_model();
  // Cycle: standards 30, identity 20, pledges 15, rankings 15, queue 20 = 100 s,
  // aligned to hall-local seconds since 1970.
  const auto t0 = hall_time(27, 10, 0);
  const int64_t pos = m.hall_seconds(t0) % 100;
  const auto cycle_start = t0 - std::chrono::seconds(pos);
  CHECK(m.current(cycle_start).board == "standards");
  CHECK(m.current(cycle_start + std::chrono::seconds(29)).board == "standards");
  CHECK(m.current(cycle_start + std::chrono::seconds(30)).board == "identity");
  CHECK(m.current(cycle_start + std::chrono::seconds(50)).board == "pledges");
  CHECK(m.current(cycle_start + std::chrono::seconds(65)).board == "rankings");
  CHECK(m.current(cycle_start + std::chrono::seconds(80)).board == "queue");
  CHECK(m.current(cycle_start + std::chrono::seconds(100)).board == "standards");
  CHECK(m.current(cycle_start + std::chrono::seconds(31)).seconds == 20);
  CHECK_FALSE(m.current(cycle_start).outside_hours);
}

TEST_CASE("outside opening hours and on closed days the outside board shows") {
  auto m = sample_model();
  CHECK(m.current(hall_time(27, 8, 29)).outside_hours);        // before 08:30
  CHECK(m.current(hall_time(27, 8, 29)).board == "pledges");
  CHECK_FALSE(m.current(hall_time(27, 8, 30)).outside_hours);  // opens at 08:30
  CHECK(m.current(hall_time(27, 17, 30)).outside_hours);       // closes at 17:30
  CHECK(m.current(hall_time(28, 10, 0)).outside_hours);        // Saturday
  CHECK(m.current(hall_time(28, 10, 0)).board == "pledges");
  CHECK_FALSE(m.current(hall_time(30, 10, 0)).outside_hours);  // Monday
}

TEST_CASE("without a playlist every board shows, and a pinned board stays") {
  signage::Model m("nogroup");
  m.apply(testing::sample_hall_map({}), hall_time(27, 9, 30));
  CHECK_FALSE(m.content().playlist.present);
  std::set<std::string> seen;
  for (int s = 0; s < 100; s += 5) seen.insert(m.current(hall_time(27, 10, 0, 0) + std::chrono::seconds(s)).board);
  CHECK(seen.size() == 5);
  m.pin_board("queue");
  CHECK(m.current(hall_time(27, 23, 0)).board == "queue");
  CHECK(m.current(hall_time(27, 23, 0)).pinned);
}

TEST_CASE("a bad playlist is reported and the rest still shows") {
  auto map = testing::sample_hall_map({});
  map["/groups/lobby/playlist"] =
      R"({"boards":[{"board":"weather","seconds":10},{"board":"queue","seconds":1}],"hours":{"open":"8:30","close":"17:30"}})";
  map["/content/staff/bad"] = "[1,2,3]";
  signage::Model m("lobby");
  m.apply(map, hall_time(27, 9, 30));
  const auto& p = m.content().problems;
  REQUIRE(p.size() == 3);
  CHECK_THAT(p[0] + p[1] + p[2], Catch::Contains("unknown board \"weather\""));
  CHECK_THAT(p[0] + p[1] + p[2], Catch::Contains("HH:MM"));
  CHECK_THAT(p[0] + p[1] + p[2], Catch::Contains("/content/staff/bad"));
  CHECK(m.current(hall_time(27, 3, 0)).board == "queue");  // hours ignored, seconds clamped
  CHECK(m.content().playlist.boards.front().seconds == 3);
  CHECK(m.content().staff.size() == 20);
}

TEST_CASE("pages turn with the clock and wrap around") {
  auto m = sample_model();
  const auto t = hall_time(27, 10, 0);
  const int64_t base = m.hall_seconds(t);
  const auto start = t - std::chrono::seconds(base % 30);  // a page boundary for 10 s pages, 3 pages
  const int p0 = m.page(3, 10, start);
  CHECK(m.page(3, 10, start + std::chrono::seconds(9)) == p0);
  CHECK(m.page(3, 10, start + std::chrono::seconds(10)) == (p0 + 1) % 3);
  CHECK(m.page(3, 10, start + std::chrono::seconds(30)) == p0);
  CHECK(m.page(1, 10, start) == 0);
  CHECK(m.page(0, 10, start) == 0);
}

TEST_CASE("the ticker joins current notices and drops expired ones") {
  auto map = testing::sample_hall_map({});
  map["/notices/ticker/t4"] = R"({"id":"t4","text":"昨日通知","until":"2026-11-26T18:00:00+08:00"})";
  map["/notices/ticker/t5"] = R"({"id":"t5","text":"今日通知","until":"2026-11-27T18:00:00+08:00"})";
  signage::Model m("lobby");
  m.apply(map, hall_time(27, 9, 30));
  const auto text = m.ticker_text(hall_time(27, 9, 31));
  CHECK_THAT(text, Catch::Contains("本中心工作时间"));
  CHECK_THAT(text, Catch::Contains("今日通知"));
  CHECK(text.find("昨日通知") == std::string::npos);
  CHECK(m.ticker_text(hall_time(27, 18, 1)).find("今日通知") == std::string::npos);
  signage::Model empty("lobby");
  empty.apply(testing::sample_hall_map({.tickers = false}), hall_time(27, 9, 30));
  CHECK(empty.ticker_text(hall_time(27, 9, 31)).empty());
}

TEST_CASE("a notice's end keeps its offset after fractional seconds") {
  auto map = testing::sample_hall_map({.tickers = false});
  // Both end at 10:00 hall time (02:00 UTC); the first used to be read as 10:00 UTC.
  map["/notices/ticker/t6"] = R"({"id":"t6","text":"小数秒通知","until":"2026-11-27T10:00:00.500+08:00"})";
  map["/notices/ticker/t7"] = R"({"id":"t7","text":"西五区通知","until":"2026-11-26T21:00:00-05:00"})";
  signage::Model m("lobby");
  m.apply(map, hall_time(27, 9, 30));
  const auto before = m.ticker_text(hall_time(27, 9, 59));
  CHECK_THAT(before, Catch::Contains("小数秒通知"));
  CHECK_THAT(before, Catch::Contains("西五区通知"));
  CHECK(m.ticker_text(hall_time(27, 10, 1)).empty());
}

TEST_CASE("an urgent notice takes over and clears") {
  auto m = sample_model({.urgent = true});
  CHECK(m.urgent());
  CHECK_THAT(m.content().urgent, Catch::Contains("系统升级"));
  CHECK(m.glyph_text().find("敬请谅解") != std::string::npos);
  m.apply(testing::sample_hall_map({}), hall_time(27, 9, 31));
  CHECK_FALSE(m.urgent());
}

TEST_CASE("rankings are absent until a rankings key exists") {
  auto m = sample_model({.rankings = false});
  CHECK_FALSE(m.content().rankings.present);
  auto r = sample_model();
  REQUIRE(r.content().rankings.windows.size() == 8);
  CHECK(r.content().rankings.windows.front().stars == 5);
  CHECK(r.content().rankings.windows.back().stars == 2);
}

namespace {
hall::SystemTime at_utc(const char* iso) { return *hall::parse_iso_time(iso); }

// The sample hall in Berlin (Mon-Fri 08:30-17:30), its clock read at `now`.
signage::Model berlin_model(hall::SystemTime now) {
  auto map = testing::sample_hall_map({});
  map["/hall/clock"] = nlohmann::json{{"iso", hall::iso_time(now)}, {"epoch_ms", hall::epoch_ms(now)},
                                      {"utc_offset_min", 60}, {"timezone", "Europe/Berlin"}}.dump();
  signage::Model m("lobby");
  m.apply(map, now);
  return m;
}
}  // namespace

TEST_CASE("a hall in Berlin keeps its opening hours across the change to summer time") {
  testing::MachineZoneScope machine("America/New_York");  // the screen's own zone does not matter
  const auto m = berlin_model(at_utc("2026-03-27T07:00:00Z"));
  CHECK(m.zone().name() == "Europe/Berlin");
  // Friday 27 March, winter time (+01:00).
  CHECK_FALSE(m.current(at_utc("2026-03-27T07:45:00Z")).outside_hours);  // 08:45
  CHECK(m.current(at_utc("2026-03-27T07:15:00Z")).outside_hours);        // 08:15
  // Monday 30 March, summer time (+02:00): the same wall-clock hours.
  const auto monday_0845 = at_utc("2026-03-30T06:45:00Z");
  CHECK(m.clock_text(monday_0845) == "08:45:00");
  CHECK(m.date_text(monday_0845) == "2026年3月30日 星期一");
  CHECK_FALSE(m.current(monday_0845).outside_hours);
  CHECK(m.current(at_utc("2026-03-30T06:15:00Z")).outside_hours);        // 08:15
  CHECK_FALSE(m.current(at_utc("2026-03-30T15:15:00Z")).outside_hours);  // 17:15
  CHECK(m.current(at_utc("2026-03-30T15:45:00Z")).outside_hours);        // 17:45
  // Sunday 29 March is closed all day, including the skipped hour.
  CHECK(m.current(at_utc("2026-03-29T10:00:00Z")).outside_hours);
}

TEST_CASE("the screen shows hall time whatever its own zone, and an older controller's offset") {
  for (const char* machine : {"UTC", "America/New_York"}) {
    INFO("TZ=" << machine);
    testing::MachineZoneScope tz(machine);
    const auto now = at_utc("2026-11-30T23:30:00Z");
    signage::Model m;
    m.apply({{"/hall/clock", nlohmann::json{{"iso", "2026-12-01T07:30:00+08:00"}, {"epoch_ms", hall::epoch_ms(now)},
                                            {"utc_offset_min", 480}, {"timezone", "Asia/Shanghai"}}.dump()}},
            now);
    CHECK(m.date_text(now) == "2026年12月1日 星期二");
    CHECK(m.clock_text(now) == "07:30:00");
    m.set_online(false, now);
    CHECK(m.offline_text(now) == "离线 自 07:30 起");
    // The day changes at the hall's midnight, not the machine's.
    signage::Model late;
    late.apply({{"/hall/clock", nlohmann::json{{"epoch_ms", hall::epoch_ms(now)}, {"utc_offset_min", 480},
                                               {"timezone", "Asia/Shanghai"}}.dump()}},
               now);
    late.set_online(false, at_utc("2026-11-30T15:30:00Z"));  // 23:30 on 30 November in the hall
    CHECK(late.offline_text(at_utc("2026-11-30T16:30:00Z")) == "离线 自 11月30日 23:30 起");
    // No zone named (an older controller), or one this screen lacks: its fixed offset.
    signage::Model old;
    old.apply({{"/hall/clock", nlohmann::json{{"iso", "2026-12-01T07:30:00+08:00"}, {"epoch_ms", hall::epoch_ms(now)},
                                              {"utc_offset_min", 480}, {"timezone", "Mars/Olympus"}}.dump()}},
              now);
    CHECK(old.zone().name() == "+08:00");
    CHECK(old.date_text(now) == "2026年12月1日 星期二");
    // Before any clock arrives: the default hall zone, Asia/Shanghai.
    CHECK(signage::Model{}.clock_text(now) == "07:30:00");
  }
}

TEST_CASE("offline since is kept from the cache time and cleared online") {
  signage::Model m("lobby");
  m.apply(testing::sample_hall_map({}), hall_time(27, 9, 30));
  m.set_offline_since(hall_time(27, 9, 12));
  m.set_online(false, hall_time(27, 9, 40));
  CHECK(m.offline_text(hall_time(27, 9, 40)) == "离线 自 09:12 起");
  m.set_online(true, hall_time(27, 9, 41));
  CHECK(m.offline_text(hall_time(27, 9, 41)).empty());
  m.set_online(false, hall_time(27, 9, 45));
  CHECK(m.offline_text(hall_time(27, 9, 46)) == "离线 自 09:45 起");
  // An outage that began on an earlier day says which day.
  CHECK(m.offline_text(hall_time(28, 8, 0)) == "离线 自 11月27日 09:45 起");
}

TEST_CASE("a cached clock reading sets no offset; the next live reading does") {
  // The cache was written yesterday at 18:00 hall time; the screen starts today at 08:00.
  signage::Model m;
  const auto now = hall_time(28, 8, 0);
  m.apply({{"/hall/clock", R"({"iso":"2026-11-27T18:00:00+08:00","epoch_ms":1795773600000,"utc_offset_min":480})"}},
          now, /*live=*/false);
  CHECK(m.clock_text(now) == "08:00:00");  // its own clock, in the hall's zone
  // The controller's snapshot arrives: its clock is 2 s ahead of this screen's.
  const int64_t ahead = hall::epoch_ms(now + 10s) + 2000;
  m.apply({{"/hall/clock", R"({"iso":"","epoch_ms":)" + std::to_string(ahead) + R"(,"utc_offset_min":480})"}},
          now + 10s, /*live=*/true);
  CHECK(m.clock_text(now + 10s) == "08:00:12");
}

TEST_CASE("two screens started at different times agree on the clock") {
  // Each measures the controller's offset from the snapshot it receives.
  const auto t0 = hall_time(27, 9, 0);
  auto clock_at = [](hall::SystemTime controller) {
    return R"({"iso":"","epoch_ms":)" + std::to_string(hall::epoch_ms(controller)) + R"(,"utc_offset_min":480})";
  };
  // Screen A's own clock runs 40 s behind the controller, screen B's 25 s ahead.
  signage::Model a, b;
  a.apply({{"/hall/clock", clock_at(t0)}}, t0 - 40s);
  b.apply({{"/hall/clock", clock_at(t0 + 600s)}}, t0 + 625s);
  const auto shown_a = a.clock_text(t0 + 1200s - 40s), shown_b = b.clock_text(t0 + 1200s + 25s);
  CHECK(shown_a == shown_b);
  CHECK(shown_a == "09:20:00");
}

TEST_CASE("rankings keep the published rank, and an empty board leaves the rotation") {
  auto map = testing::sample_hall_map({});
  signage::Model m;
  m.apply(map, hall_time(27, 9, 30));
  for (const auto& r : m.content().rankings.windows) CHECK(r.rank > 0);
  auto none = testing::sample_hall_map({.rankings = false});
  signage::Model n;
  n.apply(none, hall_time(27, 9, 30));
  CHECK_FALSE(n.has_data("rankings"));
  for (int sec = 0; sec < 200; sec += 5) CHECK(n.current(hall_time(27, 10, 0, sec)).board != "rankings");
}

TEST_CASE("outside = \"blank\" is a playlist choice, not a problem") {
  auto map = testing::sample_hall_map({});
  auto playlist = nlohmann::json::parse(map.at("/groups/lobby/playlist"));
  playlist["outside"] = "blank";
  map["/groups/lobby/playlist"] = playlist.dump();
  signage::Model m;
  m.apply(map, hall_time(27, 9, 30));
  CHECK(m.content().problems.empty());
  CHECK(m.current(hall_time(27, 20, 0)).board == "blank");
  CHECK(m.current(hall_time(27, 20, 0)).outside_hours);
}

TEST_CASE("every fixed string the boards draw is in the glyph text") {
  // Reads the view's sources and checks each non-ASCII character of their
  // string literals, so a new label cannot show as "?" boxes.
  signage::Model m("lobby");
  hall::GlyphSet have;
  have.add(m.glyph_text());
  for (const char* file : {HALL_SOURCE_DIR "/signage/boards.cpp", HALL_SOURCE_DIR "/signage/view.cpp"}) {
    std::ifstream in(file);
    REQUIRE(in);
    const std::string src((std::istreambuf_iterator<char>(in)), {});
    for (size_t q = src.find('"'); q != std::string::npos;) {
      const size_t end = src.find('"', q + 1);
      if (end == std::string::npos) break;
      const std::string literal = src.substr(q + 1, end - q - 1);
      hall::GlyphSet lit;
      lit.add(literal);
      for (char32_t cp : lit.points()) {
        INFO(file << ": \"" << literal << "\"");
        CHECK(have.contains(cp));
      }
      q = src.find('"', end + 1);
    }
  }
}

// ---- the hall's opening hours (/hall/hours, issue 14) ----
namespace {
// As the controller publishes the sample hall: Monday-Friday with a lunch
// break, Saturday morning; National Day 1-7 October off, Saturday 10 October
// worked (调休).
const char* const kSampleHallHours =
    R"({"week":[{"days":[1,2,3,4,5],"periods":["08:30-12:00","13:30-17:30"]},{"days":[6],"periods":["08:30-12:00"]}],)"
    R"("holidays":["2026-10-01","2026-10-02","2026-10-03","2026-10-04","2026-10-05","2026-10-06","2026-10-07"],)"
    R"("workdays":["2026-10-10"],"years":[2026]})";

// `date` (2026) at hh:mm hall time (+08:00, the sample's clock).
hall::SystemTime hall_on(const char* date, int hour, int minute) {
  const int64_t days = hall::days_from_civil(*hall::parse_date(date)) - hall::days_from_civil({2026, 11, 27});
  return hall_time(27, hour, minute) + std::chrono::seconds(days * 86400);
}

// The sample hall whose lobby playlist leaves its hours to the hall's.
signage::Model hall_hours_model(bool own_playlist_hours = false) {
  auto map = testing::sample_hall_map();
  map["/hall/hours"] = kSampleHallHours;
  if (!own_playlist_hours) {
    auto p = nlohmann::json::parse(map.at("/groups/lobby/playlist"));
    p.erase("hours");
    p["outside"] = "pledges";
    map["/groups/lobby/playlist"] = p.dump();
  }
  signage::Model m("lobby");
  m.apply(map, hall_time(27, 9, 30));
  return m;
}
}  // namespace

TEST_CASE("a playlist without hours follows the hall's: lunch break, after hours, Saturday morning") {
  auto m = hall_hours_model();
  REQUIRE(m.content().problems.empty());
  CHECK_FALSE(m.content().playlist.hours.set);
  const auto open = m.current(hall_on("2026-11-27", 10, 0));  // Friday
  CHECK_FALSE(open.outside_hours);
  CHECK(open.status.empty());
  auto at = [&](const char* date, int h, int min) { return m.current(hall_on(date, h, min)); };
  CHECK(at("2026-11-27", 8, 0).status == "未到办理时间 今日 08:30 开始办理");
  CHECK(at("2026-11-27", 12, 0).outside_hours);
  CHECK(at("2026-11-27", 12, 0).board == "pledges");
  CHECK(at("2026-11-27", 12, 30).status == "午间休息 13:30 恢复办理");
  CHECK_FALSE(at("2026-11-27", 13, 30).outside_hours);
  CHECK(at("2026-11-27", 17, 30).status == "已下班 明日 08:30 开始办理");  // Saturday opens
  CHECK_FALSE(at("2026-11-28", 11, 59).outside_hours);                   // Saturday morning
  CHECK(at("2026-11-28", 12, 0).status == "已下班 周一 08:30 开始办理");
  CHECK(at("2026-11-29", 10, 0).status == "今日休息 明日 08:30 开始办理");  // Sunday
  CHECK(m.hall_state(hall_on("2026-11-29", 10, 0)).kind == hall::HallStateKind::DayOff);
}

TEST_CASE("a public holiday is closed and a make-up Saturday (调休) opens with weekday hours") {
  auto m = hall_hours_model();
  const auto holiday = m.current(hall_on("2026-10-01", 10, 0));  // Thursday, National Day
  CHECK(holiday.outside_hours);
  CHECK(holiday.board == "pledges");
  CHECK(holiday.status == "今日休息（法定节假日） 10月8日 08:30 开始办理");
  CHECK(m.hall_state(hall_on("2026-10-01", 10, 0)).kind == hall::HallStateKind::Holiday);
  CHECK(m.current(hall_on("2026-10-07", 18, 0)).status == "今日休息（法定节假日） 明日 08:30 开始办理");  // the last day off
  CHECK(m.current(hall_on("2026-10-09", 18, 0)).status == "已下班 明日 08:30 开始办理");  // Friday: 调休 Saturday next
  const auto makeup = m.current(hall_on("2026-10-10", 15, 0));  // Saturday, worked: afternoon too
  CHECK_FALSE(makeup.outside_hours);
  CHECK(makeup.status.empty());
  CHECK(m.current(hall_on("2026-10-10", 12, 30)).status == "午间休息 13:30 恢复办理");
  CHECK(m.current(hall_on("2026-10-17", 15, 0)).outside_hours);  // an ordinary Saturday afternoon
}

TEST_CASE("a playlist with its own hours keeps them; the hall's state still shows") {
  auto m = hall_hours_model(true);
  REQUIRE(m.content().playlist.hours.set);  // 08:30-17:30 on weekdays, no lunch break
  const auto lunch = m.current(hall_on("2026-11-27", 12, 30));
  CHECK_FALSE(lunch.outside_hours);
  CHECK(lunch.status == "午间休息 13:30 恢复办理");
  // No /hall/hours (an older controller, or a hall without [[hours]]): always open.
  auto plain = sample_model();
  CHECK(plain.current(hall_on("2026-10-01", 10, 0)).status.empty());
}

TEST_CASE("the hall's state texts are in the glyph text") {
  auto m = hall_hours_model();
  const std::string glyphs = m.glyph_text();
  for (const char* t : {"午间休息 13:30 恢复办理", "今日休息（法定节假日） 10月8日 08:30 开始办理", "已下班 周一 08:30 开始办理"})
    for (const auto& piece : {std::string(t)}) {
      size_t i = 0;
      while (i < piece.size()) {
        const unsigned char c = piece[i];
        const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        INFO(piece.substr(i, n));
        CHECK(glyphs.find(piece.substr(i, n)) != std::string::npos);
        i += n;
      }
    }
}

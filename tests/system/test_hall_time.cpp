// Hall time with the real programs: a hall in Asia/Shanghai run on machines
// whose own zone (TZ, inherited by every program the test starts) is UTC or
// America/New_York. queue-sim writes its tickets in the machine's zone; a
// rating made at 07:30 on 1 December hall time (still 30 November in UTC and
// New York) counts in December's rankings and report, sits at 07 h in the
// heat map, and its case's deadline counts from 1 December; the screen shows
// the hall's date. A hall set to Europe/Berlin reaches the screen's clock,
// and a misspelt zone stops the controller naming it. (Opening hours across
// Berlin's daylight-saving change: tests/unit/test_signage_model.cpp.)
#include <catch2/catch.hpp>

#include <signal.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/time/clock.h"
#include "common/wire/rpc.h"
#include "harness.h"
#include "time_zones.h"

using namespace testing;
using Json = nlohmann::json;

namespace {
const char* const kWeekdays[] = {"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"};

// What a screen's date line says at `t` in `zone`: "2026年12月1日 星期二".
std::string date_line(hall::SystemTime t, const hall::TimeZone& zone) {
  using namespace std::chrono;
  const local_days day = floor<days>(zone.to_local(t));
  const year_month_day ymd{day};
  return std::to_string(static_cast<int>(ymd.year())) + "年" + std::to_string(static_cast<unsigned>(ymd.month())) +
         "月" + std::to_string(static_cast<unsigned>(ymd.day())) + "日 " + kWeekdays[weekday{day}.c_encoding()];
}

// A running screen of `hall`, logging to `log`.
std::unique_ptr<Process> screen(const Hall& hall, const std::string& id) {
  auto args = hall.signage_args(id, 1, "");
  args.erase(args.begin() + 3, args.begin() + 7);  // drop --frames N --screenshot P: runs until stopped
  return std::make_unique<Process>("hall-signage", args, hall.dir.path() / (id + ".log"));
}

// The screen logs the zone and what its header shows; true when that is
// `zone`'s date (and hour) now.
bool screen_shows_hall_time(const Process& s, const hall::TimeZone& zone) {
  const auto before = std::chrono::system_clock::now();
  if (!s.wait_for_log("hall time zone " + zone.name() + ": ", 20s)) return false;
  const auto after = std::chrono::system_clock::now();
  const std::string log = s.log();
  std::smatch m;
  const std::regex line("hall time zone " + zone.name() + ": (\\S+ \\S+) (\\d\\d):\\d\\d:\\d\\d");
  if (!std::regex_search(log, m, line)) return false;
  auto hour = [&](hall::SystemTime t) {
    const auto local = zone.to_local(t);
    const int h = static_cast<int>(std::chrono::floor<std::chrono::hours>(local - std::chrono::floor<std::chrono::days>(local)).count());
    return (h < 10 ? "0" : "") + std::to_string(h);
  };
  INFO("screen says " << m[1] << " " << m[2] << "h");
  const bool day_ok = m[1] == date_line(before, zone) || m[1] == date_line(after, zone);
  const bool hour_ok = m[2] == hour(before) || m[2] == hour(after);
  CHECK(day_ok);
  CHECK(hour_ok);
  return day_ok && hour_ok;
}
}  // namespace

TEST_CASE("a hall in Asia/Shanghai counts, reports and shows hall time on a machine at UTC or in New York") {
  for (const char* machine : {"UTC", "America/New_York"}) {
    INFO("TZ=" << machine);
    MachineZoneScope tz(machine);  // the programs below inherit it
    Hall hall;
    const int qport = free_ports(1);
    Process sim(kPython,
                {kQueueSim, "--port", std::to_string(qport), "--tickets", "3", "--prefix", "Z", "--rate", "0",
                 "--seed", "7",
                 // Served just before the ratings below: Z0001 at 07:20 on 1 December in the hall,
                 // Z0002 at 23:50 on 30 November.
                 "--finished-at", "2026-11-30T23:20:00Z", "--finished-at", "2026-11-30T15:50:00Z"},
                hall.dir.path() / "sim.log");
    REQUIRE(sim.wait_for_log("serving feed"));
    auto args = hall.controller_args();
    for (const std::string& s : {std::string("queue.enabled=true"), "queue.url=http://127.0.0.1:" + std::to_string(qport),
                                 std::string("queue.poll_ms=100"), std::string("hall.timezone=Asia/Shanghai"),
                                 // The ratings below are dated 2026-11-30; allow them for a year.
                                 std::string("evaluation.max_delay_h=8784")}) {
      args.push_back("--set");
      args.push_back(s);
    }
    Process controller("hall-controller", args, hall.dir.path() / "controller.log");
    REQUIRE(controller.wait_for_log("controller up: hall '测试政务服务中心' (Asia/Shanghai)"));
    auto ctl = [&](std::vector<std::string> a) { return run("hallctl", hall.hallctl_args(std::move(a))); };
    bool ready = false;
    for (int i = 0; i < 100 && !ready; ++i) {
      auto r = ctl({"tickets", "--json"});
      ready = r.code == 0 && Json::parse(r.output)["tickets"].size() == 3;
      if (!ready) std::this_thread::sleep_for(100ms);
    }
    REQUIRE(ready);

    // The kiosk's clock wrote UTC: 07:30 on Tuesday 1 December in the hall,
    // a bad rating; and 23:59 on 30 November in the hall, a good one.
    zmq::context_t ctx;
    hall::SocketFactory sockets(ctx);
    auto rate = [&](const char* uuid, const char* ticket, int score, const char* at) {
      Json reasons = score <= 2 ? Json::array({"attitude"}) : Json::array();
      auto r = hall::call(sockets, {"127.0.0.1", hall.base + 3}, "evaluation.submit",
                          {{"uuid", uuid}, {"ticket", ticket}, {"score", score}, {"reasons", reasons},
                           {"phone", ""}, {"kiosk_id", "kiosk-tz"}, {"created_at", at}},
                          5s);
      INFO(ticket << ": " << (r ? r->body.dump() : r.error()));
      CHECK(r.ok());
    };
    rate("00000000-0000-4000-8000-000000000017", "Z0001", 1, "2026-11-30T23:30:00Z");
    rate("00000000-0000-4000-8000-000000000018", "Z0002", 5, "2026-11-30T15:59:00Z");

    auto ratings_in = [&](const char* period) {
      auto r = ctl({"rankings", "show", "--period", period, "--json"});
      INFO(r.output);
      REQUIRE(r.code == 0);
      return Json::parse(r.output)["ratings"].get<int64_t>();
    };
    CHECK(ratings_in("2026-12") == 1);
    CHECK(ratings_in("2026-11") == 1);

    // The case: counted from Tuesday 1 December, 5 working days.
    auto cases = ctl({"cases", "--json"});
    INFO(cases.output);
    REQUIRE(cases.code == 0);
    const Json list = Json::parse(cases.output)["cases"];
    REQUIRE(list.size() == 1);
    CHECK(list[0]["deadline"] == "2026-12-08");

    // The month report, rendered by hallctl on this machine.
    const std::string out = hall.dir.str("report");
    auto rep = ctl({"report", "month", "2026-12", "--out", out});
    INFO(rep.output);
    REQUIRE(rep.code == 0);
    CHECK_THAT(rep.output, Catch::Contains("1 ratings"));
    const std::string html = slurp(fs::path(out) / "report-2026-12.html");
    CHECK_THAT(html, Catch::Contains("周二 7时: 1 条"));  // the heat map's cell
    CHECK_THAT(html, Catch::Contains("2026-12-01 07:30 (+08:00)"));  // the case's time
    const auto now = std::chrono::system_clock::now();
    const std::string generated = hall::display_time(now, *hall::TimeZone::named("Asia/Shanghai"));
    CHECK_THAT(html, Catch::Contains("生成时间 " + generated.substr(0, 11)) &&
                         Catch::Contains(" (+08:00) · 时区 Asia/Shanghai</div>"));
    auto status = ctl({"status"});
    CHECK_THAT(status.output, Catch::Contains("hall time: " + generated.substr(0, 10)) &&
                                  Catch::Contains("+08:00 (Asia/Shanghai)"));
    const std::string csv = slurp(fs::path(out) / "cases-2026-12.csv");
    CHECK_THAT(csv, Catch::Contains("2026-12-01 07:30 (+08:00)") && Catch::Contains("2026-12-08"));

    // The screen shows the hall's date and hour, not the machine's.
    auto s = screen(hall, "tz-screen");
    CHECK(screen_shows_hall_time(*s, *hall::TimeZone::named("Asia/Shanghai")));
    s->signal(SIGTERM);
    CHECK(s->wait() == 0);
    controller.signal(SIGTERM);
    CHECK(controller.wait() == 0);
  }
}

TEST_CASE("a hall set to Europe/Berlin reaches the screen's clock, and a misspelt zone stops the controller") {
  MachineZoneScope tz("Asia/Shanghai");
  Hall hall;
  auto bad = hall.controller_args();
  bad.insert(bad.end(), {"--set", "hall.timezone=Europe/Berlim"});
  auto refused = run("hall-controller", bad);
  CHECK(refused.code == 2);
  CHECK_THAT(refused.output, Catch::Contains("key 'hall.timezone': unknown time zone 'Europe/Berlim'") &&
                                 Catch::Contains("Europe/Berlin"));

  auto args = hall.controller_args();
  args.insert(args.end(), {"--set", "hall.timezone=Europe/Berlin"});
  Process controller("hall-controller", args, hall.dir.path() / "controller.log");
  REQUIRE(controller.wait_for_log("controller up: hall '测试政务服务中心' (Europe/Berlin)"));
  auto s = screen(hall, "berlin-screen");
  CHECK(screen_shows_hall_time(*s, *hall::TimeZone::named("Europe/Berlin")));
  s->signal(SIGTERM);
  CHECK(s->wait() == 0);
}

// The holiday calendar with the real hall-controller and hallctl (issue 14):
// cases.holidays_file is read beside the controller.toml that names it,
// whatever the working directory; without it the controller does not start
// and says where it looked. A table that ends before today + 30 days raises
// an alarm in hallctl status, and a deadline past its end is marked 暂定.
// The table is written for the year before this one, so the test holds on
// any date.
TEST_CASE("the holiday calendar is read beside controller.toml, a missing one stops the controller, and a table that "
          "runs out raises an alarm and provisional deadlines") {
  Hall hall;
  const fs::path conf = hall.dir.path() / "conf";
  fs::create_directories(conf);
  fs::copy_file(hall.cfg("controller.toml"), conf / "controller.toml");
  auto args = hall.controller_args();
  args[1] = (conf / "controller.toml").string();  // --config <conf>/controller.toml
  const std::string expected = (conf / "holidays.toml").lexically_normal().string();

  auto refused = run("hall-controller", args);
  INFO(refused.output);
  CHECK(refused.code == 1);
  CHECK_THAT(refused.output, Catch::Contains("cases.holidays_file: there is no holiday calendar at " + expected) &&
                                 Catch::Contains("set cases.holidays_file to its path"));

  const int year = hall::hall_date(std::chrono::system_clock::now()).year;
  {
    std::ofstream out(conf / "holidays.toml");
    out << "[" << year - 1 << "]\nholidays = [\"" << year - 1 << "-10-01\"]\nworkdays = []\n";
  }
  const int qport = free_ports(1);
  Process sim(kPython, {kQueueSim, "--port", std::to_string(qport), "--tickets", "2", "--prefix", "H", "--rate", "0",
                        "--seed", "7"},
              hall.dir.path() / "sim.log");
  REQUIRE(sim.wait_for_log("serving feed"));
  for (const std::string& s : {std::string("queue.enabled=true"), "queue.url=http://127.0.0.1:" + std::to_string(qport),
                               std::string("queue.poll_ms=100"), std::string("evaluation.min_interval_ms=0")}) {
    args.push_back("--set");
    args.push_back(s);
  }
  Process controller("hall-controller", args, hall.dir.path() / "controller.log");
  REQUIRE(controller.wait_for_log("controller up"));
  CHECK_THAT(controller.log(), Catch::Contains("holiday calendar " + expected));

  auto status = run("hallctl", hall.hallctl_args({"status"}));
  INFO(status.output);
  REQUIRE(status.code == 0);
  CHECK_THAT(status.output, Catch::Contains("ALARM:     holidays table ends " + std::to_string(year - 1) +
                                            "-12-31; add " + std::to_string(year) + " to " + expected) &&
                                Catch::Contains("国务院办公厅关于" + std::to_string(year) + "年部分节假日安排的通知"));

  // A rating of 2 (foreign_client.py's kiosk) opens a case this year: past the table.
  REQUIRE(hall.wait_for_tickets(2));
  auto kiosk = run(kPython, {kClient, "kiosk", std::to_string(hall.base + 3), "H0001"});
  INFO(kiosk.output);
  REQUIRE(kiosk.code == 0);
  auto json = run("hallctl", hall.hallctl_args({"cases", "--json"}));
  REQUIRE(json.code == 0);
  const Json list = Json::parse(json.output)["cases"];
  REQUIRE(list.size() == 1);
  CHECK(list[0]["deadline_provisional"] == true);
  const std::string deadline = list[0]["deadline"];
  auto cases = run("hallctl", hall.hallctl_args({"cases"}));
  INFO(cases.output);
  CHECK_THAT(cases.output, Catch::Contains(deadline + " (暂定)"));
  controller.signal(SIGTERM);
  CHECK(controller.wait() == 0);
}

// hall-kiosk as a real program: every step rendered headless (the PNGs stay
// in build/screenshots/ to look at), and --simulate against a ROUTER on
// loopback (FakeController: stands in for the controller's evaluation
// handlers until the `eval` branch merges), including a controller that
// goes away mid-run and an outbox resumed after an unfinished run.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <thread>

#include "fake_controller.h"
#include "harness.h"
#include "png_check.h"

using namespace testing;

namespace {
std::string kiosk_shot(const std::string& name) {
  const auto dir = std::filesystem::path(HALL_BIN_DIR).parent_path() / "screenshots";
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

std::vector<std::string> simulate_args(const Hall& hall, const std::string& id, const std::string& tickets) {
  return {"--config", hall.cfg("kiosk.toml"), "--simulate", "--tickets", tickets,
          "--set", "kiosk.id=" + id,
          "--set", "kiosk.data_dir=" + hall.dir.str("kiosk"),
          "--set", "kiosk.device_port=" + std::to_string(hall.base + 3),
          "--set", "kiosk.ack_timeout_ms=500",
          "--set", "kiosk.resend_max_ms=1000"};
}
}  // namespace

TEST_CASE("kiosk renders every step headless with no missing glyphs") {
  Hall hall;  // no controller: demo steps carry their own sample data
  std::vector<std::pair<std::string, std::string>> shots;
  for (const char* step : {"idle", "ticket", "ticket-error", "lookup", "confirm", "rate", "reasons", "thanks"})
    shots.push_back({step, "zh"});
  for (const char* step : {"idle", "confirm", "rate", "reasons"}) shots.push_back({step, "en"});
  for (const auto& [step, lang] : shots) {
    INFO(step << " " << lang);
    const auto png = kiosk_shot("kiosk-" + step + "-" + lang + ".png");
    std::filesystem::remove(png);
    auto args = hall.kiosk_args("demo-" + lang, 8, png);
    args.insert(args.end(), {"--demo-step", step, "--language", lang});
    auto r = run("hall-kiosk", args);
    REQUIRE(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains(", 0 missing"));
    CHECK_THAT(r.output, Catch::Contains("on step " + (step == "ticket-error" || step == "lookup" ? std::string("ticket") : step)));
    const auto stats = png_stats(png);
    REQUIRE(stats.loaded);
    CHECK(stats.width == 1080);
    CHECK(stats.height == 1920);
    CHECK(stats.distinct_colors > 20);
    CHECK(stats.non_background > 0.05);
  }
}

TEST_CASE("hall-kiosk simulate drains its outbox through a controller restart") {
  Hall hall;
  auto fake = std::make_unique<FakeController>(hall.base + 3);
  Process kiosk("hall-kiosk", simulate_args(hall, "sim-1", "L0001-L0600"), hall.dir.path() / "k.log");
  const auto end = std::chrono::steady_clock::now() + 20s;
  while (fake->rows().size() < 150 && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(5ms);
  REQUIRE(fake->rows().size() >= 150);
  fake->lose_acks_next(10);
  std::this_thread::sleep_for(20ms);
  fake->stop();  // the controller dies mid-run
  std::this_thread::sleep_for(700ms);
  fake->start();
  REQUIRE(kiosk.wait(40s) == 0);
  INFO(kiosk.log());
  CHECK(fake->rows().size() == 600);  // every ticket exactly one row
  CHECK_THAT(kiosk.log(), Catch::Contains("acked=600") && Catch::Contains(" left=0 ") && Catch::Contains("drained"));
}

TEST_CASE("hall-kiosk simulate resumes an outbox an earlier run left behind") {
  Hall hall;
  auto args = simulate_args(hall, "sim-2", "L0001-L0020");
  args.insert(args.end(), {"--timeout", "1"});
  auto first = run("hall-kiosk", args);  // no controller: nothing drains
  CHECK(first.code == 1);
  CHECK_THAT(first.output, Catch::Contains("queued=20") && Catch::Contains("NOT drained"));
  CHECK(std::filesystem::exists(hall.dir.path() / "kiosk" / "sim-2" / "outbox.db"));

  FakeController fake(hall.base + 3);
  auto second = run("hall-kiosk", simulate_args(hall, "sim-2", "L0001-L0020"));
  CHECK(second.code == 0);
  CHECK_THAT(second.output, Catch::Contains("queued=0 skipped=20") && Catch::Contains("acked=20"));
  CHECK(fake.rows().size() == 20);
}

TEST_CASE("hall-kiosk refuses bad simulate input and unsafe kiosk ids with a clear message") {
  Hall hall;
  auto bad_range = run("hall-kiosk", simulate_args(hall, "sim-3", "L0005-L0001"));
  CHECK(bad_range.code == 2);
  CHECK_THAT(bad_range.output, Catch::Contains("the last ticket comes before the first"));
  auto bad_id = run("hall-kiosk", simulate_args(hall, "../escape", "L1-L2"));
  CHECK(bad_id.code == 2);
  CHECK_THAT(bad_id.output, Catch::Contains("kiosk.id"));
  auto no_tickets = run("hall-kiosk", {"--simulate", "--set", "kiosk.data_dir=" + hall.dir.str("kiosk")});
  CHECK(no_tickets.code == 2);
  CHECK_THAT(no_tickets.output, Catch::Contains("--tickets"));
}

TEST_CASE("ten simulating kiosks drain through a controller restart with one row per ticket") {
  Hall hall;
  auto fake = std::make_unique<FakeController>(hall.base + 3);
  std::vector<std::unique_ptr<Process>> kiosks;
  for (int i = 0; i < 10; ++i) {
    const std::string range = fmt::format("L{:04}-L{:04}", i * 300 + 1, i * 300 + 300);
    kiosks.push_back(std::make_unique<Process>("hall-kiosk", simulate_args(hall, "drill-" + std::to_string(i), range),
                                               hall.dir.path() / ("drill-" + std::to_string(i) + ".log")));
  }
  const auto end = std::chrono::steady_clock::now() + 30s;
  while (fake->rows().size() < 1000 && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(5ms);
  REQUIRE(fake->rows().size() >= 1000);
  fake->stop();  // the controller dies mid-run
  std::this_thread::sleep_for(1s);
  fake->start();
  for (auto& k : kiosks) {
    INFO(k->log());
    CHECK(k->wait(60s) == 0);
    CHECK_THAT(k->log(), Catch::Contains("acked=300") && Catch::Contains("drained"));
  }
  CHECK(fake->rows().size() == 3000);
}

TEST_CASE("a scanned ticket is looked up at the controller and the kiosk shows who served it") {
  Hall hall;
  FakeController fake(hall.base + 3);
  fake.set_known_prefix("A");
  fake.add_not_served("A024");
  struct Case { const char* typed; const char* step; const char* log; };
  for (auto c : {Case{"A023\\n", "confirm", "looking up ticket A023"},
                 Case{"a024\\n", "ticket", "ticket lookup refused: not_served"},
                 Case{"Z9\\n", "ticket", "ticket lookup refused: not_found"}}) {
    INFO(c.typed);
    const auto png = kiosk_shot(std::string("kiosk-scan-") + c.step + ".png");
    auto args = hall.kiosk_args("scan", 45, png);
    args.insert(args.end(), {"--type", c.typed});
    auto r = run("hall-kiosk", args);
    REQUIRE(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains(c.log));
    CHECK_THAT(r.output, Catch::Contains(std::string("on step ") + c.step));
    CHECK_THAT(r.output, Catch::Contains(", 0 missing"));
  }
  CHECK(fake.lookups() == 3);
}

TEST_CASE("with no controller a scanned ticket gets the kind busy message") {
  Hall hall;
  const auto png = kiosk_shot("kiosk-scan-offline.png");
  auto args = hall.kiosk_args("scan-off", 80, png);  // the text is typed after 2 s without an answer
  args.insert(args.end(), {"--type", "A023\\n"});
  auto r = run("hall-kiosk", args, 30s);
  REQUIRE(r.code == 0);
  CHECK_THAT(r.output, Catch::Contains("controller unreachable: cannot look up ticket A023"));
}

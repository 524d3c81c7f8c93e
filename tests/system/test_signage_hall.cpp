// Multi-process tests of signage distribution: three real hall-signage
// processes fed over CHP. A change reaches all three; after the controller
// restarts they recover by themselves; a screen started with no controller
// shows its cache. One test uses the real hall-controller for the restart.
//
// The content comes from FakeController (an in-test CHP server with the
// sample hall) until the content branch's `hallctl notice post` exists; to
// switch, replace post_urgent() with run("hallctl", hall.hallctl_args(
// {"notice", "post", "--urgent", text})) against a real controller.
#include <catch2/catch.hpp>

#include <signal.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>

#include "harness.h"
#include "png_check.h"
#include "sample_hall.h"

using namespace testing;

namespace {
std::vector<std::string> running_screen(const Hall& hall, const std::string& id) {
  auto args = hall.signage_args(id, 1, "");
  args.erase(args.begin() + 3, args.begin() + 7);  // drop --frames N --screenshot P
  args.insert(args.end(), {"--set", "signage.cache_dir=" + hall.dir.str("cache-" + id), "--set",
                           "signage.status_interval_s=1"});
  return args;
}
std::string urgent_json(const std::string& text) {
  return nlohmann::json{{"text", text}, {"since", "2026-11-27T10:00:00+08:00"}}.dump();
}
}  // namespace

TEST_CASE("three screens get a change, recover after a restart, and a screen starts from its cache") {
  Hall hall;
  auto fc = std::make_unique<FakeController>(hall.base, hall.base + 3);
  REQUIRE(fc->started());
  fc->set_all(sample_hall_map({}));
  auto post_urgent = [&](const std::string& text) { fc->set("/notices/urgent", urgent_json(text)); };

  std::vector<std::unique_ptr<Process>> screens;
  for (int i = 1; i <= 3; ++i)
    screens.push_back(std::make_unique<Process>("hall-signage", running_screen(hall, "screen-" + std::to_string(i)),
                                                hall.dir.path() / ("screen" + std::to_string(i) + ".log")));
  for (auto& s : screens) REQUIRE(s->wait_for_log("showing hall '朝阳区政务服务中心'", 20s));

  post_urgent("测试紧急通知一");
  for (auto& s : screens) CHECK(s->wait_for_log("urgent notice shown: 测试紧急通知一", 5s));

  // Each screen reports its status to the controller.
  const auto until = std::chrono::steady_clock::now() + 10s;
  while (fc->statuses().size() < 3 && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(50ms);
  auto statuses = fc->statuses();
  REQUIRE(statuses.size() == 3);
  for (const auto& [id, st] : statuses) {
    INFO(id);
    CHECK(st["group"] == "lobby");
    CHECK(st["sequence"].get<uint64_t>() > 0);
    CHECK(st["rss_kb"].get<int64_t>() > 1000);
    CHECK(st["uptime_s"].is_number_integer());
    CHECK(st["frame_ms"].is_number());
    CHECK(st["board"].is_string());
    CHECK(st["offline_since"].is_string());
  }

  // Restart: a new server (new epoch, sequence above the old) on the same ports.
  const uint64_t old_seq = fc->sequence();
  fc.reset();
  std::this_thread::sleep_for(300ms);
  fc = std::make_unique<FakeController>(hall.base, hall.base + 3, old_seq + 10000);
  REQUIRE(fc->started());
  auto map = sample_hall_map({});
  map["/notices/urgent"] = urgent_json("测试紧急通知二");
  fc->set_all(map);
  for (auto& s : screens) CHECK(s->wait_for_log("urgent notice shown: 测试紧急通知二", 10s));

  // Stop everything; the screens leave their caches behind.
  for (auto& s : screens) s->signal(SIGTERM);
  for (auto& s : screens) CHECK(s->wait(10s) == 0);
  fc.reset();
  CHECK(std::filesystem::exists(hall.dir.path() / "cache-screen-1" / "snapshot.bin"));

  // No controller now: a screen using screen-1's cache shows it, marked offline.
  const auto png = hall.dir.str("offline.png");
  auto args = hall.signage_args("screen-1", 20, png);
  args.insert(args.end(), {"--set", "signage.cache_dir=" + hall.dir.str("cache-screen-1"), "--board", "identity"});
  Process offline("hall-signage", args, hall.dir.path() / "offline.log");
  REQUIRE(offline.wait(30s) == 0);
  CHECK_THAT(offline.log(), Catch::Contains("showing the cached snapshot"));
  CHECK_THAT(offline.log(), Catch::Contains("showing hall '朝阳区政务服务中心'"));
  CHECK_THAT(offline.log(), Catch::Contains("urgent notice shown: 测试紧急通知二"));
  CHECK_THAT(offline.log(), Catch::Contains(", 0 missing"));
  const auto stats = png_stats(png);  // the cached urgent notice fills the screen
  REQUIRE(stats.loaded);
  CHECK(stats.distinct_colors > 10);
}

TEST_CASE("a screen with a garbage cache logs it, discards it and still runs") {
  Hall hall;
  const auto dir = hall.dir.path() / "cache-bad";
  std::filesystem::create_directories(dir);
  {
    std::ofstream f(dir / "snapshot.bin", std::ios::binary);
    f << std::string("\x89PNG\r\n garbage \x00\x01\x02 bytes", 22);
  }
  auto args = hall.signage_args("bad", 10, hall.dir.str("bad.png"));
  args.insert(args.end(), {"--set", "signage.cache_dir=" + dir.string()});
  auto r = run("hall-signage", args);
  CHECK(r.code == 0);
  CHECK_THAT(r.output, Catch::Contains("is corrupt"));
  CHECK_THAT(r.output, Catch::Contains("discarded"));
  CHECK(std::filesystem::exists(dir / "snapshot.bin.corrupt"));
}

TEST_CASE("a screen notices a real controller restart and takes the new epoch") {
  Hall hall;
  auto cargs = hall.controller_args("重启测试大厅");
  auto controller = std::make_unique<Process>("hall-controller", cargs, hall.dir.path() / "c1.log");
  REQUIRE(controller->wait_for_log("controller up"));
  Process screen("hall-signage", running_screen(hall, "restart-1"), hall.dir.path() / "screen.log");
  REQUIRE(screen.wait_for_log("showing hall '重启测试大厅'", 20s));
  REQUIRE(screen.wait_for_log("controller epoch ", 5s));
  controller->signal(SIGTERM);
  REQUIRE(controller->wait(10s) == 0);
  const std::string before = screen.log();
  controller = std::make_unique<Process>("hall-controller", cargs, hall.dir.path() / "c2.log");
  REQUIRE(controller->wait_for_log("controller up"));
  // The screen re-synchronises and logs the new epoch (a second "controller epoch" line).
  const auto until = std::chrono::steady_clock::now() + 12s;
  auto count = [](const std::string& s) {
    size_t n = 0;
    for (size_t p = s.find("controller epoch "); p != std::string::npos; p = s.find("controller epoch ", p + 1)) ++n;
    return n;
  };
  while (count(screen.log()) < 2 && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(100ms);
  CHECK(count(screen.log()) >= 2);
  CHECK(count(before) == 1);
}

// Multi-process tests of signage distribution against the real programs:
// hall-controller with the sample hall imported by `hallctl content import`,
// three headless hall-signage screens, notices posted with `hallctl notice
// post`. A notice reaches all three; after the controller restarts they
// recover by themselves; `hallctl screens` shows them online with the board
// and sequence they report, and offline once they stop; a screen started
// with no controller shows its cache. (Board screenshots with rankings and
// queue calls still use FakeController in test_signage_boards.cpp: the real
// controller only publishes those keys from live queue and scoring data.)
#include <catch2/catch.hpp>

#include <signal.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <thread>

#include <nlohmann/json.hpp>

#include "harness.h"
#include "png_check.h"

using namespace testing;
using Json = nlohmann::json;

namespace {
const std::string kHallName = "明州市政务服务中心";  // config/sample-hall/hall.toml

// `hallctl screens --json` as id -> screen.
std::string last_screens_output;
std::map<std::string, Json> screens_by_id(const Hall& hall) {
  std::map<std::string, Json> by_id;
  auto r = run("hallctl", hall.hallctl_args({"screens", "--json"}));
  last_screens_output = r.output;
  if (r.code != 0) return by_id;
  const Json listed = Json::parse(r.output);
  for (const auto& s : listed["screens"]) by_id[s["id"]] = s;
  return by_id;
}
}  // namespace

TEST_CASE("three screens on the real controller get a notice, recover after a restart, and start from cache") {
  Hall hall;
  const auto cargs = hall.controller_args();
  auto controller = std::make_unique<Process>("hall-controller", cargs, hall.dir.path() / "c1.log");
  REQUIRE(controller->wait_for_log("controller up"));
  auto imp = run("hallctl", hall.hallctl_args({"content", "import", kSample}));
  INFO(imp.output);
  REQUIRE(imp.code == 0);

  const std::vector<std::pair<std::string, std::string>> ids = {
      {"lobby-1", "lobby"}, {"lobby-2", "lobby"}, {"corridor-1", "corridor"}};
  std::vector<std::unique_ptr<Process>> screens;
  for (const auto& [id, group] : ids)
    screens.push_back(std::make_unique<Process>("hall-signage", hall.screen_args(id, group),
                                                hall.dir.path() / (id + ".log")));
  for (auto& s : screens) REQUIRE(s->wait_for_log("showing hall '" + kHallName + "'", 20s));
  for (auto& s : screens) REQUIRE(s->wait_for_log("controller epoch ", 5s));

  auto post = run("hallctl", hall.hallctl_args({"notice", "post", "--urgent", "测试紧急通知一"}));
  INFO(post.output);
  REQUIRE(post.code == 0);
  for (auto& s : screens) CHECK(s->wait_for_log("urgent notice shown: 测试紧急通知一", 5s));

  // Each screen reports to the controller; hallctl screens shows what it reported.
  std::map<std::string, Json> listed;
  const auto until = std::chrono::steady_clock::now() + 10s;
  // A report sent just before the notice arrived still says the old board:
  // wait for the reports that came after it.
  auto all_online = [&] {
    for (const auto& [id, g] : ids)
      if (!listed.count(id) || listed[id]["online"] != true || listed[id]["sequence"] == 0 ||
          listed[id]["board"] != "urgent")
        return false;
    return true;
  };
  while (std::chrono::steady_clock::now() < until) {
    listed = screens_by_id(hall);
    if (all_online()) break;
    std::this_thread::sleep_for(200ms);
  }
  INFO(last_screens_output);
  REQUIRE(all_online());
  for (const auto& [id, group] : ids) {
    const Json& st = listed[id];
    INFO(st.dump());
    CHECK(st["configured"] == true);
    CHECK(st["reported_group"] == group);
    CHECK(st["group"] == group);
    CHECK(st["sequence"].get<int64_t>() > 0);
    CHECK(st["rss_kb"].get<int64_t>() > 1000);
    CHECK(st["frame_ms"].get<double>() >= 0.0);
    CHECK(st["offline_since"] == "");
    const std::string board = st["board"];
    CHECK(board == "urgent");  // the urgent notice fills every screen
  }
  CHECK(listed["lobby-1"]["name"] == "一楼大厅主屏");
  auto text = run("hallctl", hall.hallctl_args({"screens"}));
  CHECK_THAT(text.output, Catch::Contains("3 of 3 screen(s) online"));

  // Restart the controller: the screens take the new epoch and show a notice
  // posted after the restart, without being restarted themselves.
  controller->signal(SIGTERM);
  REQUIRE(controller->wait(10s) == 0);
  controller = std::make_unique<Process>("hall-controller", cargs, hall.dir.path() / "c2.log");
  REQUIRE(controller->wait_for_log("controller up"));
  for (auto& s : screens) {
    const auto end = std::chrono::steady_clock::now() + 12s;
    while (count_of(s->log(), "controller epoch ") < 2 && std::chrono::steady_clock::now() < end)
      std::this_thread::sleep_for(100ms);
    CHECK(count_of(s->log(), "controller epoch ") >= 2);
  }
  REQUIRE(run("hallctl", hall.hallctl_args({"notice", "post", "--urgent", "测试紧急通知二"})).code == 0);
  for (auto& s : screens) CHECK(s->wait_for_log("urgent notice shown: 测试紧急通知二", 10s));

  // Stop the screens; they leave their caches behind. Then stop the controller.
  for (auto& s : screens) s->signal(SIGTERM);
  for (auto& s : screens) CHECK(s->wait(10s) == 0);
  const auto stopped = std::chrono::steady_clock::now();
  controller->signal(SIGTERM);
  REQUIRE(controller->wait(10s) == 0);
  controller.reset();
  CHECK(std::filesystem::exists(hall.dir.path() / "cache-lobby-1" / "snapshot.bin"));

  // No controller now: a screen using lobby-1's cache shows it, marked offline.
  const auto png = hall.dir.str("offline.png");
  auto args = hall.signage_args("lobby-1", 20, png);
  args.insert(args.end(), {"--set", "signage.cache_dir=" + hall.dir.str("cache-lobby-1"), "--board", "identity"});
  Process offline("hall-signage", args, hall.dir.path() / "offline.log");
  REQUIRE(offline.wait(30s) == 0);
  CHECK_THAT(offline.log(), Catch::Contains("showing the cached snapshot"));
  CHECK_THAT(offline.log(), Catch::Contains("showing hall '" + kHallName + "'"));
  CHECK_THAT(offline.log(), Catch::Contains("urgent notice shown: 测试紧急通知二"));
  CHECK_THAT(offline.log(), Catch::Contains(", 0 missing"));
  const auto stats = png_stats(png);  // the cached urgent notice fills the screen
  REQUIRE(stats.loaded);
  CHECK(stats.distinct_colors > 10);

  // The controller again: the stopped screens show offline once their last
  // report is older than the controller's 15 s rule (docs/protocol.md).
  controller = std::make_unique<Process>("hall-controller", cargs, hall.dir.path() / "c3.log");
  REQUIRE(controller->wait_for_log("controller up"));
  const auto offline_at = stopped + 17s;
  if (std::chrono::steady_clock::now() < offline_at) std::this_thread::sleep_until(offline_at);
  listed = screens_by_id(hall);
  for (const auto& [id, group] : ids) {
    INFO(listed[id].dump());
    CHECK(listed[id]["online"] == false);
    CHECK(listed[id]["last_seen"] != "");
    CHECK(listed[id]["sequence"].get<int64_t>() > 0);
  }
  CHECK_THAT(run("hallctl", hall.hallctl_args({"screens"})).output, Catch::Contains("0 of 3 screen(s) online"));
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
  bool aside = false;  // renamed snapshot.bin.corrupt-<UTC time>, never deleted
  for (const auto& e : std::filesystem::directory_iterator(dir))
    aside |= e.path().filename().string().rfind("snapshot.bin.corrupt-", 0) == 0;
  CHECK(aside);
}

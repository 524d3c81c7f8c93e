// Screenshot tests of every signage board in both orientations, fed the
// sample hall by an in-test CHP server (FakeController). Each PNG is checked
// to be non-blank with 0 missing glyphs; they stay in build/screenshots/ to
// look at (signage-<board>-<orientation>.png).
// FakeController stays here on purpose: the boards need rankings and queue
// calls, which the real controller publishes only from live scoring and
// queue data; the real-controller path is in test_signage_hall.cpp.
#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>

#include "harness.h"
#include "png_check.h"
#include "sample_hall.h"

using namespace testing;

namespace {
std::string shot(const std::string& name) {
  const auto dir = std::filesystem::path(HALL_BIN_DIR).parent_path() / "screenshots";
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

struct Shot {
  std::string name;
  std::vector<std::string> extra;
};

void shoot_all(bool portrait) {
  Hall hall;
  FakeController fc(hall.base, hall.base + 3);
  REQUIRE(fc.started());
  fc.set_all(sample_hall_map({}));
  const std::string orient = portrait ? "portrait" : "landscape";
  const int w = portrait ? 1080 : 1920, h = portrait ? 1920 : 1080;
  std::vector<Shot> shots;
  for (const char* b : {"standards", "identity", "pledges", "rankings", "queue"}) shots.push_back({b, {"--board", b}});
  std::vector<std::unique_ptr<Process>> procs;
  std::vector<std::string> pngs;
  for (const auto& s : shots) {
    const std::string png = shot("signage-" + s.name + "-" + orient + ".png");
    std::filesystem::remove(png);
    auto args = hall.signage_args("shot-" + s.name, 30, png);
    args.insert(args.end(), s.extra.begin(), s.extra.end());
    args.insert(args.end(), {"--set", "screen.width=" + std::to_string(w), "--set", "screen.height=" + std::to_string(h),
                             "--set", "signage.cache_dir=" + hall.dir.str("cache-" + s.name)});
    procs.push_back(std::make_unique<Process>("hall-signage", args, hall.dir.path() / (s.name + ".log")));
    pngs.push_back(png);
  }
  for (size_t i = 0; i < procs.size(); ++i) {
    INFO(shots[i].name << " " << orient);
    REQUIRE(procs[i]->wait(60s) == 0);
    const std::string log = procs[i]->log();
    CHECK_THAT(log, Catch::Contains("showing hall '朝阳区政务服务中心'"));
    CHECK_THAT(log, Catch::Contains(", 0 missing"));
    CHECK(log.find("content problem") == std::string::npos);
    const auto stats = png_stats(pngs[i]);
    REQUIRE(stats.loaded);
    CHECK(stats.width == w);
    CHECK(stats.height == h);
    CHECK(stats.distinct_colors > 30);
    CHECK(stats.non_background > 0.10);
  }
}

void shoot_special(bool portrait) {
  // The urgent overlay, and the rankings board before any ranking exists.
  Hall hall;
  FakeController fc(hall.base, hall.base + 3);
  REQUIRE(fc.started());
  fc.set_all(sample_hall_map({.rankings = false, .urgent = true}));
  const std::string orient = portrait ? "portrait" : "landscape";
  const int w = portrait ? 1080 : 1920, h = portrait ? 1920 : 1080;
  auto size = std::vector<std::string>{"--set", "screen.width=" + std::to_string(w), "--set",
                                       "screen.height=" + std::to_string(h)};
  const std::string urgent_png = shot("signage-urgent-" + orient + ".png");
  auto a = hall.signage_args("shot-urgent", 30, urgent_png);
  a.insert(a.end(), size.begin(), size.end());
  a.insert(a.end(), {"--set", "signage.cache_dir=" + hall.dir.str("c1")});
  Process urgent("hall-signage", a, hall.dir.path() / "urgent.log");
  REQUIRE(urgent.wait(60s) == 0);
  CHECK_THAT(urgent.log(), Catch::Contains("urgent notice shown: 因系统升级"));
  CHECK_THAT(urgent.log(), Catch::Contains(", 0 missing"));
  auto stats = png_stats(urgent_png);
  REQUIRE(stats.loaded);
  CHECK(stats.width == w);
  CHECK(stats.distinct_colors > 10);

  fc.set("/notices/urgent", "");
  const std::string empty_png = shot("signage-rankings-empty-" + orient + ".png");
  auto b = hall.signage_args("shot-norank", 30, empty_png);
  b.insert(b.end(), size.begin(), size.end());
  b.insert(b.end(), {"--board", "rankings", "--set", "signage.cache_dir=" + hall.dir.str("c2")});
  Process norank("hall-signage", b, hall.dir.path() / "norank.log");
  REQUIRE(norank.wait(60s) == 0);
  CHECK_THAT(norank.log(), Catch::Contains(", 0 missing"));
  CHECK(norank.log().find("urgent notice shown") == std::string::npos);
  stats = png_stats(empty_png);
  REQUIRE(stats.loaded);
  CHECK(stats.non_background > 0.05);
}
}  // namespace

TEST_CASE("every signage board renders in landscape with the sample hall") { shoot_all(false); }
TEST_CASE("every signage board renders in portrait with the sample hall") { shoot_all(true); }
TEST_CASE("the urgent overlay and the empty rankings board render in landscape") { shoot_special(false); }
TEST_CASE("the urgent overlay and the empty rankings board render in portrait") { shoot_special(true); }

TEST_CASE("an unknown board name is refused with the list of boards") {
  auto r = run("hall-signage", {"--headless", "--frames", "1", "--board", "weather"});
  CHECK(r.code == 2);
  CHECK_THAT(r.output, Catch::Contains("unknown board 'weather'"));
  CHECK_THAT(r.output, Catch::Contains("standards, identity, pledges, rankings or queue"));
}

// Screenshot tests: each UI rendered headless to PNG, checked not blank and
// with every glyph drawable. The PNGs stay in build/screenshots/ to look at.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "harness.h"
#include "png_check.h"

using namespace testing;

namespace {
std::string shot_path(const std::string& name) {
  const auto dir = std::filesystem::path(HALL_BIN_DIR).parent_path() / "screenshots";
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

void check_png(const std::string& path, int width, int height) {
  const auto stats = png_stats(path);
  REQUIRE(stats.loaded);
  CHECK(stats.width == width);
  CHECK(stats.height == height);
  CHECK(stats.distinct_colors > 20);       // text antialiasing, header, accents
  CHECK(stats.non_background > 0.05);      // something substantial is drawn
}
}  // namespace

TEST_CASE("signage renders its header and body headless") {
  Hall hall;
  Process controller("hall-controller", hall.controller_args("朝阳区政务服务中心"), hall.dir.path() / "c.log");
  REQUIRE(controller.wait_for_log("controller up"));
  const auto png = shot_path("signage-landscape.png");
  std::filesystem::remove(png);
  Process screen("hall-signage", hall.signage_args("shot-1", 40, png), hall.dir.path() / "s.log");
  REQUIRE(screen.wait(20s) == 0);
  CHECK_THAT(screen.log(), Catch::Contains("showing hall '朝阳区政务服务中心'"));
  CHECK_THAT(screen.log(), Catch::Contains(", 0 missing"));
  check_png(png, 1920, 1080);
}

TEST_CASE("signage renders portrait and offline") {
  Hall hall;  // no controller: the screen must still draw
  const auto png = shot_path("signage-portrait-offline.png");
  auto args = hall.signage_args("shot-2", 10, png);
  args.insert(args.end(), {"--set", "screen.width=1080", "--set", "screen.height=1920"});
  auto r = run("hall-signage", args);
  REQUIRE(r.code == 0);
  check_png(png, 1080, 1920);
}

TEST_CASE("kiosk renders its welcome screen in Chinese and in English") {
  Hall hall;
  Process controller("hall-controller", hall.controller_args(), hall.dir.path() / "c.log");
  REQUIRE(controller.wait_for_log("controller up"));
  for (const char* lang : {"zh", "en"}) {
    INFO(lang);
    const auto png = shot_path(std::string("kiosk-welcome-") + lang + ".png");
    auto args = hall.kiosk_args(std::string("shot-") + lang, 40, png);
    args.insert(args.end(), {"--language", lang});
    auto r = run("hall-kiosk", args);
    REQUIRE(r.code == 0);
    CHECK_THAT(r.output, Catch::Contains(", 0 missing"));
    check_png(png, 1080, 1920);
  }
}

TEST_CASE("signage opens a real window when a display is present") {
  if (!std::getenv("DISPLAY")) {
    WARN("no DISPLAY: run the suite through scripts/test (it starts Xvfb) to cover real windows");
    return;
  }
  Hall hall;
  const auto png = shot_path("signage-x11-window.png");
  auto args = hall.signage_args("x11", 10, png);
  args.erase(std::find(args.begin(), args.end(), "--headless"));
  if (kAddressSanitizer) {
    // SDL loads Mesa's GL driver for a window and unloads it at exit, leaving
    // allocations LeakSanitizer can no longer name; the headless runs check
    // the same code for leaks.
    const char* asan = std::getenv("ASAN_OPTIONS");
    setenv("ASAN_OPTIONS", (std::string(asan ? asan : "") + ":detect_leaks=0").c_str(), 1);
  }
  auto r = run("hall-signage", args);
  REQUIRE(r.code == 0);
  CHECK_THAT(r.output, Catch::Contains("window, renderer"));
  check_png(png, 1920, 1080);
}

// The kiosk's layout at the panel sizes halls buy, read from its layout
// report (--layout): every step in Chinese and English at 1080x1920,
// 1920x1080, 1280x800, 1366x768, 1024x768 and 800x1280, each with a realistic
// diagonal: every button on screen, apart from the others and at least 15 mm;
// no text cut off, shortened or under 3 % of the short side; the five choices
// and the staff strip on the Rate step. The PNGs stay in build/screenshots/
// (kiosk-<step>-<lang>-<WxH>.png) to look at.
#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>

#include <nlohmann/json.hpp>

#include "common/time/clock.h"
#include "common/time/periods.h"
#include "common/time/zone.h"

#include "harness.h"
#include "layout_report.h"
#include "sample_hall.h"

using namespace testing;

namespace {
struct Panel {
  int width, height;
  double diagonal_in;
};
// A 21.5" evaluator pole both ways, a 10.1" and an 11.6" pad, a 9.7" 4:3
// tablet and an 8" portrait pad.
constexpr Panel kPanels[] = {{1080, 1920, 21.5}, {1920, 1080, 21.5}, {1280, 800, 10.1},
                             {1366, 768, 11.6},  {1024, 768, 9.7},   {800, 1280, 8.0}};

std::vector<std::string> panel_args(const Panel& p) {
  return {"--set", "screen.width=" + std::to_string(p.width), "--set", "screen.height=" + std::to_string(p.height),
          "--set", "screen.diagonal_in=" + std::to_string(p.diagonal_in)};
}

void check_panel(const Panel& p, const std::string& lang) {
  Hall hall;  // no controller: the demo steps carry their own sample data
  const std::string size = std::to_string(p.width) + "x" + std::to_string(p.height);
  for (const char* step : {"idle", "ticket", "ticket-error", "confirm", "rate", "reasons", "thanks"}) {
      const std::string name = std::string("kiosk-") + step + "-" + lang + "-" + size;
      INFO(name);
      const auto png = out_path(name + ".png"), json = out_path(name + ".json");
      std::filesystem::remove(json);
      auto args = hall.kiosk_args("layout-" + lang, 3, png);
      args.insert(args.end(), {"--demo-step", step, "--language", lang, "--layout", json});
      const auto extra = panel_args(p);
      args.insert(args.end(), extra.begin(), extra.end());
      auto r = run("hall-kiosk", args);
      REQUIRE(r.code == 0);
      const auto report = read_layout(json);
      REQUIRE(report.loaded);
      CHECK(report.width == p.width);
      CHECK(report.height == p.height);
      const auto defects = layout_defects(report, {.min_button_mm = 15, .min_text_share = 0.03});
      for (const auto& d : defects) UNSCOPED_INFO(d);
      CHECK(defects.empty());
      CHECK(report.button("lang"));
      if (std::string(step) == "rate") {
        for (int score = 1; score <= 5; ++score) CHECK(report.button("score-" + std::to_string(score)));
        CHECK(report.button("back"));
        CHECK(report.has_text("李晓红"));  // who is being rated stays on screen
        CHECK(report.has_text(lang == "zh" ? "3号窗口" : "Window 3"));
      }
      if (std::string(step) == "ticket") {
        for (const char* k : {"key-A", "key-F", "key-0", "key-9", "key-DEL", "key-OK", "back"}) CHECK(report.button(k));
      }
      if (std::string(step) == "reasons") {
        for (const char* k : {"reason-0", "reason-6", "key-0", "key-CLR", "key-DEL", "submit", "back"})
          CHECK(report.button(k));
        CHECK(report.has_text("13812345678"));  // just typed: shown in clear
      }
      if (std::string(step) == "thanks") CHECK(report.has_text(lang == "zh" ? "秒后回到首页" : "Back to the start in"));
    }
}
}  // namespace

TEST_CASE("kiosk layout fits a 1080x1920 panel in Chinese") { check_panel(kPanels[0], "zh"); }
TEST_CASE("kiosk layout fits a 1080x1920 panel in English") { check_panel(kPanels[0], "en"); }
TEST_CASE("kiosk layout fits a 1920x1080 panel in Chinese") { check_panel(kPanels[1], "zh"); }
TEST_CASE("kiosk layout fits a 1920x1080 panel in English") { check_panel(kPanels[1], "en"); }
TEST_CASE("kiosk layout fits a 1280x800 panel in Chinese") { check_panel(kPanels[2], "zh"); }
TEST_CASE("kiosk layout fits a 1280x800 panel in English") { check_panel(kPanels[2], "en"); }
TEST_CASE("kiosk layout fits a 1366x768 panel in Chinese") { check_panel(kPanels[3], "zh"); }
TEST_CASE("kiosk layout fits a 1366x768 panel in English") { check_panel(kPanels[3], "en"); }
TEST_CASE("kiosk layout fits a 1024x768 panel in Chinese") { check_panel(kPanels[4], "zh"); }
TEST_CASE("kiosk layout fits a 1024x768 panel in English") { check_panel(kPanels[4], "en"); }
TEST_CASE("kiosk layout fits a 800x1280 panel in Chinese") { check_panel(kPanels[5], "zh"); }
TEST_CASE("kiosk layout fits a 800x1280 panel in English") { check_panel(kPanels[5], "en"); }

TEST_CASE("kiosk keypad offers the letters the queue system's tickets use") {
  Hall hall;
  FakeController fc(hall.base, hall.base + 3);
  REQUIRE(fc.started());
  fc.set("/hall/info", R"({"name":"朝阳区政务服务中心","name_en":""})");
  fc.set("/queue/letters", R"({"letters":"AL"})");
  const auto png = out_path("kiosk-ticket-letters.png"), json = out_path("kiosk-ticket-letters.json");
  std::filesystem::remove(json);
  auto args = hall.kiosk_args("letters", 45, png);
  args.insert(args.end(), {"--type", "L00", "--layout", json});
  auto r = run("hall-kiosk", args);
  REQUIRE(r.code == 0);
  CHECK_THAT(r.output, Catch::Contains("on step ticket"));
  const auto report = read_layout(json);
  REQUIRE(report.loaded);
  CHECK(report.button("key-A"));
  CHECK(report.button("key-L"));
  CHECK_FALSE(report.button("key-B"));
  CHECK(report.has_text("L00"));
  CHECK(layout_defects(report, {.min_button_mm = 15}).empty());
}

// The hall's state on the kiosk's start screen (issue 14): today and
// tomorrow are public holidays in the published calendar, so the kiosk, on
// the hall's date whatever the time, says so in one line within the screen,
// and its start button stays.
TEST_CASE("the kiosk's start screen says the hall is closed for a holiday, within the screen") {
  const auto zone = *hall::TimeZone::named("Asia/Shanghai");
  const std::chrono::year_month_day ymd{
      std::chrono::floor<std::chrono::days>(zone.to_local(std::chrono::system_clock::now()))};
  const hall::Date today{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                         static_cast<int>(static_cast<unsigned>(ymd.day()))};
  const auto tomorrow = hall::civil_from_days(hall::days_from_civil(today) + 1);
  for (const Panel& p : {kPanels[1], kPanels[5]}) {
    const std::string name = "kiosk-idle-holiday-" + std::to_string(p.width) + "x" + std::to_string(p.height);
    INFO(name);
    Hall hall;
    FakeController fc(hall.base, hall.base + 3);
    REQUIRE(fc.started());
    fc.set("/hall/info", R"({"name":"朝阳区政务服务中心","name_en":""})");
    fc.set("/hall/clock", nlohmann::json{{"iso", hall::iso_time(std::chrono::system_clock::now(), zone)},
                                         {"epoch_ms", hall::epoch_ms(std::chrono::system_clock::now())},
                                         {"utc_offset_min", 480}, {"timezone", "Asia/Shanghai"}}.dump());
    fc.set("/hall/hours", nlohmann::json{{"week", {{{"days", {1, 2, 3, 4, 5, 6, 7}}, {"periods", {"08:30-17:30"}}}}},
                                         {"holidays", {to_string(today), to_string(tomorrow)}},
                                         {"workdays", nlohmann::json::array()}, {"years", {today.year}}}.dump());
    const auto png = out_path(name + ".png"), json = out_path(name + ".json");
    std::filesystem::remove(json);
    auto args = hall.kiosk_args("holiday", 45, png);
    args.insert(args.end(), {"--layout", json});
    const auto extra = panel_args(p);
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = run("hall-kiosk", args);
    REQUIRE(r.code == 0);
    const auto report = read_layout(json);
    REQUIRE(report.loaded);
    const auto defects = layout_defects(report, {.min_button_mm = 15, .min_text_share = 0.03});
    for (const auto& d : defects) UNSCOPED_INFO(d);
    CHECK(defects.empty());
    std::optional<nlohmann::json> line;
    for (const auto& t : report.texts())
      if (t.value("text", "").rfind("今日休息（法定节假日）", 0) == 0) line = t;
    REQUIRE(line);
    CHECK(line->value("x", -1.0) >= 0);
    CHECK(line->value("x", 0.0) + line->value("w", 0.0) <= p.width);
    CHECK(report.button("start"));
  }
}

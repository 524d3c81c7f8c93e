// The signage boards at the panel sizes halls buy, read from the layout
// report (--layout): at 1080x1920, 1920x1080, 1280x800, 1366x768, 1024x768 and
// 800x1280 no text is cut off or shortened ("…") and none is under 3 % of the
// short side (32 px at 1080p); the called ticket is the largest text on the
// queue board and 紧急通知 the largest on the urgent overlay. The sample hall
// gets one service item whose facts, steps and materials are long, so it must
// wrap and flow over pages. Offline: a screen started from its cache shows
// the cached hall name, says calls are paused, and its offline mark sits in
// the header over nothing else. While the ticker scrolls, the rest of the board
// is drawn again only when it changes. PNGs and reports stay in build/screenshots/.
#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include "harness.h"
#include "layout_report.h"
#include "sample_hall.h"

using namespace testing;
using nlohmann::json;

namespace {
struct Size {
  int width, height;
};
constexpr Size kSizes[] = {{1080, 1920}, {1920, 1080}, {1280, 800}, {1366, 768}, {1024, 768}, {800, 1280}};

// The sample hall with one long service item in place of the fifteen short ones.
std::map<std::string, std::string> long_facts_hall() {
  auto map = sample_hall_map({});
  for (auto it = map.begin(); it != map.end();)
    it = it->first.rfind("/content/standards/", 0) == 0 ? map.erase(it) : std::next(it);
  json steps = json::array(), materials = json::array();
  for (const char* s : {"申请人携带居民户口簿和原居民身份证到户籍所在地或居住地公安机关窗口提出申请",
                        "窗口工作人员核验身份、现场采集人像和指纹信息，申请人确认登记项目",
                        "按标准缴纳证件工本费，领取《居民身份证领取凭证》",
                        "公安机关审核制证，制证期间可申领临时居民身份证",
                        "凭领取凭证到窗口领取或选择邮寄送达"})
    steps.push_back(s);
  for (const char* m : {"居民户口簿（原件）", "原居民身份证（换领时交回；丢失补领的提交书面说明）",
                        "近期免冠彩色照片由窗口现场采集，无需自带", "未满十六周岁的由监护人陪同并提供监护人身份证明",
                        "在居住地申领的，提供居住证或居住登记凭证"})
    materials.push_back(m);
  map["/content/standards/sfz"] = json{{"id", "sfz"},
                                       {"name", "居民身份证换领、补领（含异地办理、临时居民身份证申领）"},
                                       {"department", "gongan"},
                                       {"steps", steps},
                                       {"materials", materials},
                                       {"time_limit", "受理之日起20个工作日内办结，异地办理30个工作日，临时证当场办结"},
                                       {"fee", "换领20元，补领40元，临时居民身份证10元；邮寄费用由申请人承担"},
                                       {"legal_basis", "《中华人民共和国居民身份证法》第十一条、第二十条；《临时居民身份证管理办法》第五条"},
                                       {"phone", "010-65090000 转 8023（工作日 8:30—17:30）"}}
                                      .dump();
  return map;
}

double largest_text(const LayoutReport& r, const std::string& except_containing = "") {
  double best = 0;
  for (const auto& t : r.texts())
    if (except_containing.empty() || t.value("text", "").find(except_containing) == std::string::npos)
      best = std::max(best, t.value("font_px", 0.0));
  return best;
}

double font_of(const LayoutReport& r, const std::string& text) {
  for (const auto& t : r.texts())
    if (t.value("text", "") == text) return t.value("font_px", 0.0);
  return 0;
}

void check_size(const Size& z) {
  Hall hall;
  FakeController fc(hall.base, hall.base + 3);
  REQUIRE(fc.started());
  fc.set_all(long_facts_hall());
  const std::string size = std::to_string(z.width) + "x" + std::to_string(z.height);
  struct Shot {
    std::string name, board;
  };
  const std::vector<Shot> shots = {{"standards", "standards"}, {"identity", "identity"}, {"pledges", "pledges"},
                                   {"rankings", "rankings"},   {"queue", "queue"}};
  std::vector<std::unique_ptr<Process>> procs;
  for (const auto& s : shots) {
    const std::string base = "signage-" + s.name + "-" + size;
    std::filesystem::remove(out_path(base + ".json"));
    auto args = hall.signage_args("layout-" + s.name, 30, out_path(base + ".png"));
    args.insert(args.end(), {"--board", s.board, "--layout", out_path(base + ".json"), "--set",
                             "screen.width=" + std::to_string(z.width), "--set",
                             "screen.height=" + std::to_string(z.height)});
    procs.push_back(std::make_unique<Process>("hall-signage", args, hall.dir.path() / (s.name + ".log")));
  }
  for (size_t i = 0; i < procs.size(); ++i) {
    const std::string base = "signage-" + shots[i].name + "-" + size;
    INFO(base);
    REQUIRE(procs[i]->wait(60s) == 0);
    CHECK_THAT(procs[i]->log(), Catch::Contains("showing hall '朝阳区政务服务中心'"));
    const auto report = read_layout(out_path(base + ".json"));
    REQUIRE(report.loaded);
    CHECK(report.width == z.width);
    const auto defects = layout_defects(report, {.min_text_share = 0.03});
    for (const auto& d : defects) UNSCOPED_INFO(d);
    CHECK(defects.empty());
    CHECK(report.has_text("朝阳区政务服务中心"));
    if (shots[i].name == "queue") {
      CHECK(font_of(report, "A023") > 0);
      CHECK(font_of(report, "A023") >= largest_text(report));  // larger than the clock
    }
    if (shots[i].name == "identity") {
      // The ticker scrolls every frame; the rest is drawn again only when it changes.
      const std::string log = procs[i]->log();
      const auto at = log.find("signage stopping after 30 frames (the still part drawn ");
      REQUIRE(at != std::string::npos);
      const int still = std::stoi(log.substr(at + std::string("signage stopping after 30 frames (the still part drawn ").size()));
      CHECK(still >= 1);
      CHECK(still < 15);
    }
    if (shots[i].name == "rankings") {
      CHECK(report.has_text("综合得分"));
      CHECK_FALSE(report.has_text("no data"));
      CHECK(report.has_text("统计周期 2026年10月"));  // a closed month: no live label
      CHECK_FALSE(report.has_text("本月实时"));
    }
    if (shots[i].name == "standards") {
      CHECK(report.has_text("居民身份证换领"));
    }
  }
  // This month as it stands (ranking.board_period = "live"): labelled 本月实时
  // beside the period; a window and a person with too few ratings are listed
  // as 评价数不足, without rank, stars or score.
  {
    json live = {{"period", "2026年11月"}, {"live", true}};
    live["windows"] = json::array({json{{"number", 3}, {"name", "公积金窗口"}, {"stars", 5}, {"score", 96.4}, {"rank", 1}},
                                   json{{"number", 1}, {"name", "综合受理窗口"}, {"stars", 4}, {"score", 91.2}, {"rank", 2}},
                                   json{{"number", 6}, {"name", "税务窗口"}, {"stars", 0}, {"score", 0}, {"rank", 0},
                                        {"too_few", true}}});
    live["staff"] = json::array({json{{"name", "王芳"}, {"detail", "综合受理岗"}, {"stars", 5}, {"score", 97.1}, {"rank", 1}},
                                 json{{"name", "张伟"}, {"detail", "社保专员"}, {"stars", 0}, {"score", 0}, {"rank", 0},
                                      {"too_few", true}}});
    fc.set("/rankings/stars", live.dump());
    const std::string live_base = "signage-rankings-live-" + size;
    std::filesystem::remove(out_path(live_base + ".json"));
    auto live_args = hall.signage_args("layout-live", 30, out_path(live_base + ".png"));
    live_args.insert(live_args.end(), {"--board", "rankings", "--layout", out_path(live_base + ".json"), "--set",
                                       "screen.width=" + std::to_string(z.width), "--set",
                                       "screen.height=" + std::to_string(z.height)});
    Process shot("hall-signage", live_args, hall.dir.path() / "live.log");
    REQUIRE(shot.wait(60s) == 0);
    const auto report = read_layout(out_path(live_base + ".json"));
    REQUIRE(report.loaded);
    const auto defects = layout_defects(report, {.min_text_share = 0.03});
    for (const auto& d : defects) UNSCOPED_INFO(d);
    CHECK(defects.empty());
    CHECK(report.has_text("统计周期 2026年11月"));
    CHECK(report.has_text("本月实时"));
    CHECK(font_of(report, "本月实时") > 0);
    int too_few = 0;
    for (const auto& t : report.texts()) too_few += t.value("text", "") == "评价数不足";
    CHECK(too_few == 2);  // the window and the person
    CHECK(report.has_text("税务窗口"));
    CHECK(report.has_text("张伟"));
  }

  // The urgent overlay: its heading is the largest text.
  fc.set("/notices/urgent", json{{"text", "因系统升级，今日15:00至16:00暂停不动产登记业务，请您合理安排时间，给您带来不便敬请谅解。"},
                                 {"since", "2026-11-27T09:20:00+08:00"}}
                                .dump());
  const std::string base = "signage-urgent-" + size;
  std::filesystem::remove(out_path(base + ".json"));
  auto args = hall.signage_args("layout-urgent", 30, out_path(base + ".png"));
  args.insert(args.end(), {"--layout", out_path(base + ".json"), "--set", "screen.width=" + std::to_string(z.width),
                           "--set", "screen.height=" + std::to_string(z.height)});
  Process urgent("hall-signage", args, hall.dir.path() / "urgent.log");
  REQUIRE(urgent.wait(60s) == 0);
  const auto report = read_layout(out_path(base + ".json"));
  REQUIRE(report.loaded);
  const auto defects = layout_defects(report, {.min_text_share = 0.03});
  for (const auto& d : defects) UNSCOPED_INFO(d);
  CHECK(defects.empty());
  CHECK(font_of(report, "紧急通知") > 0);
  CHECK(font_of(report, "紧急通知") > largest_text(report, "紧急通知"));
}

bool overlaps(const json& a, const json& b) {
  return std::min(a.value("x", 0.0) + a.value("w", 0.0), b.value("x", 0.0) + b.value("w", 0.0)) >
             std::max(a.value("x", 0.0), b.value("x", 0.0)) + 0.5 &&
         std::min(a.value("y", 0.0) + a.value("h", 0.0), b.value("y", 0.0) + b.value("h", 0.0)) >
             std::max(a.value("y", 0.0), b.value("y", 0.0)) + 0.5;
}
}  // namespace

TEST_CASE("signage boards fit a 1080x1920 screen") { check_size(kSizes[0]); }
TEST_CASE("signage boards fit a 1920x1080 screen") { check_size(kSizes[1]); }
TEST_CASE("signage boards fit a 1280x800 screen") { check_size(kSizes[2]); }
TEST_CASE("signage boards fit a 1366x768 screen") { check_size(kSizes[3]); }
TEST_CASE("signage boards fit a 1024x768 screen") { check_size(kSizes[4]); }
TEST_CASE("signage boards fit a 800x1280 screen") { check_size(kSizes[5]); }

TEST_CASE("a screen started from its cache is honest: hall name, calls paused, offline mark in the header") {
  Hall hall;
  const std::string cache = hall.dir.str("cache-offline");
  {
    FakeController fc(hall.base, hall.base + 3);
    REQUIRE(fc.started());
    fc.set_all(sample_hall_map({}));
    auto args = hall.signage_args("offline", 30, out_path("signage-queue-online.png"));
    args.insert(args.end(), {"--board", "queue", "--set", "signage.cache_dir=" + cache});
    Process first("hall-signage", args, hall.dir.path() / "first.log");
    REQUIRE(first.wait(60s) == 0);
    REQUIRE(std::filesystem::exists(std::filesystem::path(cache) / "snapshot.bin"));
  }
  // The controller is gone; the screen starts from the cache.
  for (const char* orient : {"landscape", "portrait"}) {
    INFO(orient);
    const bool portrait = std::string(orient) == "portrait";
    const auto png = out_path(std::string("signage-queue-offline-") + orient + ".png");
    const auto layout = out_path(std::string("signage-queue-offline-") + orient + ".json");
    std::filesystem::remove(layout);
    auto args = hall.signage_args("offline", 10, png);
    args.insert(args.end(), {"--board", "queue", "--set", "signage.cache_dir=" + cache, "--layout", layout, "--set",
                             std::string("screen.width=") + (portrait ? "1080" : "1920"), "--set",
                             std::string("screen.height=") + (portrait ? "1920" : "1080")});
    auto r = run("hall-signage", args);
    REQUIRE(r.code == 0);
    const auto report = read_layout(layout);
    REQUIRE(report.loaded);
    CHECK(report.has_text("朝阳区政务服务中心"));  // the cached name, not "正在连接控制器…"
    CHECK_FALSE(report.has_text("正在连接"));
    CHECK(report.has_text("叫号暂停"));
    CHECK_FALSE(report.has_text("A023"));  // no stale call
    CHECK(layout_defects(report, {.min_text_share = 0.03}).empty());
    const json* mark = nullptr;
    for (const auto& t : report.items)
      if (t.value("text", "").rfind("离线 自 ", 0) == 0) mark = &t;
    REQUIRE(mark);
    const double header_bottom = (portrait ? 280.0 : 170.0) * std::min(report.width, report.height) / 1080.0;
    CHECK(mark->value("y", 0.0) + mark->value("h", 0.0) <= header_bottom);
    for (const auto& t : report.texts())
      if (&t != mark && t.value("text", "") != mark->value("text", "")) {
        INFO(t.dump());
        CHECK_FALSE(overlaps(*mark, t));
      }
  }
}

TEST_CASE("a screen with no cache and no controller shows no jargon") {
  Hall hall;
  const auto layout = out_path("signage-fresh-offline.json");
  std::filesystem::remove(layout);
  auto args = hall.signage_args("fresh", 5, out_path("signage-fresh-offline.png"));
  args.insert(args.end(), {"--layout", layout});
  auto r = run("hall-signage", args);
  REQUIRE(r.code == 0);
  const auto report = read_layout(layout);
  REQUIRE(report.loaded);
  CHECK_FALSE(report.has_text("正在连接控制器"));
  CHECK(layout_defects(report, {.min_text_share = 0.03}).empty());
}

// The hall's state on screen (issue 14): on a public holiday a playlist
// whose `outside` is "blank" shows the state large in the middle; at lunch
// the `outside` board comes up with the state in its title bar. The screen's
// clock follows the published /hall/clock, so the hall time is fixed.
TEST_CASE("a screen shows the hall's state on a holiday and at lunch, readable and within the screen") {
  const std::string hours =
      json{{"week", {{{"days", {1, 2, 3, 4, 5}}, {"periods", {"08:30-12:00", "13:30-17:30"}}},
                     {{"days", {6}}, {"periods", {"08:30-12:00"}}}}},
           {"holidays", {"2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06",
                         "2026-10-07"}},
           {"workdays", {"2026-10-10"}},
           {"years", {2026}}}
          .dump();
  struct Shot {
    std::string name, iso, outside, expect, also;
    int64_t epoch_ms;
  };
  // "blank": the state large in the middle, its first part over the rest.
  const std::vector<Shot> shots = {
      {"holiday", "2026-10-01T10:00:00+08:00", "blank", "今日休息（法定节假日）", "10月8日 08:30 开始办理", 1790820000000},
      {"lunch", "2026-11-27T12:30:00+08:00", "pledges", "午间休息 13:30 恢复办理", "", 1795753800000}};
  for (const auto& z : {Size{1920, 1080}, Size{800, 1280}}) {
    for (const auto& shot : shots) {
      const std::string base = "signage-hours-" + shot.name + "-" + std::to_string(z.width) + "x" + std::to_string(z.height);
      INFO(base);
      Hall hall;
      FakeController fc(hall.base, hall.base + 3);
      REQUIRE(fc.started());
      auto map = sample_hall_map({});
      map["/hall/clock"] = json{{"iso", shot.iso}, {"epoch_ms", shot.epoch_ms}, {"utc_offset_min", 480},
                                {"timezone", "Asia/Shanghai"}}.dump();
      map["/hall/hours"] = hours;
      auto playlist = json::parse(map.at("/groups/lobby/playlist"));
      playlist.erase("hours");  // follows the hall's
      playlist["outside"] = shot.outside;
      map["/groups/lobby/playlist"] = playlist.dump();
      fc.set_all(map);
      std::filesystem::remove(out_path(base + ".json"));
      auto args = hall.signage_args("hours-" + shot.name, 20, out_path(base + ".png"));
      args.insert(args.end(), {"--layout", out_path(base + ".json"), "--set", "screen.width=" + std::to_string(z.width),
                               "--set", "screen.height=" + std::to_string(z.height)});
      auto r = run("hall-signage", args);
      REQUIRE(r.code == 0);
      const auto report = read_layout(out_path(base + ".json"));
      REQUIRE(report.loaded);
      const auto defects = layout_defects(report, {.min_text_share = 0.03});
      for (const auto& d : defects) UNSCOPED_INFO(d);
      CHECK(defects.empty());
      std::optional<json> found;
      for (const auto& t : report.texts())
        if (t.value("text", "") == shot.expect) found = t;
      REQUIRE(found);
      const json* state = &*found;
      if (!shot.also.empty()) CHECK(report.has_text(shot.also));
      CHECK(state->value("x", -1.0) >= 0);
      CHECK(state->value("x", 0.0) + state->value("w", 0.0) <= z.width);
      CHECK(state->value("y", 0.0) + state->value("h", 0.0) <= z.height);
      if (shot.outside == "blank") {
        CHECK(state->value("font_px", 0.0) >= largest_text(report, shot.expect) * 0.99);  // the largest text
        CHECK(state->value("y", 0.0) > (z.width > z.height ? 170.0 : 280.0) * std::min(z.width, z.height) / 1080.0);
      }
    }
  }
}

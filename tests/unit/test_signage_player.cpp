// The signage player's logic, fed CHP maps and times directly: what it logs
// when the content changes, when the snapshot cache is written and read, and
// what a status report holds.
#include <catch2/catch.hpp>

#include "log_capture.h"
#include "process.h"
#include "sample_hall.h"
#include "signage/screen/player.h"

using namespace std::chrono_literals;
using Catch::Contains;
using Map = std::map<std::string, std::string>;
using Steady = signage::Player::Steady;

namespace {
const hall::SystemTime kWall = hall::SystemTime(std::chrono::seconds(1795743000));  // 2026-11-27 09:30 +08:00

signage::PlayerOptions options(const testing::TempDir& dir) {
  signage::PlayerOptions o;
  o.id = "screen-1";
  o.group = "lobby";
  o.cache_dir = dir.path() / "cache";
  return o;
}

Map sample() {
  Map m = testing::sample_hall_map({.photos = false});
  m["/hall/epoch"] = R"({"id":"e1"})";
  return m;
}

signage::Feed live(const Map& map, uint64_t sequence, bool changed = true) {
  return signage::Feed{&map, sequence, changed, true};
}

// The cached snapshot's sequence, or 0 when there is no cache.
uint64_t cached_sequence(const testing::TempDir& dir) {
  signage::SnapshotCache cache(dir.path() / "cache");
  auto loaded = cache.load();
  REQUIRE(loaded.ok());
  return *loaded ? (*loaded)->sequence : 0;
}
}  // namespace

TEST_CASE("the player logs what changes on screen") {
  testing::TempDir dir;
  testing::LogCapture log;
  const Steady t0 = Steady::clock::now();
  signage::Player p(options(dir), t0);
  p.start(kWall);
  CHECK(log.take().find("info") == std::string::npos);  // no cache: nothing to say

  Map map = sample();
  CHECK(p.update(live(map, 7), t0, kWall));
  std::string text = log.take();
  CHECK_THAT(text, Contains("info: online: controller reachable"));
  CHECK_THAT(text, Contains("info: showing hall '朝阳区政务服务中心' (sequence 7)"));
  CHECK_THAT(text, Contains("info: controller epoch e1 (sequence 7)"));
  CHECK_THAT(text, Contains("debug: board: "));
  CHECK(text.find("urgent") == std::string::npos);
  CHECK(text.find("warning") == std::string::npos);

  // Nothing changed: nothing logged, nothing to redraw.
  CHECK_FALSE(p.update(live(map, 7, false), t0 + 100ms, kWall));
  CHECK(log.take().empty());

  map["/notices/urgent"] = R"({"text":"今日15:00暂停办理","since":"2026-11-27T09:31:00+08:00"})";
  CHECK(p.update(live(map, 8), t0 + 200ms, kWall));
  CHECK_THAT(log.take(), Contains("info: urgent notice shown: 今日15:00暂停办理 (sequence 8)"));
  map.erase("/notices/urgent");
  map["/content/windows/9"] = "not json";
  CHECK(p.update(live(map, 9), t0 + 300ms, kWall));
  text = log.take();
  CHECK_THAT(text, Contains("info: urgent notice cleared (sequence 9)"));
  CHECK_THAT(text, Contains("warning: content problem: /content/windows/9"));
  CHECK(text.find("showing hall") == std::string::npos);  // the name did not change

  CHECK(p.update(signage::Feed{&map, 9, false, false}, t0 + 400ms, kWall));
  CHECK_THAT(log.take(), Contains("info: offline: controller not reachable"));
  CHECK_FALSE(p.model().online());
}

TEST_CASE("the player writes the cache after a change, at most every 2 s, and at the end") {
  testing::TempDir dir;
  testing::LogCapture quiet;
  const Steady t0 = Steady::clock::now();
  Map map = sample();
  {
    signage::Player p(options(dir), t0);
    p.start(kWall);
    // Before the first snapshot there is nothing of the controller's to keep.
    CHECK(p.update(signage::Feed{nullptr, 0, false, false}, t0, kWall));
    p.update(signage::Feed{nullptr, 0, false, false}, t0 + 5s, kWall);
    CHECK(cached_sequence(dir) == 0);

    p.update(live(map, 7), t0 + 6s, kWall);
    CHECK(cached_sequence(dir) == 7);  // more than 2 s since the start: written at once
    map["/hall/info"] = R"({"name":"甲"})";
    p.update(live(map, 8), t0 + 7s, kWall);
    CHECK(cached_sequence(dir) == 7);  // within 2 s of the last write: later
    p.update(live(map, 8, false), t0 + 7999ms, kWall);
    CHECK(cached_sequence(dir) == 7);
    p.update(live(map, 8, false), t0 + 8s, kWall);
    CHECK(cached_sequence(dir) == 8);
    // Without a change it is not written again.
    p.update(live(map, 9, false), t0 + 30s, kWall);
    CHECK(cached_sequence(dir) == 8);
    map["/hall/info"] = R"({"name":"乙"})";
    p.update(live(map, 10), t0 + 31s, kWall);
    CHECK(cached_sequence(dir) == 10);
    // A change not yet written is written at the end.
    map["/hall/info"] = R"({"name":"丙"})";
    p.update(live(map, 11), t0 + 32s, kWall);
    CHECK(cached_sequence(dir) == 10);
    p.stop(kWall + 32s);
    CHECK(cached_sequence(dir) == 11);
  }

  // The next start shows the cache, offline since it was written, until the controller answers.
  testing::LogCapture log;
  signage::Player p(options(dir), t0 + 1min);
  p.start(kWall + 1min);
  CHECK_THAT(log.take(), Contains("info: showing the cached snapshot from " + hall::iso_time(kWall + 32s)));
  CHECK(p.model().hall_name() == "丙");
  CHECK_FALSE(p.model().online());
  REQUIRE(p.model().offline_since());
  CHECK(*p.model().offline_since() == kWall + 32s);
  CHECK(p.map().at("/hall/info") == map.at("/hall/info"));
  CHECK(p.update(signage::Feed{nullptr, 0, false, false}, t0 + 1min, kWall + 1min));  // the first turn draws it
  CHECK(p.model().hall_name() == "丙");
  p.stop(kWall + 2min);  // nothing of the controller's came: the cache stays
  CHECK(cached_sequence(dir) == 11);
}

TEST_CASE("status reports: one per interval while reachable, with the screen's state") {
  testing::TempDir dir;
  testing::LogCapture quiet;
  const Steady t0 = Steady::clock::now();
  signage::Player p(options(dir), t0);
  p.start(kWall);
  CHECK_FALSE(p.status_due(t0, false, 16.0));  // the controller is not reachable

  Map map = sample();
  p.update(live(map, 42), t0 + 1s, kWall + 1s);
  auto r = p.status_due(t0 + 1s, true, 16.5);
  REQUIRE(r);
  CHECK(r->device_id == "screen-1");
  CHECK(r->group == "lobby");
  CHECK(r->board == p.model().current(kWall + 1s).board);
  CHECK_FALSE(r->board.empty());
  CHECK(r->sequence == 42);
  CHECK(r->uptime_s == 1);
  CHECK(r->frame_ms == 16.5);
  CHECK(r->rss_kb > 0);
  CHECK(r->offline_since == "");
  const auto fields = signage::status_fields(*r);
  CHECK(fields["device_id"] == "screen-1");
  CHECK(fields["sequence"] == 42);

  CHECK_FALSE(p.status_due(t0 + 5s, true, 16.5));  // 4 s since the last one
  map["/notices/urgent"] = R"({"text":"紧急通知"})";
  p.update(live(map, 43), t0 + 6s, kWall + 6s);
  r = p.status_due(t0 + 6s, true, 16.5);
  REQUIRE(r);
  CHECK(r->board == "urgent");
  CHECK(r->sequence == 43);
  CHECK(r->uptime_s == 6);

  p.update(signage::Feed{&map, 43, false, false}, t0 + 7s, kWall + 7s);
  r = p.status_due(t0 + 11s, true, 16.5);  // the device link answers, CHP does not
  REQUIRE(r);
  CHECK(r->offline_since == hall::iso_time(kWall + 7s));
}

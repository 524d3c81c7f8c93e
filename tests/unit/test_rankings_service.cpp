// The rankings service against an in-process controller core: real store,
// real ZeroMQ on loopback, kiosk DEALERs rating tickets, the admin socket and
// a CHP client reading /rankings/stars like the signage does.
#include <catch2/catch.hpp>

#include <random>

#include "controller/content/content_files.h"
#include "controller/rankings/scoring_tally.h"
#include "admin_requests.h"
#include "controller_fixture.h"
#include "common/chp/chp_client.h"

using namespace testing;
using hall::Json;

namespace {
// A finished ticket served at `window` by `staff` five minutes ago.
void served(TestController& t, const std::string& number, int window, const std::string& staff) {
  controller::TicketBook book(t.c->store());
  const int64_t now = hall::epoch_ms(std::chrono::system_clock::now());
  auto ev = [&](controller::QueueEventKind k, int64_t at_ms) {
    controller::QueueEvent e;
    e.kind = k;
    e.ticket = number;
    e.at_ms = at_ms;
    e.at = hall::iso_from_ms(at_ms);
    e.service_item_id = "item";
    e.service_item_name = "综合受理";
    e.window_number = window;
    e.window_name = std::to_string(window) + "号综合窗口";
    e.staff_id = staff;
    e.staff_name = "员工" + staff;
    if (auto s = book.apply(e, e.at); !s) throw std::runtime_error(s.error());
  };
  ev(controller::QueueEventKind::Created, now - 30 * 60000);
  ev(controller::QueueEventKind::Called, now - 20 * 60000);
  ev(controller::QueueEventKind::Finished, now - 5 * 60000);
}

// Rates `n` tickets: window 1 always 5, window 4 always 1 or 2, windows 2
// and 3 random (fixed seed). Staff s<w>a and s<w>b serve window w.
int rate_many(TestController& t, int n, int first = 0) {
  std::mt19937 rng(5);
  Client kiosk(t, t.device());
  int acks = 0;
  for (int i = first; i < first + n; ++i) {
    const int window = 1 + i % 4;
    const std::string staff = "s" + std::to_string(window) + (i % 8 < 4 ? "a" : "b");
    const std::string ticket = "R" + std::to_string(i);
    served(t, ticket, window, staff);
    int score = window == 1 ? 5 : window == 4 ? 1 + static_cast<int>(rng() % 2) : 1 + static_cast<int>(rng() % 5);
    kiosk.send(submit(uuid_n(1000 + i), ticket, score, Json::array(), "kiosk-" + std::to_string(i % 3)));
  }
  for (int i = 0; i < n; ++i) {
    auto r = kiosk.recv(t);
    REQUIRE(r);
    acks += (*r)["type"] == "evaluation.ack";
  }
  return acks;
}

}  // namespace

TEST_CASE("the rankings follow each committed rating and review and equal a recompute from the stored rows") {
  TestController t;
  REQUIRE(rate_many(t, 120) == 120);

  auto show = ask_admin(t, {{"type", "rankings.show"}, {"id", 1}});
  INFO(show.dump());
  REQUIRE(show["type"] == "rankings");
  CHECK(show["ratings"] == 120);
  const auto& windows = show["windows"];
  REQUIRE(windows.size() == 4);
  CHECK(windows.front()["number"] == 1);  // all 5s
  CHECK(windows.front()["rank"] == 1);
  CHECK(windows.back()["number"] == 4);   // all 1s and 2s
  for (size_t i = 1; i < windows.size(); ++i)
    CHECK(windows[i - 1]["composite"].get<double>() >= windows[i]["composite"].get<double>());
  int64_t counted = 0;
  for (const auto& w : windows) counted += w["count"].get<int64_t>();
  CHECK(counted == 120);
  CHECK(show["staff"].size() == 8);

  // Reviews and bonuses count in the running tally and in a recompute alike.
  auto wire = controller::content::read_content_dir(HALL_SOURCE_DIR "/config/sample-hall");
  REQUIRE(wire.ok());
  Json import = *wire;
  import["type"] = "content.import";
  REQUIRE(ask_admin(t, import)["type"] != "error");
  const std::string month = show["period"];
  auto entered = [&](Json j) {
    j["period"] = month;
    auto r = ask_admin(t, j);
    INFO(r.dump());
    CHECK(r["type"] != "error");
  };
  entered({{"type", "review.peer"}, {"reviewer", "wang-fang"}, {"reviewee", "zhang-wei"}, {"skill", 4},
           {"conduct", 5}, {"results", 4}});
  entered({{"type", "review.leader"}, {"reviewer", "he-ping"}, {"kind", "随机"}, {"subject_kind", "window"},
           {"subject", "4"}, {"score", 3}});
  entered({{"type", "review.leader"}, {"reviewer", "xu-jing"}, {"kind", "集中"}, {"subject_kind", "staff"},
           {"subject", "zhang-wei"}, {"score", 5}});
  entered({{"type", "bonus.add"}, {"subject_kind", "window"}, {"subject", "2"}, {"points", 1.5},
           {"reason", "技能比武二等奖"}, {"by", "he-ping"}});
  show = ask_admin(t, {{"type", "rankings.show"}, {"id", 1}});
  CHECK(show["staff"].size() == 9);  // zhang-wei, reviewed only
  for (const auto& w : show["windows"]) {
    if (w["number"] == 4) CHECK(w["leader"] == 50.0);
    if (w["number"] == 2) CHECK(w["bonus"] == 1.5);
  }

  auto re = ask_admin(t, {{"type", "rankings.recompute"}, {"id", 2}});
  INFO(re.dump());
  CHECK(re["type"] == "rankings.recomputed");
  CHECK(re["matched"] == true);
  CHECK(re["ratings"] == 120);

  // Same standings after the recompute.
  auto again = ask_admin(t, {{"type", "rankings.show"}, {"id", 3}});
  CHECK(again["windows"] == show["windows"]);
  CHECK(again["staff"] == show["staff"]);
}

TEST_CASE("rankings show refuses a period it cannot read and names it") {
  TestController t;
  auto bad = ask_admin(t, {{"type", "rankings.show"}, {"period", "2026-13"}});
  CHECK(bad["type"] == "error");
  CHECK(bad["code"] == "bad_period");
  auto wrong = ask_admin(t, {{"type", "rankings.show"}, {"period", 202611}});
  CHECK(wrong["type"] == "error");
  CHECK(wrong["code"] == "bad_request");
  // Still serving.
  auto empty = ask_admin(t, {{"type", "rankings.show"}, {"period", "2026"}});
  CHECK(empty["type"] == "rankings");
  CHECK(empty["windows"].empty());
}

TEST_CASE("a restarted controller rebuilds the same rankings from the store") {
  TempDir data;
  auto same_dir = [&](controller::Settings& s) { s.data_dir = data.str("var"); };
  Json before;
  {
    TestController t(same_dir);
    REQUIRE(rate_many(t, 40) == 40);
    before = ask_admin(t, {{"type", "rankings.show"}, {"id", 1}});
  }
  TestController t(same_dir);
  auto after = ask_admin(t, {{"type", "rankings.show"}, {"id", 1}});
  CHECK(after["ratings"] == 40);
  CHECK(after["windows"] == before["windows"]);
  CHECK(after["staff"] == before["staff"]);
  // And it keeps counting new ratings on top.
  REQUIRE(rate_many(t, 8, 40) == 8);
  auto more = ask_admin(t, {{"type", "rankings.show"}, {"id", 2}});
  CHECK(more["ratings"] == 48);
  CHECK(ask_admin(t, {{"type", "rankings.recompute"}})["matched"] == true);
}

TEST_CASE("bad ranking settings stop the controller with the key named") {
  CHECK_THROWS_WITH(TestController([](controller::Settings& s) { s.ranking.weight_peer = -1; }),
                    Catch::Contains("ranking") && Catch::Contains("weight_peer"));
}

TEST_CASE("rankings are published to /rankings/stars in the signage board's format") {
  TestController t;
  hall::ChpClientOptions o;
  o.snapshot = {"127.0.0.1", t.base};
  o.subtree = "/rankings/";
  hall::ChpClient chp(t.sockets, o);
  REQUIRE(rate_many(t, 24) == 24);
  Json stars;
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(8);
  while (std::chrono::steady_clock::now() < end) {
    t.c->poll_once(std::chrono::milliseconds(5));
    chp.pump(std::chrono::steady_clock::now());
    auto it = chp.map().find("/rankings/stars");
    if (it == chp.map().end()) continue;
    stars = Json::parse(it->second);
    if (stars["windows"].size() == 4) break;
  }
  INFO(stars.dump());
  REQUIRE(stars["windows"].size() == 4);
  CHECK_THAT(stars["period"].get<std::string>(), Catch::Contains("年") && Catch::Contains("月"));
  CHECK(stars["windows"][0]["number"] == 1);
  CHECK(stars["windows"][0]["name"] == "1号综合窗口");
  CHECK(stars["windows"][0]["stars"].get<int>() >= stars["windows"][3]["stars"].get<int>());
  CHECK(stars["windows"][0]["score"].is_number());
  CHECK(stars["windows"][3]["number"] == 4);
  CHECK(stars["windows"][3]["stars"] == 1);
  REQUIRE(stars["staff"].size() == 8);
  CHECK(stars["staff"][0]["name"].get<std::string>().rfind("员工s1", 0) == 0);
  CHECK(stars["staff"][0].contains("detail"));
}

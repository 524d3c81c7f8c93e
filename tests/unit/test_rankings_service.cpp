// The rankings service against an in-process controller core: real store,
// real ZeroMQ on loopback, kiosk DEALERs rating tickets, the admin socket and
// a CHP client reading /rankings/stars like the signage does.
#include <catch2/catch.hpp>

#include <random>

#include "controller/rankings/scoring_tally.h"
#include "admin_requests.h"
#include "controller_fixture.h"
#include "common/chp/chp_client.h"
#include "common/time/iso8601.h"

using namespace testing;
using hall::Json;

namespace {
// A finished ticket served at `window` by `staff` five minutes before
// `now` (default: the real clock's now).
void served(TestController& t, const std::string& number, int window, const std::string& staff,
            int64_t now = hall::epoch_ms(std::chrono::system_clock::now())) {
  controller::TicketBook book(t.c->store());
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
  import_sample_hall(t);
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
  CHECK(show["staff"].size() == 9);  // zhang-wei, reviewed only: listed, not ranked
  for (const auto& p : show["staff"])
    if (p["id"] == "zhang-wei") {
      CHECK(p["too_few"] == true);
      CHECK(p["rank"] == 0);
      CHECK(p["stars"] == 0);
      CHECK(p["composite"].is_null());
    }
  for (const auto& w : show["windows"]) {
    if (w["number"] == 4) CHECK(w["leader"] == 88.0);  // a 3 under the default points table
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
  // This month as it stands (the default board shows last month); 3 ratings
  // are enough here (24 ratings: 6 per window, 3 per person).
  TestController t([](controller::Settings& s) {
    s.ranking.board_period = "live";
    s.ranking.min_ratings = 3;
  });
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
  CHECK(stars["live"] == true);
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

namespace {
// A controller clock the test moves: hall time (+08:00) given as text.
struct TestClock {
  std::atomic<int64_t> ms{0};
  void set(const char* iso) { ms = hall::epoch_ms(*hall::parse_iso_time(iso)); }
  hall::WallClock clock() {
    return [this] { return hall::SystemTime(std::chrono::milliseconds(ms.load())); };
  }
};

// Ticket `number` served at `window` by `staff` and rated `score` at the
// clock's time (served five minutes before).
void rate_at(TestController& t, Client& kiosk, int64_t now_ms, const std::string& number, int window,
             const std::string& staff, int score, int n) {
  served(t, number, window, staff, now_ms);
  auto ack = kiosk.ask(t, submit(uuid_n(n), number, score, Json::array(), "kiosk-1", now_ms));
  REQUIRE(ack);
  REQUIRE((*ack)["type"] == "evaluation.ack");
}

// 12 ratings per window in the clock's month: window 1 all 5, window 2 all 4,
// window 3 six 5s and six 4s, window 4 all 2.
void rate_month(TestController& t, TestClock& clock, const std::string& tag, int& n) {
  Client kiosk(t, t.device());
  for (int i = 0; i < 12; ++i) {
    const int scores[] = {5, 4, i < 6 ? 5 : 4, 2};
    for (int w = 1; w <= 4; ++w) {
      rate_at(t, kiosk, clock.ms, tag + std::to_string(w) + "-" + std::to_string(i), w, "s" + std::to_string(w),
              scores[w - 1], n);
      ++n;
      clock.ms += 1000;
    }
  }
}

const Json& window_row(const Json& show, int number) {
  for (const auto& w : show["windows"])
    if (w["number"] == number) return w;
  static const Json none;
  return none;
}
}  // namespace

TEST_CASE("a window last two closed months running is flagged for 约谈; the board shows the closed month") {
  TestClock clock;
  clock.set("2026-10-15T10:00:00+08:00");
  TestController t({}, false, clock.clock());
  int n = 1;
  rate_month(t, clock, "O", n);
  clock.set("2026-11-16T10:00:00+08:00");
  rate_month(t, clock, "N", n);
  // A leader review for windows 1 (5: 100 points) and 2 (3: 88) in November.
  import_sample_hall(t);
  for (auto [window, score] : {std::pair{"1", 5}, std::pair{"2", 3}}) {
    auto r = ask_admin(t, {{"type", "review.leader"}, {"period", "2026-11"}, {"reviewer", "he-ping"}, {"kind", "现场"},
                           {"subject_kind", "window"}, {"subject", window}, {"score", score}});
    INFO(r.dump());
    REQUIRE(r["type"] != "error");
  }
  clock.set("2026-12-02T09:00:00+08:00");

  // November by hand: 48 ratings, C = (60 + 48 + 54 + 24) / 48 = 3.875.
  // Window 3: R = 4.5, B = (54 + 20·3.875) / 32 = 4.109 -> 77.73; no leader
  // review of its own: the hall's leader average (100 + 88) / 2 = 94; no
  // window has peer reviews, so that weight is shared out for all alike:
  // (0.6·77.73 + 0.2·94) / 0.8 = 81.80.
  const double c = 186.0 / 48;
  const double citizen3 = ((54 + 20 * c) / 32 - 1) / 4 * 100;
  const double expected3 = (0.6 * citizen3 + 0.2 * (100.0 + 88.0) / 2) / 0.8;
  auto nov = ask_admin(t, {{"type", "rankings.show"}, {"period", "2026-11"}});
  INFO(nov.dump());
  REQUIRE(nov["type"] == "rankings");
  CHECK(nov["ratings"] == 48);
  CHECK(window_row(nov, 3)["composite"].get<double>() == Approx(expected3).margin(0.006));
  CHECK(window_row(nov, 3)["leader"] == 94.0);
  CHECK(window_row(nov, 3)["leader_hall"] == true);
  CHECK(window_row(nov, 1)["leader_hall"] == false);
  CHECK(window_row(nov, 4)["leader_hall"] == true);
  CHECK(window_row(nov, 4)["rank"] == 4);
  CHECK(nov["talk_months"] == Json::array({"2026-10", "2026-11"}));
  CHECK(window_row(nov, 4)["talk"] == true);
  for (int w = 1; w <= 3; ++w) CHECK(window_row(nov, w)["talk"] == false);

  // This month's view (no ratings yet) names the same two closed months.
  auto now = ask_admin(t, {{"type", "rankings.show"}});
  CHECK(now["period"] == "2026-12");
  CHECK(now["live"] == true);  // still running: 本月实时
  CHECK(nov["live"] == false);
  CHECK(now["talk_months"] == Json::array({"2026-10", "2026-11"}));
  // October's view looks at September and October: not yet two months.
  auto oct = ask_admin(t, {{"type", "rankings.show"}, {"period", "2026-10"}});
  CHECK(oct["talk_months"] == Json::array({"2026-09", "2026-10"}));
  CHECK(window_row(oct, 4)["rank"] == 4);
  CHECK(window_row(oct, 4)["talk"] == false);

  // The board (ranking.board_period = "closed"): November, not live.
  hall::ChpClientOptions o;
  o.snapshot = {"127.0.0.1", t.base};
  o.subtree = "/rankings/";
  hall::ChpClient chp(t.sockets, o);
  Json stars;
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(8);
  while (std::chrono::steady_clock::now() < end) {
    t.c->poll_once(std::chrono::milliseconds(5));
    chp.pump(std::chrono::steady_clock::now());
    auto it = chp.map().find("/rankings/stars");
    if (it == chp.map().end()) continue;
    stars = Json::parse(it->second);
    if (stars["period"] == "2026年11月" && stars["windows"].size() == 4) break;
  }
  INFO(stars.dump());
  CHECK(stars["period"] == "2026年11月");
  CHECK_FALSE(stars.value("live", false));  // a closed month: the field is left out
  REQUIRE(stars["windows"].size() == 4);
  CHECK(stars["windows"][3]["number"] == 4);
  // A December rating does not move the board (it shows November).
  Client kiosk(t, t.device());
  rate_at(t, kiosk, clock.ms, "D1", 4, "s4", 5, 900);
  t.pump(std::chrono::milliseconds(1200));
  chp.pump(std::chrono::steady_clock::now());
  CHECK(Json::parse(chp.map().at("/rankings/stars")) == stars);
}

TEST_CASE("ranking.talk_below flags a window under it two closed months running, not only the last") {
  TestClock clock;
  clock.set("2026-10-15T10:00:00+08:00");
  TestController t([](controller::Settings& s) { s.ranking.talk_below = 75; }, false, clock.clock());
  int n = 1;
  rate_month(t, clock, "O", n);
  clock.set("2026-11-16T10:00:00+08:00");
  rate_month(t, clock, "N", n);
  clock.set("2026-12-02T09:00:00+08:00");
  auto nov = ask_admin(t, {{"type", "rankings.show"}, {"period", "2026-11"}});
  INFO(nov.dump());
  // Window 2 (all 4s: B = (48 + 20·3.875) / 32 = 3.92 -> 73.05 < 75, both
  // months) and window 4 (last); window 3 (77.73) is above the line.
  CHECK(window_row(nov, 2)["composite"].get<double>() == Approx(((48 + 20 * 186.0 / 48) / 32 - 1) / 4 * 100).margin(0.006));
  CHECK(window_row(nov, 2)["talk"] == true);
  CHECK(window_row(nov, 4)["talk"] == true);
  CHECK(window_row(nov, 3)["talk"] == false);
  CHECK(window_row(nov, 1)["talk"] == false);
}

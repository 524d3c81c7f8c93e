// Running sums: a hand-computed month, roll-up into quarter and year, reviews
// and bonus, and the proof that O(1) incremental updates equal a full
// recompute exactly on random data.
#include <catch2/catch.hpp>

#include <random>

#include "controller/rankings/scoring_tally.h"

using namespace controller;

namespace {
int32_t day(int y, int m, int d) { return static_cast<int32_t>(hall::days_from_civil({y, m, d})); }
hall::Period P(const char* text) { return *hall::parse_period(text); }
// The formulas alone: every subject ranked whatever its number of ratings.
RankingSettings no_minimum() {
  RankingSettings s;
  s.min_ratings = 0;
  return s;
}
}  // namespace

TEST_CASE("a hand-computed month: Bayesian scores rank a single 5 above 5, 4, 2") {
  Tally t;
  t.add_rating({day(2026, 11, 2), 0, 0, 5});
  t.add_rating({day(2026, 11, 3), 0, 0, 4});
  t.add_rating({day(2026, 11, 30), 0, 0, 2});
  t.add_rating({day(2026, 11, 15), 1, -1, 5});
  t.add_rating({day(2026, 12, 1), 1, -1, 1});  // another month
  const Sums* w0 = t.find(P("2026-11"), Subject::Window, 0);
  REQUIRE(w0);
  CHECK(w0->count() == 3);
  CHECK(w0->sum() == 11);
  CHECK(w0->satisfied() == 2);
  CHECK(w0->bad() == 1);
  CHECK(t.find(P("2026-11"))->hall.count() == 4);  // C = 16 / 4 = 4.0

  auto ws = standings(t, P("2026-11"), Subject::Window, no_minimum());
  REQUIRE(ws.size() == 2);
  // Window 1: (5 + 20*4) / 21 = 4.0476 -> 76.19; window 0: (11 + 80) / 23 -> 73.91.
  CHECK(ws[0].id == 1);
  CHECK(*ws[0].composite == Approx(76.19));
  CHECK(ws[0].rank == 1);
  CHECK(ws[1].id == 0);
  CHECK(*ws[1].composite == Approx(73.91));
  CHECK(ws[1].rank == 2);
  CHECK(ws[1].stars == 1);
  CHECK(ws[1].satisfaction->rate == Approx(2.0 / 3.0));
  CHECK(*ws[1].mean == Approx(11.0 / 3.0));
  // With the default minimum of 10 ratings neither is ranked: listed as too few.
  for (const auto& w : standings(t, P("2026-11"), Subject::Window, RankingSettings{})) {
    CHECK(w.too_few);
    CHECK_FALSE(w.composite);
    CHECK(w.rank == 0);
    CHECK(w.stars == 0);
  }

  // Quarter and year hold all five; staff sums only the rated staff.
  CHECK(t.find(P("2026-Q4"))->hall.count() == 5);
  CHECK(t.find(P("2026"))->hall.count() == 5);
  CHECK(t.find(P("2026-Q4"), Subject::Staff, 0)->count() == 3);
  CHECK(t.find(P("2026-11"), Subject::Staff, 1) == nullptr);
  CHECK(t.find(P("2025"), Subject::Window, 0) == nullptr);
}

TEST_CASE("no ratings in a period gives no standings") {
  Tally t;
  CHECK(standings(t, P("2026-11"), Subject::Window, RankingSettings{}).empty());
}

TEST_CASE("all windows tied share rank 1 in the standings") {
  Tally t;
  for (int32_t w = 0; w < 4; ++w) {
    t.add_rating({day(2026, 11, 5), w, -1, 4});
    t.add_rating({day(2026, 11, 6), w, -1, 5});
  }
  auto ws = standings(t, P("2026-11"), Subject::Window, no_minimum());
  REQUIRE(ws.size() == 4);
  for (const auto& s : ws) {
    CHECK(s.rank == 1);
    CHECK(*s.composite == Approx(87.5));  // every B equals C = 4.5
    CHECK(s.stars == 3);
  }
}

TEST_CASE("peer, leader and bonus roll up from the month into quarter and year") {
  Tally t;
  t.add_rating({day(2026, 11, 2), 0, 3, 5});
  t.add_peer(P("2026-11"), 3, 5, 4, 3);        // 100, 95, 88 under the default table
  t.add_leader(P("2026-11"), Subject::Staff, 3, 5);  // 100
  t.add_bonus(P("2026-11"), Subject::Staff, 3, 1500);
  t.add_leader(P("2026-Q4"), Subject::Window, 0, 3);  // a quarter review: not in the month
  const Sums* s = t.find(P("2026-11"), Subject::Staff, 3);
  REQUIRE(s);
  CHECK(s->peer == std::array<int64_t, 5>{0, 0, 1, 1, 1});
  CHECK(t.find(P("2026"), Subject::Staff, 3)->bonus_milli == 1500);
  CHECK(t.find(P("2026-11"), Subject::Window, 0)->leader == std::array<int64_t, 5>{});
  CHECK(t.find(P("2026-Q4"), Subject::Window, 0)->leader == std::array<int64_t, 5>{0, 0, 1, 0, 0});

  auto people = standings(t, P("2026-11"), Subject::Staff, no_minimum());
  REQUIRE(people.size() == 1);
  // citizen: one 5 with C = 5 -> 100; peer (100 + 95 + 88) / 3 = 94.333;
  // composite 0.6*100 + 0.2*94.333 + 0.2*100 + 1.5 = 100.37
  CHECK(*people[0].components.peer == Approx(283.0 / 3));
  CHECK(*people[0].composite == Approx(100.37));
  CHECK(people[0].stars == 5);
}

TEST_CASE("a staff member with reviews but no ratings is listed, not ranked (评价数不足)") {
  Tally t;
  // docs/rankings.md: 李娜 served nobody; one peer review (5, 5, 5) and a
  // bonus of 5 made her #1 with 5 stars before the minimum.
  t.add_peer(P("2026-11"), 0, 5, 5, 5);
  t.add_bonus(P("2026-11"), Subject::Staff, 0, 5000);
  auto people = standings(t, P("2026-11"), Subject::Staff, RankingSettings{});
  REQUIRE(people.size() == 1);
  CHECK(people[0].count == 0);
  CHECK(people[0].too_few);
  CHECK_FALSE(people[0].composite);
  CHECK(people[0].rank == 0);
  CHECK(people[0].stars == 0);
  CHECK(*people[0].components.peer == Approx(100));  // shown, but not a ranking
  // Without a minimum the formulas rank it: peer alone (nobody has ratings
  // or leader reviews, so those weights are shared out), + 5.
  people = standings(t, P("2026-11"), Subject::Staff, no_minimum());
  CHECK(*people[0].composite == Approx(105));
  CHECK(people[0].stars == 5);
  CHECK(people[0].rank == 1);
}

TEST_CASE("incremental updates equal a full recompute exactly on random data") {
  std::mt19937_64 rng(20261127);
  std::uniform_int_distribution<int32_t> days(day(2025, 12, 1), day(2027, 1, 31));
  std::uniform_int_distribution<int32_t> windows(0, 29), staff(-1, 79);
  std::uniform_int_distribution<int> score(1, 5), coin(0, 9);
  std::vector<RatingRow> kept;
  Tally incremental;
  for (int i = 0; i < 100000; ++i) {
    RatingRow r{days(rng), windows(rng), staff(rng), static_cast<int8_t>(score(rng))};
    incremental.add_rating(r);
    if (coin(rng) == 0) {
      incremental.remove_rating(r);  // rejected as malicious: taken out again
    } else {
      kept.push_back(r);
    }
  }
  Tally recomputed;
  recomputed.recompute(kept);
  CHECK(incremental == recomputed);
  const RankingSettings s = no_minimum();
  for (const char* p : {"2026-01", "2026-11", "2026-Q4", "2026", "2027-01"}) {
    auto a = standings(incremental, P(p), Subject::Window, s);
    auto b = standings(recomputed, P(p), Subject::Window, s);
    REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      CHECK(a[i].id == b[i].id);
      CHECK(a[i].composite == b[i].composite);
      CHECK(a[i].rank == b[i].rank);
    }
  }
  // The comparison can fail: one changed score makes them differ.
  kept[kept.size() / 2].score = static_cast<int8_t>(kept[kept.size() / 2].score % 5 + 1);
  Tally changed;
  changed.recompute(kept);
  CHECK_FALSE(incremental == changed);
}

TEST_CASE("a missing review component is the hall's average for everyone alike (按全厅平均)") {
  // Four people, each with 10 ratings (5 fives, 5 fours): C = 4.5, citizen 87.5.
  Tally t;
  for (int32_t p = 0; p < 4; ++p)
    for (int i = 0; i < 10; ++i) t.add_rating({day(2026, 11, 3 + i), 0, p, static_cast<int8_t>(i < 5 ? 5 : 4)});
  t.add_peer(P("2026-11"), 0, 5, 5, 5);  // 100
  t.add_peer(P("2026-11"), 1, 4, 4, 3);  // (95 + 95 + 88) / 3
  t.add_leader(P("2026-11"), Subject::Staff, 0, 4);  // 95
  t.add_leader(P("2026-11"), Subject::Staff, 2, 3);  // 88
  const RankingSettings s;
  // The hall's averages, over the people who have the component.
  const double peer0 = 100, peer1 = (95.0 + 95 + 88) / 3, peer_avg = (peer0 + peer1) / 2;
  const double leader_avg = (95.0 + 88) / 2;
  const auto avg = hall_averages(t, P("2026-11"), Subject::Staff, s);
  CHECK(*avg.peer == Approx(peer_avg));
  CHECK(*avg.leader == Approx(leader_avg));
  auto people = standings(t, P("2026-11"), Subject::Staff, s);
  REQUIRE(people.size() == 4);
  auto of = [&people](int32_t id) {
    for (const auto& p : people)
      if (p.id == id) return p;
    FAIL("no standing for " << id);
    return Standing{};
  };
  const double citizen = 0.6 * 87.5;
  CHECK(*of(0).composite == Approx(round2(citizen + 0.2 * peer0 + 0.2 * 95)));        // 91.5
  CHECK(*of(1).composite == Approx(round2(citizen + 0.2 * peer1 + 0.2 * leader_avg)));  // 89.33
  CHECK(*of(2).composite == Approx(round2(citizen + 0.2 * peer_avg + 0.2 * 88)));     // 89.37
  CHECK(*of(3).composite == Approx(round2(citizen + 0.2 * peer_avg + 0.2 * leader_avg)));  // 90.07
  CHECK(*of(3).composite == Approx(90.07));
  CHECK_FALSE(of(0).components.peer_hall);
  CHECK_FALSE(of(0).components.leader_hall);
  CHECK(of(1).components.leader_hall);
  CHECK_FALSE(of(1).components.peer_hall);
  CHECK(of(2).components.peer_hall);
  CHECK(of(3).components.peer_hall);
  CHECK(of(3).components.leader_hall);
  CHECK(*of(3).components.leader == Approx(leader_avg));
  // Ranked 91.5, 90.07, 89.37, 89.33.
  CHECK(people[0].id == 0);
  CHECK(people[1].id == 3);
  CHECK(people[2].id == 2);
  CHECK(people[3].id == 1);

  // Windows: nobody has a peer component (peer reviews are of people), so
  // its weight is shared out for every window alike; one window's leader
  // review sets the hall's leader average for the other.
  t.add_leader(P("2026-11"), Subject::Window, 0, 5);
  auto windows = standings(t, P("2026-11"), Subject::Window, s);
  REQUIRE(windows.size() == 1);  // all 40 ratings are at window 0
  CHECK_FALSE(windows[0].components.peer);
  CHECK(*windows[0].composite == Approx(round2((0.6 * 87.5 + 0.2 * 100) / 0.8)));  // 90.63
}

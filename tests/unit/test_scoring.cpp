// The ranking formulas against hand-computed examples (docs/rankings.md):
// Bayesian citizen score, Wilson bound, composite with missing components,
// stars, and tie-sharing ranks; plus the [ranking] settings checks.
#include <catch2/catch.hpp>

#include "controller/rankings/scoring.h"
#include "controller/settings.h"

using namespace controller;

TEST_CASE("citizen score is the Bayesian average mapped to 0-100") {
  // v = 10 ratings with mean R = 4.5, hall mean C = 4.0, m = 20:
  // B = (10*4.5 + 20*4.0) / 30 = 4.1667 -> (B - 1) / 4 * 100 = 79.17
  CHECK(*citizen_score(10, 45, 4.0, 20) == Approx(79.1666667));
  // One rating of 5 barely moves a window off the hall mean: (5 + 80) / 21.
  CHECK(*citizen_score(1, 5, 4.0, 20) == Approx(76.1904762));
  // m = 0 gives the plain mean: 4.5 -> 87.5.
  CHECK(*citizen_score(4, 18, 3.0, 0) == Approx(87.5));
  // All 5s with C = 5 is 100; all 1s with C = 1 is 0.
  CHECK(*citizen_score(3, 15, 5.0, 20) == Approx(100.0));
  CHECK(*citizen_score(3, 3, 1.0, 20) == Approx(0.0));
}

TEST_CASE("no ratings means no citizen component") {
  CHECK_FALSE(citizen_score(0, 0, 4.2, 20).has_value());
  CHECK_FALSE(satisfaction(0, 0).has_value());
  CHECK_FALSE(points_score({0, 0, 0, 0, 0}, RankingSettings{}.peer_points).has_value());
}

TEST_CASE("satisfaction rate and its Wilson lower bound") {
  auto s = satisfaction(9, 10);
  REQUIRE(s);
  CHECK(s->rate == Approx(0.9));
  CHECK(s->wilson_lower == Approx(0.5958500).epsilon(1e-6));
  CHECK(satisfaction(1, 1)->wilson_lower == Approx(0.2065493).epsilon(1e-6));  // one rating
  CHECK(satisfaction(45, 50)->wilson_lower == Approx(0.7863977).epsilon(1e-6));
  CHECK(satisfaction(0, 5)->wilson_lower == 0.0);
  CHECK(satisfaction(0, 5)->rate == 0.0);
  // More ratings at the same rate give a tighter (higher) bound.
  CHECK(satisfaction(90, 100)->wilson_lower > s->wilson_lower);
}

TEST_CASE("peer and leader scores are the mean of their points") {
  const std::vector<double> linear = {0, 25, 50, 75, 100};  // (x - 1) / 4 * 100
  CHECK(*points_score({0, 0, 0, 3, 0}, linear) == Approx(75.0));  // three 4s
  CHECK(*points_score({0, 0, 0, 0, 1}, linear) == Approx(100.0));
  CHECK(*points_score({2, 0, 0, 0, 0}, linear) == Approx(0.0));
  CHECK(*points_score({1, 0, 0, 0, 1}, RankingSettings{}.peer_points) == Approx(80.0));  // (60 + 100) / 2
}

TEST_CASE("composite weighs the components and adds the bonus") {
  RankingSettings s;
  // 0.6*80 + 0.2*90 + 0.2*70 = 48 + 18 + 14 = 80, + 1 bonus.
  CHECK(*composite({80.0, 90.0, 70.0, 1.0}, s) == Approx(81.0));
  CHECK(*composite({80.0, 90.0, 70.0, 0.0}, s) == Approx(80.0));
}

TEST_CASE("a missing component's weight is shared out over the others") {
  RankingSettings s;
  // No leader review: (0.6*80 + 0.2*90) / 0.8 = 82.5
  CHECK(*composite({80.0, 90.0, std::nullopt, 0.0}, s) == Approx(82.5));
  // Only citizens: the citizen score itself.
  CHECK(*composite({80.0, std::nullopt, std::nullopt, 2.0}, s) == Approx(82.0));
  // No ratings, only reviews: (0.2*90 + 0.2*70) / 0.4 = 80
  CHECK(*composite({std::nullopt, 90.0, 70.0, 0.0}, s) == Approx(80.0));
  // Nothing at all: no composite, even with a bonus.
  CHECK_FALSE(composite({std::nullopt, std::nullopt, std::nullopt, 3.0}, s).has_value());
  // A zero weight counts as missing.
  s.weight_peer = 0;
  CHECK(*composite({80.0, 10.0, 70.0, 0.0}, s) == Approx((0.6 * 80 + 0.2 * 70) / 0.8));
}

TEST_CASE("stars follow the thresholds") {
  RankingSettings s;
  CHECK(stars(100, s) == 5);
  CHECK(stars(95, s) == 5);
  CHECK(stars(94.99, s) == 4);
  CHECK(stars(90, s) == 4);
  CHECK(stars(85, s) == 3);
  CHECK(stars(80, s) == 2);
  CHECK(stars(79.99, s) == 1);
  CHECK(stars(0, s) == 1);
  CHECK(stars(94.996, s) == 5);  // compared as shown, rounded to 0.01
  s.star_thresholds = {90, 80, 70, 60};
  CHECK(stars(85, s) == 4);
  CHECK(star_text(3) == "★★★☆☆");
}

TEST_CASE("ranking puts the highest first and lets ties share a rank") {
  auto r = rank({{"W03", 90.0}, {"W01", 95.0}, {"W02", 90.0}, {"W04", 80.0}});
  REQUIRE(r.size() == 4);
  CHECK(r[0].id == "W01");
  CHECK(r[0].rank == 1);
  CHECK(r[1].id == "W02");  // ties ordered by id
  CHECK(r[1].rank == 2);
  CHECK(r[2].id == "W03");
  CHECK(r[2].rank == 2);
  CHECK(r[3].rank == 4);
}

TEST_CASE("all windows tied share rank 1") {
  auto r = rank({{"A", 88.004}, {"B", 88.0}, {"C", 87.996}});
  for (const auto& x : r) CHECK(x.rank == 1);
  CHECK(rank({}).empty());
}

TEST_CASE("ranking settings are checked and read from controller.toml") {
  CHECK(validate_ranking_settings(RankingSettings{}).ok());
  RankingSettings s;
  s.weight_citizen = s.weight_peer = s.weight_leader = 0;
  CHECK_THAT(validate_ranking_settings(s).error(), Catch::Contains("all 0"));
  s = {};
  s.star_thresholds = {90, 95, 85, 80};
  CHECK_THAT(validate_ranking_settings(s).error(), Catch::Contains("ranking.star4"));
  s = {};
  s.m = -1;
  CHECK_THAT(validate_ranking_settings(s).error(), Catch::Contains("ranking.m"));

  auto config = hall::Config::load(schema(), "", {"ranking.m=10", "ranking.star5=96.5", "cases.deadline_working_days=7"});
  REQUIRE(config.ok());
  auto loaded = settings_from(*config);
  REQUIRE(loaded.ok());
  const Settings& settings = *loaded;
  CHECK(settings.ranking.m == 10.0);
  CHECK(settings.ranking.star_thresholds[0] == 96.5);
  CHECK(settings.ranking.weight_citizen == 0.6);
  CHECK(settings.cases.deadline_working_days == 7);
  CHECK(settings.cases.holidays_file == "holidays.toml");  // no config file: from the current directory
  auto typo = hall::Config::load(schema(), "", {"ranking.weight_citzen=0.5"});
  CHECK_FALSE(typo.ok());
}

TEST_CASE("the worked example of docs/rankings.md") {
  const RankingSettings s;
  // 张伟: 10 ratings summing 45 (R = 4.5) in a hall with C = 4.0.
  const double citizen = *citizen_score(10, 45, 4.0, s.m);
  CHECK(round2(citizen) == 79.17);
  CHECK(satisfaction(9, 10)->wilson_lower == Approx(0.596).margin(0.0005));
  // Peer (5, 4, 5) and (4, 4, 5): three 5s at 100, three 4s at 95.
  const double peer = *points_score({0, 0, 0, 3, 3}, s.peer_points);
  CHECK(peer == Approx(97.5));
  const double leader = *points_score({0, 0, 0, 1, 0}, s.leader_points);  // one 4
  CHECK(leader == Approx(95.0));
  const double c = *composite({citizen, peer, leader, 1.5}, s);
  CHECK(round2(c) == 87.5);  // 47.5 + 19.5 + 19 + 1.5
  CHECK(stars(c, s) == 3);
  // No leader review of his own: the hall's leader average, (95 + 88) / 2.
  CHECK(round2(*composite({citizen, peer, (95.0 + 88.0) / 2, 1.5}, s)) == 86.8);
  // One leader review of 3 instead of 4: 88 points, still 3 stars.
  const double with_3 = *composite({citizen, peer, *points_score({0, 0, 1, 0, 0}, s.leader_points), 1.5}, s);
  CHECK(round2(with_3) == 86.1);
  CHECK(stars(with_3, s) == 3);
  // The old linear mapping, (3 - 1) / 4 * 100 = 50 (and 87.5 for the peer mean
  // 4.5): 76.5, one star.
  const std::vector<double> old_table = {0, 25, 50, 75, 100};
  const double linear =
      *composite({citizen, *points_score({0, 0, 0, 3, 3}, old_table), *points_score({0, 0, 1, 0, 0}, old_table), 1.5}, s);
  CHECK(round2(linear) == 76.5);
  CHECK(stars(linear, s) == 1);
  CHECK(round2(*citizen_score(1, 5, 4.0, s.m)) == 76.19);
}

TEST_CASE("a leader review of 3 does not cost a typical window its star under the default table") {
  const RankingSettings s;
  // Citizens give a mean of 4.5 in a hall whose mean is 4.5: 87.5 points, 3
  // stars on their own. Windows have no peer reviews, so the composite is
  // (0.6 citizen + 0.2 leader) / 0.8.
  const double citizen = *citizen_score(40, 180, 4.5, s.m);
  CHECK(citizen == Approx(87.5));
  const double alone = *composite({citizen, std::nullopt, std::nullopt, 0}, s);
  CHECK(stars(alone, s) == 3);
  const double with_3 = *composite({citizen, std::nullopt, *points_score({0, 0, 1, 0, 0}, s.leader_points), 0}, s);
  CHECK(with_3 == Approx((0.6 * 87.5 + 0.2 * 88) / 0.8));  // 87.625
  CHECK(stars(with_3, s) == 3);
  // The old linear table gave 50 for a 3: (52.5 + 10) / 0.8 = 78.125, one star.
  RankingSettings linear;
  linear.leader_points = {0, 25, 50, 75, 100};
  const double old = *composite({citizen, std::nullopt, *points_score({0, 0, 1, 0, 0}, linear.leader_points), 0}, s);
  CHECK(old == Approx(78.125));
  CHECK(stars(old, s) == 1);
}

TEST_CASE("points tables are checked: 5 numbers, 0-100, not going down") {
  RankingSettings s;
  CHECK(validate_ranking_settings(s).ok());
  s.peer_points = {60, 75, 88, 95};
  CHECK_THAT(validate_ranking_settings(s).error(),
             Catch::Contains("ranking.peer_points must have 5 numbers") && Catch::Contains("got 4"));
  s = {};
  s.leader_points = {60, 75, 88, 95, 101};
  CHECK_THAT(validate_ranking_settings(s).error(),
             Catch::Contains("ranking.leader_points") && Catch::Contains("score 5 must be 0-100, got 101"));
  s = {};
  s.leader_points = {60, 75, 70, 95, 100};
  CHECK_THAT(validate_ranking_settings(s).error(),
             Catch::Contains("ranking.leader_points: score 3 gets 70 points, less than score 2 (75)"));
  s = {};
  s.peer_points = {-1, 75, 88, 95, 100};
  CHECK_THAT(validate_ranking_settings(s).error(), Catch::Contains("score 1 must be 0-100, got -1"));
  s = {};
  s.min_ratings = -1;
  CHECK_THAT(validate_ranking_settings(s).error(), Catch::Contains("ranking.min_ratings"));
  s = {};
  s.board_period = "today";
  CHECK_THAT(validate_ranking_settings(s).error(), Catch::Contains("ranking.board_period") && Catch::Contains("\"today\""));
  s = {};
  s.talk_below = 300;
  CHECK_THAT(validate_ranking_settings(s).error(), Catch::Contains("ranking.talk_below"));

  // From controller.toml and --set: an array of numbers.
  auto config = hall::Config::parse(schema(), "[ranking]\npeer_points = [50, 70, 85, 95, 100]\nmin_ratings = 5\n",
                                    "controller.toml", {"ranking.leader_points=[40,60,80,90,100]"});
  REQUIRE(config.ok());
  auto loaded = settings_from(*config);
  REQUIRE(loaded.ok());
  CHECK(loaded->ranking.peer_points == std::vector<double>{50, 70, 85, 95, 100});
  CHECK(loaded->ranking.leader_points == std::vector<double>{40, 60, 80, 90, 100});
  CHECK(loaded->ranking.min_ratings == 5);
  CHECK(loaded->ranking.board_period == "closed");
  auto words = hall::Config::parse(schema(), "[ranking]\npeer_points = [\"a\", 2]\n", "controller.toml");
  REQUIRE_FALSE(words.ok());
  CHECK_THAT(words.error(), Catch::Contains("ranking.peer_points") && Catch::Contains("an array of numbers"));
  auto defaults = hall::Config::load(schema(), "", {});
  REQUIRE(defaults.ok());
  CHECK(settings_from(*defaults)->ranking.peer_points == RankingSettings{}.peer_points);
  CHECK(settings_from(*defaults)->ranking.min_ratings == 10);
}

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
  CHECK_FALSE(mean_score(0, 0).has_value());
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

TEST_CASE("peer and leader scores are plain means mapped to 0-100") {
  CHECK(*mean_score(3, 12) == Approx(75.0));  // mean 4
  CHECK(*mean_score(1, 5) == Approx(100.0));
  CHECK(*mean_score(2, 2) == Approx(0.0));
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
  const double citizen = *citizen_score(10, 45, 4.0, s.m);
  CHECK(round2(citizen) == 79.17);
  CHECK(satisfaction(9, 10)->wilson_lower == Approx(0.596).margin(0.0005));
  const double peer = *mean_score(6, 27);
  CHECK(peer == Approx(87.5));
  const double leader = *mean_score(1, 4);
  CHECK(leader == Approx(75.0));
  const double c = *composite({citizen, peer, leader, 1.5}, s);
  CHECK(round2(c) == 81.5);
  CHECK(stars(c, s) == 2);
  CHECK(round2(*composite({citizen, peer, std::nullopt, 1.5}, s)) == 82.75);
  CHECK(round2(*citizen_score(1, 5, 4.0, s.m)) == 76.19);
}

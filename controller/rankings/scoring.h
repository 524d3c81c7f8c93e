// scoring.h: the formulas of the star rankings (三比三评), as pure functions of
// counts and means: the Bayesian citizen score, the satisfaction rate and its
// Wilson lower bound, the weighted composite, star levels and tie-sharing ranks.
// See docs/rankings.md for the formulas with a worked example.
// Threading: plain values and pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/base/result.h"

namespace controller {

// The [ranking] keys of controller.toml (see settings.cpp), with the defaults
// of issue 5.
struct RankingSettings {
  double m = 20.0;               // Bayesian prior weight (ratings)
  double weight_citizen = 0.6;
  double weight_peer = 0.2;
  double weight_leader = 0.2;
  // Composite thresholds for 5★, 4★, 3★, 2★ (descending); below the last: 1★.
  std::array<double, 4> star_thresholds = {95.0, 90.0, 85.0, 80.0};
  double bonus_max = 10.0;       // most skill-contest bonus one subject gets in a month
  // Citizen ratings a window or person needs in the period to be ranked;
  // fewer: listed as 评价数不足, with no composite, stars or rank.
  int64_t min_ratings = 10;
  // Points (0-100) for a peer or leader review score of 1, 2, 3, 4, 5
  // (index 0 is score 1). The default keeps one middling review (3) near the
  // citizen level (a mean of 4.5 is 87.5 points): see docs/rankings.md.
  // Exactly 5 values (validate_ranking_settings).
  std::vector<double> peer_points = {60.0, 75.0, 88.0, 95.0, 100.0};
  std::vector<double> leader_points = {60.0, 75.0, 88.0, 95.0, 100.0};
  // A window whose composite is under this in two closed months running is
  // flagged for 约谈 (as is one ranked last both months); 0: only the last.
  double talk_below = 0.0;
  // What the public board shows: the last closed month ("closed") or this
  // month as it stands, labelled 本月实时 ("live").
  std::string board_period = "closed";
};

// Weights >= 0 with a positive sum, m >= 0, thresholds descending within
// 0-200, bonus_max > 0, min_ratings >= 0, points tables of 0-100 that do not
// go down from score 1 to 5, talk_below 0-200, board_period closed or live;
// the message names the controller.toml key and what was given.
hall::Status validate_ranking_settings(const RankingSettings& s);

// Maps a 1-5 mean to 0-100: (x - 1) / 4 * 100.
double to_percent(double mean_1_to_5);

// B = (v·R + m·C) / (v + m), mapped to 0-100. `sum` is the sum of the v
// scores (so R = sum / v) and `hall_mean` is C. No ratings (v = 0) means no
// citizen component: nullopt. With v > 0 and m = 0 this is the plain mean.
std::optional<double> citizen_score(int64_t v, int64_t sum, double hall_mean, double m);

struct Satisfaction {
  double rate = 0.0;         // share of 4 and 5
  double wilson_lower = 0.0; // Wilson score interval lower bound, 95%
};
// nullopt when there are no ratings.
std::optional<Satisfaction> satisfaction(int64_t satisfied, int64_t total);
// The Wilson lower bound for `k` successes in `n` trials at z (1.959964 = 95%).
double wilson_lower_bound(int64_t k, int64_t n, double z = 1.959963984540054);

// Peer and leader components: the mean of the points of each score,
// `counts[i]` scores of i + 1 each worth `points[i]` (5 values, validated
// settings). nullopt without scores.
std::optional<double> points_score(const std::array<int64_t, 5>& counts, const std::vector<double>& points);

struct Components {
  std::optional<double> citizen;  // 0-100 each
  std::optional<double> peer;
  std::optional<double> leader;
  double bonus = 0.0;             // points added after weighting
  // The component is the hall's average for it (按全厅平均): this subject had
  // none of its own in the period (standings() fills it in).
  bool citizen_hall = false, peer_hall = false, leader_hall = false;
};
// composite = Σ wᵢ·sᵢ / Σ wᵢ over the present components, + bonus. A
// component still missing (nobody in the hall had it) has its weight shared
// out over the others in proportion to theirs, for every subject alike.
// nullopt when no component has data (the bonus alone does not rank).
std::optional<double> composite(const Components& c, const RankingSettings& s);

// 5 down to 1 from the thresholds.
int stars(double composite, const RankingSettings& s);
// "★★★☆☆"
std::string star_text(int stars);

// Rounds to 0.01, the precision shown and compared when ranking.
double round2(double x);

struct RankEntry {
  std::string id;   // window code or staff id
  double score;     // composite
};
struct Ranked {
  std::string id;
  double score;     // rounded to 0.01
  int rank;         // 1-based; equal rounded scores share a rank (1, 1, 3)
};
// Highest first; ties ordered by id so the listing is stable.
std::vector<Ranked> rank(std::vector<RankEntry> entries);

}  // namespace controller

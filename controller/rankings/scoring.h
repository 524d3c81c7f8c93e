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
};

// Weights >= 0 with a positive sum, m >= 0, thresholds descending within
// 0-200, bonus_max > 0; the message names the controller.toml key.
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

// Peer and leader components: the plain mean of their 1-5 scores mapped to
// 0-100, nullopt without scores.
std::optional<double> mean_score(int64_t count, int64_t sum);

struct Components {
  std::optional<double> citizen;  // 0-100 each
  std::optional<double> peer;
  std::optional<double> leader;
  double bonus = 0.0;             // points added after weighting
};
// composite = Σ wᵢ·sᵢ / Σ wᵢ over the present components, + bonus. A missing
// component's weight is shared out over the others in proportion to theirs.
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

#include "controller/rankings/scoring.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace controller {

namespace {
std::string ranking_points_text(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}
}  // namespace

hall::Status validate_ranking_settings(const RankingSettings& s) {
  auto finite = [](double x) { return std::isfinite(x); };
  if (!finite(s.m) || s.m < 0) return hall::fail("ranking.m must be 0 or more (20 is usual)");
  for (auto [key, w] : {std::pair{"ranking.weight_citizen", s.weight_citizen},
                        std::pair{"ranking.weight_peer", s.weight_peer},
                        std::pair{"ranking.weight_leader", s.weight_leader}})
    if (!finite(w) || w < 0) return hall::fail(std::string(key) + " must be 0 or more");
  if (s.weight_citizen + s.weight_peer + s.weight_leader <= 0)
    return hall::fail("ranking.weight_citizen, weight_peer and weight_leader are all 0; give at least one a weight");
  static const char* kKeys[] = {"ranking.star5", "ranking.star4", "ranking.star3", "ranking.star2"};
  for (int i = 0; i < 4; ++i) {
    const double t = s.star_thresholds[i];
    if (!finite(t) || t < 0 || t > 200) return hall::fail(std::string(kKeys[i]) + " must be between 0 and 200");
    if (i > 0 && t > s.star_thresholds[i - 1])
      return hall::fail(std::string(kKeys[i]) + " is above " + kKeys[i - 1] + "; star thresholds must go down from star5 to star2");
  }
  if (!finite(s.bonus_max) || s.bonus_max <= 0) return hall::fail("ranking.bonus_max must be above 0");
  if (s.min_ratings < 0) return hall::fail("ranking.min_ratings must be 0 or more (10 is usual), got " + std::to_string(s.min_ratings));
  for (auto [key, table] : {std::pair{"ranking.peer_points", &s.peer_points},
                            std::pair{"ranking.leader_points", &s.leader_points}}) {
    if (table->size() != 5)
      return hall::fail(std::string(key) + " must have 5 numbers, the points for scores 1 to 5, got " +
                        std::to_string(table->size()) + "; e.g. [60, 75, 88, 95, 100]");
    for (size_t i = 0; i < 5; ++i) {
      const double x = (*table)[i];
      if (!finite(x) || x < 0 || x > 100)
        return hall::fail(std::string(key) + ": the points for score " + std::to_string(i + 1) + " must be 0-100, got " +
                          ranking_points_text(x) + "; give 5 numbers for scores 1 to 5, e.g. [60, 75, 88, 95, 100]");
      if (i > 0 && x < (*table)[i - 1])
        return hall::fail(std::string(key) + ": score " + std::to_string(i + 1) + " gets " + ranking_points_text(x) +
                          " points, less than score " + std::to_string(i) + " (" + ranking_points_text((*table)[i - 1]) +
                          "); the points must not go down from score 1 to 5");
    }
  }
  if (!finite(s.talk_below) || s.talk_below < 0 || s.talk_below > 200)
    return hall::fail("ranking.talk_below must be between 0 and 200 (0: flag only the last-ranked window), got " +
                      ranking_points_text(s.talk_below));
  if (s.board_period != "closed" && s.board_period != "live")
    return hall::fail("ranking.board_period must be \"closed\" (the last closed month) or \"live\" (this month, "
                      "labelled 本月实时), got \"" + s.board_period + "\"");
  return {};
}

double to_percent(double mean) { return (mean - 1.0) / 4.0 * 100.0; }

std::optional<double> citizen_score(int64_t v, int64_t sum, double hall_mean, double m) {
  if (v <= 0) return std::nullopt;
  const double b = (static_cast<double>(sum) + m * hall_mean) / (static_cast<double>(v) + m);
  return to_percent(b);
}

double wilson_lower_bound(int64_t k, int64_t n, double z) {
  if (n <= 0) return 0.0;
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(k) / nn;
  const double z2 = z * z;
  const double centre = p + z2 / (2 * nn);
  const double margin = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
  return std::max(0.0, (centre - margin) / (1 + z2 / nn));
}

std::optional<Satisfaction> satisfaction(int64_t satisfied, int64_t total) {
  if (total <= 0) return std::nullopt;
  return Satisfaction{static_cast<double>(satisfied) / static_cast<double>(total),
                      wilson_lower_bound(satisfied, total)};
}

std::optional<double> points_score(const std::array<int64_t, 5>& counts, const std::vector<double>& points) {
  if (points.size() != 5) return std::nullopt;
  int64_t n = 0;
  double total = 0.0;
  for (int i = 0; i < 5; ++i) {
    n += counts[i];
    total += static_cast<double>(counts[i]) * points[i];
  }
  if (n <= 0) return std::nullopt;
  return total / static_cast<double>(n);
}

std::optional<double> composite(const Components& c, const RankingSettings& s) {
  double weighted = 0.0, weights = 0.0;
  auto add = [&](const std::optional<double>& x, double w) {
    if (x && w > 0) {
      weighted += w * *x;
      weights += w;
    }
  };
  add(c.citizen, s.weight_citizen);
  add(c.peer, s.weight_peer);
  add(c.leader, s.weight_leader);
  if (weights <= 0) return std::nullopt;
  return weighted / weights + c.bonus;
}

int stars(double score, const RankingSettings& s) {
  const double x = round2(score);
  for (int i = 0; i < 4; ++i)
    if (x >= s.star_thresholds[i]) return 5 - i;
  return 1;
}

std::string star_text(int n) {
  std::string out;
  for (int i = 0; i < 5; ++i) out += i < n ? "★" : "☆";
  return out;
}

double round2(double x) { return std::round(x * 100.0) / 100.0; }

std::vector<Ranked> rank(std::vector<RankEntry> entries) {
  std::vector<Ranked> out;
  out.reserve(entries.size());
  for (auto& e : entries) out.push_back({std::move(e.id), round2(e.score), 0});
  std::sort(out.begin(), out.end(), [](const Ranked& a, const Ranked& b) {
    return a.score != b.score ? a.score > b.score : a.id < b.id;
  });
  for (size_t i = 0; i < out.size(); ++i)
    out[i].rank = (i > 0 && out[i].score == out[i - 1].score) ? out[i - 1].rank : static_cast<int>(i) + 1;
  return out;
}

}  // namespace controller

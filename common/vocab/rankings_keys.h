// rankings_keys.h: the /rankings/ keys of the CHP map (docs/protocol.md, Key
// space): /rankings/stars, the star windows and service stars of the shown
// month. The controller's rankings service publishes it; the signage rankings
// and identity boards read it through from_json().
// Threading: plain values and pure functions.
#pragma once

#include <string>
#include <vector>

#include "common/vocab/fields.h"

namespace hall::wire {

inline constexpr char kRankingsSubtree[] = "/rankings/";

struct StarWindow {
  int number = 0;
  std::string name;
  int stars = 0;     // 1-5
  double score = 0;  // composite, rounded to 0.01
  int rank = 0;      // 1-based, ties share; 0 when not ranked
  bool too_few = false;  // 评价数不足: too few citizen ratings to rank (stars, score, rank 0)

  Json to_json() const;
  static Result<StarWindow> from_json(const Json& j, const std::string& what = "window");
  bool operator==(const StarWindow&) const = default;
};

struct StarStaff {
  std::string name;
  std::string detail;  // the post, "" when unknown
  int stars = 0;
  double score = 0;
  int rank = 0;
  bool too_few = false;  // as StarWindow::too_few

  Json to_json() const;
  static Result<StarStaff> from_json(const Json& j, const std::string& what = "staff");
  bool operator==(const StarStaff&) const = default;
};

// /rankings/stars: every ranked window and staff member, best first, then
// those with too few ratings (too_few).
struct RankingsStars {
  static constexpr char kKey[] = "/rankings/stars";
  std::string period;  // "2026年10月"
  std::vector<StarWindow> windows;
  std::vector<StarStaff> staff;
  bool live = false;   // this month as it stands (本月实时), not a closed month

  Json to_json() const;
  static Result<RankingsStars> from_json(const Json& j, const std::string& what = kKey);
  bool operator==(const RankingsStars&) const = default;
};

}  // namespace hall::wire

// scoring_tally.h: running sums of ratings and reviews per window and per staff
// member per period (month, quarter and year at once), updated in O(1) per
// evaluation, and rebuilt from raw rows by recompute(). Standings (score,
// stars, rank) are computed from these sums with scoring.h.
//
// Windows and staff are dense integer ids (the caller maps window codes and
// staff ids to 0..N-1); -1 means "none" (a rating without a staff member).
// All sums are integers, so incremental and recomputed tallies are equal
// exactly, not approximately.
// Threading: a Tally belongs to one thread (the controller's loop).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "common/time/periods.h"
#include "controller/rankings/scoring.h"

namespace controller {

// One citizen rating as the tally needs it.
struct RatingRow {
  int32_t day = 0;     // days since 1970-01-01 (days_from_civil), local date
  int32_t window = -1;
  int32_t staff = -1;
  int8_t score = 0;    // 1-5
};

struct Sums {
  std::array<int64_t, 5> ratings{};  // count of ratings scored 1..5
  std::array<int64_t, 5> peer{};     // individual peer scores 1..5 (3 per review)
  std::array<int64_t, 5> leader{};   // leader review scores 1..5
  int64_t bonus_milli = 0;           // skill-contest bonus, thousandths of a point

  int64_t count() const;
  int64_t sum() const;               // Σ score
  int64_t satisfied() const;         // 4 and 5
  int64_t bad() const;               // 1 and 2 (差评)
  bool empty() const;
  friend bool operator==(const Sums&, const Sums&) = default;
};

enum class Subject { Window, Staff };

struct PeriodSums {
  Sums hall;  // every rating of the period: C, the hall mean
  std::vector<Sums> windows;
  std::vector<Sums> staff;
};

class Tally {
 public:
  // Kinds of period kept (default all three).
  explicit Tally(std::vector<hall::PeriodKind> kinds = {hall::PeriodKind::Month, hall::PeriodKind::Quarter,
                                                        hall::PeriodKind::Year});
  // Copies drop the day cache (it points into the source's map).
  Tally(const Tally& other) : kinds_(other.kinds_), periods_(other.periods_) {}
  Tally& operator=(const Tally& other) {
    if (this != &other) {
      kinds_ = other.kinds_;
      periods_ = other.periods_;
      day_slots_.clear();
    }
    return *this;
  }
  Tally(Tally&&) = default;
  Tally& operator=(Tally&&) = default;

  // O(1): one rating into its window, its staff member and the hall, for each
  // kept period containing its day. Scores outside 1-5 are ignored (callers
  // validate first). remove_rating undoes add_rating (a rating rejected as
  // mistaken or malicious).
  void add_rating(const RatingRow& r);
  void remove_rating(const RatingRow& r);
  // Reviews and bonuses count in `period` and in every longer kept period
  // containing it (a November peer review also counts in Q4 and the year).
  void add_peer(const hall::Period& period, int32_t staff, int skill, int conduct, int results);
  void add_leader(const hall::Period& period, Subject subject, int32_t id, int score);
  void add_bonus(const hall::Period& period, Subject subject, int32_t id, int64_t bonus_milli);

  // Throws away everything and adds `rows` again (reviews must be re-added).
  void recompute(const std::vector<RatingRow>& rows);
  void clear();

  const PeriodSums* find(const hall::Period& p) const;
  const Sums* find(const hall::Period& p, Subject subject, int32_t id) const;
  const std::vector<hall::PeriodKind>& kinds() const { return kinds_; }
  // Equal when every subject's sums are equal (missing == all zero).
  bool operator==(const Tally& other) const;

 private:
  Sums* at(int32_t code, Subject subject, int32_t id);
  void apply(const RatingRow& r, int64_t sign);
  template <class F> void each_containing(const hall::Period& p, F&& f);
  PeriodSums** slots_for(int32_t day);
  std::vector<hall::PeriodKind> kinds_;
  std::unordered_map<int32_t, PeriodSums> periods_;  // node-based: pointers stay valid
  // Day -> the PeriodSums of each kept kind, for days in [day_base_,
  // day_base_ + kDayCache); saves the date arithmetic and hash look-ups.
  static constexpr int32_t kDayCache = 4096;
  int32_t day_base_ = 0;
  std::vector<PeriodSums*> day_slots_;  // kDayCache * kinds_.size(), null = not yet
};

// One window's or staff member's line of the rankings.
struct Standing {
  int32_t id = -1;
  int64_t count = 0;                  // citizen ratings
  std::optional<double> mean;         // 1-5
  std::optional<Satisfaction> satisfaction;
  Components components;              // citizen, peer, leader (0-100), bonus
  std::optional<double> composite;    // rounded to 0.01
  int stars = 0;                      // 1-5, 0 when unranked
  int rank = 0;                       // 1-based, ties share; 0 when unranked
  bool too_few = false;               // count < ranking.min_ratings: 评价数不足, not ranked
  bool talk = false;                  // flagged for 约谈 (set by the rankings service)
};

// The hall's average of each component in a period, over the subjects of one
// kind (windows, or staff) that have it: the mean of their component scores.
// nullopt where no subject of that kind has it.
struct HallAverages {
  std::optional<double> citizen, peer, leader;
};
HallAverages hall_averages(const Tally& tally, const hall::Period& period, Subject subject,
                           const RankingSettings& settings);

// Every subject with any data in `period`: ranked ones first (by composite,
// ties by id), then those without a composite (too few ratings, or nothing
// but a bonus). A subject missing a component gets the hall's average for it
// (hall_averages, marked *_hall), so all are scored on the same basis; where
// nobody has a component its weight is shared out for all alike. Subjects
// with fewer than settings.min_ratings citizen ratings are listed too_few.
std::vector<Standing> standings(const Tally& tally, const hall::Period& period, Subject subject,
                                const RankingSettings& settings);

}  // namespace controller

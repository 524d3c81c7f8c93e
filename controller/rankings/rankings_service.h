// rankings_service.h: the star-rankings service (三比三评). At start it
// rebuilds a Tally from the evaluations table and the stored reviews and
// bonuses (reviews_store.h), leaving out ratings whose case was rejected
// (kRatingCounted); after that each newly committed evaluation
// (the evaluation bus) and each newly entered review or bonus (the review
// feed, reviews_service.h) is added in O(1), and a rating whose case is rejected
// (or appealed) is taken out (or put back) in O(1). When something changed it publishes
// `/rankings/stars` (the signage rankings and identity boards read it) at most
// once a second. Admin messages: `rankings.show` (standings of a period) and
// `rankings.recompute` (rebuild from the raw rows and say whether that matched
// the incremental state). The month report (report_service.h) reads the
// standings through it. See docs/rankings.md and docs/protocol.md.
// Threading: the controller's thread only.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "controller/evaluations/evaluation_bus.h"
#include "controller/reviews/reviews_service.h"
#include "controller/reviews/reviews_store.h"
#include "controller/rankings/scoring_tally.h"
#include "common/wire/codec.h"
#include "common/base/result.h"
#include "common/base/config.h"

namespace controller {

class Controller;

// [ranking]: the scoring settings (RankingSettings in scoring.h).
void add_ranking_keys(hall::Schema& schema);
RankingSettings ranking_settings_from(const hall::Config& config);

struct Request;

class RankingsService {
 public:
  RankingsService(Controller& c, RankingSettings settings);
  hall::Status start();

  // A committed rating counts; with `withdrawn` it stops counting.
  void on_evaluation(const CommittedEvaluation& e, bool withdrawn = false);
  // A review or bonus that was just committed (already validated).
  void add(const PeerReview& r, const StaffDirectory& dir);
  void add(const LeaderReview& r, const StaffDirectory& dir);
  void add(const ContestBonus& b, const StaffDirectory& dir);

  void publish();  // at most once a second (a 1 s timer), only when something changed
  std::optional<std::string> on_show(const Request& r);
  std::optional<std::string> on_recompute(const Request& r);

  // 约谈: the windows (dense ids) at the bottom of the window ranking, or
  // under ranking.talk_below, in both of the two closed months that end at
  // `month` (or at last month, when `month` is this month or later). "At the
  // bottom": ranked last (ties included) among two or more ranked windows
  // that do not all share rank 1. `months` gets the two months, earlier first.
  std::vector<int32_t> talk_windows(const hall::Period& month, std::vector<hall::Period>* months = nullptr) const;

  // For reports: the running tally and the subjects behind its dense ids.
  const Tally& tally() const { return tally_; }
  const RankingSettings& settings() const { return s_; }
  int64_t window_number(int32_t id) const { return window_numbers_[id]; }
  const std::string& window_name(int32_t id) const { return window_names_[id]; }
  const std::string& staff_id(int32_t id) const { return staff_ids_[id]; }
  const std::string& staff_name(int32_t id) const { return staff_names_[id]; }

 private:
  static hall::Json line(const Standing& st);
  hall::Period current_month() const;
  // The month on the public board: the last closed month, or this month with
  // ranking.board_period = "live".
  hall::Period shown_month() const;
  // The windows at the bottom of `month` (see talk_windows).
  std::vector<int32_t> bottom_of(const hall::Period& month) const;
  hall::Json stars_value();
  std::string post_of(const std::string& staff_id);
  // Dense ids: a new window or staff member gets the next index; the latest
  // non-empty name seen wins.
  int32_t window_slot(int64_t number, const std::string& name);
  int32_t staff_slot(const std::string& id, const std::string& name);
  bool to_row(int64_t number, const std::string& wname, const std::string& sid, const std::string& sname, int score,
              const std::string& created_at, RatingRow& r);
  hall::Result<std::vector<RatingRow>> load();
  // Adds every stored review and bonus to `into` (start and recompute).
  hall::Status add_stored(Tally& into);
  void add_to(Tally& into, const PeerReview& r, const StaffDirectory& dir);
  void add_to(Tally& into, const LeaderReview& r, const StaffDirectory& dir);
  void add_to(Tally& into, const ContestBonus& b, const StaffDirectory& dir);
  bool subject_slot(const std::string& kind, const std::string& subject, const StaffDirectory& dir, Subject& s,
                    int32_t& id);

  Controller& c_;
  RankingSettings s_;
  Tally tally_;
  int64_t rows_ = 0;
  bool dirty_ = false;
  std::string published_month_;  // the month last put on the board
  std::unordered_map<int64_t, int32_t> window_index_;
  std::vector<int64_t> window_numbers_;
  std::vector<std::string> window_names_;
  std::unordered_map<std::string, int32_t> staff_index_;
  std::vector<std::string> staff_ids_, staff_names_;
};

// Starts the service and registers its handlers; the reviews and report
// services take the returned pointer.
hall::Result<std::shared_ptr<RankingsService>> install_rankings(Controller& controller, EvaluationBus& evaluations,
                                                                ReviewFeed& reviews, const RankingSettings& settings);

}  // namespace controller

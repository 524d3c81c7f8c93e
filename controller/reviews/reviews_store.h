// reviews_store.h: the stored reviews of migration 5 (peer_reviews,
// leader_reviews, contest_bonuses). Their checks (reviews.h) read the staff
// and windows through the content service's directory
// (controller/content/directory.h). Inserts write the row only; the caller
// holds the transaction and writes the audit row with it.
// Threading: the caller's (the controller's thread).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "controller/reviews/reviews.h"
#include "common/base/result.h"
#include "common/store/store.h"

namespace controller {

// Bonus points as stored: thousandths of a point.
int64_t points_to_milli(double points);

struct StoredPeerReview {
  int64_t id = 0;
  PeerReview review;
  std::string entered_at;
};
struct StoredLeaderReview {
  int64_t id = 0;
  LeaderReview review;
  std::string entered_at;
};
struct StoredBonus {
  int64_t id = 0;
  ContestBonus bonus;
  int64_t points_milli = 0;
  std::string entered_at;
  // Set when it was withdrawn (then it no longer counts); "" otherwise.
  std::string withdrawn_at, withdrawn_by, withdraw_reason;
  bool counts() const { return withdrawn_at.empty(); }
};
struct StoredReviews {
  std::vector<StoredPeerReview> peer;
  std::vector<StoredLeaderReview> leader;
  std::vector<StoredBonus> bonuses;
};

// Every stored review and bonus in entry order; with `period` ("2026-11")
// only those entered for exactly that period.
hall::Result<StoredReviews> load_reviews(hall::Store& store, const std::string& period = "");
// (period, reviewer, reviewee) of the peer reviews of `period`.
hall::Result<PeerPairs> load_peer_pairs(hall::Store& store, const std::string& period);

// Each returns the new row's id.
hall::Result<int64_t> insert_peer_review(hall::Store& store, const PeerReview& r, const std::string& at);
hall::Result<int64_t> insert_leader_review(hall::Store& store, const LeaderReview& r, const std::string& at);
hall::Result<int64_t> insert_bonus(hall::Store& store, const ContestBonus& b, const std::string& at);
// Bonus `id`, withdrawn or not; nullopt when there is none.
hall::Result<std::optional<StoredBonus>> find_bonus(hall::Store& store, int64_t id);
// Marks bonus `id` withdrawn (the caller checked it counts).
hall::Status withdraw_bonus(hall::Store& store, int64_t id, const std::string& by, const std::string& reason,
                            const std::string& at);

}  // namespace controller

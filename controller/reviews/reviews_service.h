// reviews_service.h: entering the reviews besides citizen ratings on the
// admin socket: `review.peer` (党员互评), `review.leader` (领导点评),
// `bonus.add` (比技能 contest bonus), `bonus.withdraw` and `reviews.list`. Each write is checked
// with reviews.h against the store (staff directory, windows, pairs already
// entered), stored with its `audit` row in one transaction, and then handed
// to the feed's listeners (the rankings service's tally, so the standings
// change at once).
// See docs/rankings.md and docs/protocol.md.
// Threading: the controller's thread only.
#pragma once

#include <functional>
#include <memory>
#include <variant>
#include <vector>

#include "common/base/result.h"
#include "controller/content/directory.h"
#include "controller/reviews/reviews.h"

namespace controller {

class Controller;

// One stored review or bonus, with the directory it was checked against. A
// withdrawn bonus comes again with its points negated: the change to apply.
using ReviewEntry = std::variant<PeerReview, LeaderReview, ContestBonus>;

class ReviewFeed {
 public:
  using Listener = std::function<void(const ReviewEntry&, const StaffDirectory&)>;
  void on_entry(Listener fn) { listeners_.push_back(std::move(fn)); }
  void entered(const ReviewEntry& e, const StaffDirectory& dir) const {
    for (const auto& fn : listeners_) fn(e, dir);
  }

 private:
  std::vector<Listener> listeners_;
};

// `bonus_max` is ranking.bonus_max, the largest bonus one entry may give.
hall::Result<std::shared_ptr<ReviewFeed>> install_reviews(Controller& controller, double bonus_max);

}  // namespace controller

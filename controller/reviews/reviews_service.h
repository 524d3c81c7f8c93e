// reviews_service.h: entering the reviews besides citizen ratings on the
// admin socket: `review.peer` (党员互评), `review.leader` (领导点评),
// `bonus.add` (比技能 contest bonus) and `reviews.list`. Each write is checked
// with reviews.h against the store (staff directory, windows, pairs already
// entered), stored with its `audit` row in one transaction, and then added to
// the rankings service's tally so the standings change at once.
// See docs/rankings.md and docs/protocol.md.
// Threading: the controller's thread only.
#pragma once

#include <memory>

#include "common/base/result.h"

namespace controller {

class Controller;
class RankingsService;

hall::Status install_reviews(Controller& controller, std::shared_ptr<RankingsService> rankings);

}  // namespace controller

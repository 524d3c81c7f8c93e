// rankings_service.h: the star-rankings service (三比三评). At start it
// rebuilds a ScoringTally from the evaluations table; after that each newly
// committed evaluation (Controller::on_evaluation) is added in O(1). When
// something changed it publishes `/rankings/stars` (the signage rankings and
// identity boards read it) at most once a second. Admin messages:
// `rankings.show` (standings of a period) and `rankings.recompute` (rebuild
// from the raw rows and say whether that matched the incremental state).
// See docs/rankings.md and docs/protocol.md.
// Threading: the controller's thread only.
#pragma once

#include "hall/result.h"

namespace controller {

class Controller;

hall::Status install_rankings(Controller& controller);

}  // namespace controller

// upstream.h: forwards stored evaluations to the provincial 好差评 platform
// (docs/evaluations.md "Upstream"). Rows wait in the upstream_outbox table
// (filled in the evaluation's own transaction), go out in batches as one
// JSON POST, and leave the outbox only when the receiver answers 2xx; the
// receiver deduplicates by uuid, so a batch resent after a lost answer is
// harmless. Failures back off (capped). Phone numbers are masked unless
// `upstream.mask_phone = false`.
// Threading: the POST runs on an HttpWorker thread; reading and updating the
// outbox happen in a controller timer on the loop thread.
#pragma once

#include "common/base/result.h"
#include "controller/evaluations/evaluation_bus.h"

namespace controller {

class Controller;

hall::Status install_upstream(Controller& controller, EvaluationBus& evaluations);

}  // namespace controller

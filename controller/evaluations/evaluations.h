// evaluations.h: the evaluation service (群众评议). Answers the kiosks'
// `ticket.lookup` and `evaluation.submit` on the device socket and
// `evaluations.list` on the admin socket (docs/protocol.md,
// docs/evaluations.md).
//
// Group commit: a submit whose fields are well-formed joins the pending
// batch and gets no reply yet. After each poll turn (a zero-interval
// controller timer) the batch goes to the EvaluationCommitter's thread,
// unless that is still writing the previous one; then the batch grows until
// it comes back. The committer checks each row against the store (known
// uuid, ticket served within the window, one rating per ticket, press
// filter) and writes transactions of at most `evaluation.batch_max` rows
// with synchronous=FULL; only after COMMIT returns is each kiosk answered
// (ack or refusal) with Controller::reply(). A repeated uuid — stored,
// being written or still pending — is acked with duplicate=true and never
// makes a second row. The returned bus (evaluation_bus.h) is how other
// services write with each rating (cases, the upstream outbox) and hear of it
// (rankings).
// Threading: the controller's thread only (the committer has its own).
#pragma once

#include <memory>

#include "common/base/result.h"
#include "controller/evaluations/evaluation_bus.h"

namespace controller {

class Controller;

hall::Result<std::shared_ptr<EvaluationBus>> install_evaluations(Controller& controller);

}  // namespace controller

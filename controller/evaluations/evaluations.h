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
#include "common/base/config.h"
#include "controller/evaluations/evaluation_bus.h"
#include "controller/evaluations/phone_vault.h"

namespace controller {

class Controller;

// [evaluation]: how kiosk ratings are checked and committed (docs/evaluations.md).
struct EvaluationSettings {
  int window_h = 24;           // a ticket may be rated this long after it was finished
  int min_interval_ms = 1500;  // press filter per kiosk (0: off)
  int batch_max = 512;         // evaluations per transaction (1: one transaction each)
  // created_at bounds: at most clock_skew_s ahead of the controller's clock
  // or before the ticket's service ended, at most max_delay_h behind the
  // controller's clock (a kiosk back from a long outage).
  int clock_skew_s = 300;
  int max_delay_h = 720;
};

void add_evaluation_keys(hall::Schema& schema);
EvaluationSettings evaluation_settings_from(const hall::Config& config);


// `phones` seals each rating's number before it is written (phone_vault.h).
hall::Result<std::shared_ptr<EvaluationBus>> install_evaluations(Controller& controller,
                                                                const EvaluationSettings& settings,
                                                                std::shared_ptr<const PhoneVault> phones);

}  // namespace controller

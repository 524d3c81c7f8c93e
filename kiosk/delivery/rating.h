// rating.h: the step from a visitor's rating (Model::take_rating) to an
// evaluation on its way to the controller: a new version 7 uuid and the
// kiosk's clock time make it an Evaluation, which the courier writes to the
// outbox before it is sent. A rating the outbox cannot take is logged loudly
// (it is lost: the visitor has already been thanked).
// Threading: the thread that owns the courier.
#pragma once

#include <string>

#include "common/time/clock.h"
#include "kiosk/delivery/courier.h"
#include "kiosk/flow/evaluation.h"
#include "kiosk/flow/model.h"

namespace kiosk {

// The evaluation that records `rating`, made at `at` on kiosk `kiosk_id`.
Evaluation evaluation_from(const Rating& rating, const std::string& kiosk_id, hall::SystemTime at);

// Makes the evaluation of `rating` and submits it to `courier`; logs the
// outcome. Returns the evaluation, or why the outbox refused it.
hall::Result<Evaluation> submit_rating(Courier& courier, const Rating& rating, const std::string& kiosk_id,
                                       hall::SystemTime at, Courier::Clock::time_point now);

}  // namespace kiosk

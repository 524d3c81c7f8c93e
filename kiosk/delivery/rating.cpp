#include "kiosk/delivery/rating.h"

#include "common/base/log.h"
#include "common/wire/uuid.h"

namespace kiosk {

Evaluation evaluation_from(const Rating& rating, const std::string& kiosk_id, hall::SystemTime at) {
  return Evaluation{hall::uuid_v7(at), rating.ticket, rating.score, rating.reasons,
                    rating.phone,      kiosk_id,      hall::iso_time(at)};
}

hall::Result<Evaluation> submit_rating(Courier& courier, const Rating& rating, const std::string& kiosk_id,
                                       hall::SystemTime at, Courier::Clock::time_point now) {
  Evaluation e = evaluation_from(rating, kiosk_id, at);
  if (auto s = courier.submit(e, now); !s) {
    hall::log::error("RATING NOT SAVED for ticket {}: {}", e.ticket, s.error());
    return s.take_error();
  }
  hall::log::info("rating {} for ticket {} (score {}) queued in the outbox", e.uuid, e.ticket, e.score);
  return e;
}

}  // namespace kiosk

// simulate.h: hall-kiosk --simulate: rates a range of tickets without a UI,
// through the same outbox and courier as a visitor's rating, then waits for
// the outbox to drain. For load tests and crash drills.
// Threading: the calling thread owns everything it is given.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "common/time/clock.h"
#include "common/base/result.h"
#include "kiosk/delivery/courier.h"
#include "kiosk/delivery/outbox.h"

namespace kiosk {

// "L0001-L5000" -> L0001, L0002 ... L5000 (same prefix both ends; the digits
// keep the width of the first number). At most 1,000,000 tickets.
hall::Result<std::vector<std::string>> parse_ticket_range(const std::string& spec);

// A realistic score: mostly satisfied, a few bad ratings.
struct RandomRater {
  explicit RandomRater(uint64_t seed);
  // Its uuid and created_at are from `at`.
  Evaluation rate(const std::string& ticket, hall::SystemTime at);
  std::mt19937_64 rng;
};

struct SimulateOptions {
  std::vector<std::string> tickets;
  std::string kiosk_id;
  double rate = 0;  // evaluations queued per second; 0 = as fast as the outbox takes them
  std::chrono::milliseconds timeout{std::chrono::seconds(300)};  // for the whole run
  // created_at of consecutive ratings is this far apart (whole seconds, as
  // iso_time writes them), so the controller's press filter
  // (evaluation.min_interval_ms, per kiosk, on created_at) lets them through.
  // The timeline ends about now and never overlaps an earlier run's (kept
  // in the outbox's meta table).
  std::chrono::seconds spacing{3};
  // Called every turn: hall-kiosk pumps its device link there, so a
  // simulated kiosk says hello (and reports a damaged outbox) as a real one.
  std::function<void(std::chrono::steady_clock::time_point)> each_turn;
};

struct SimulateSummary {
  size_t tickets = 0;
  size_t queued = 0;   // new outbox entries this run
  size_t skipped = 0;  // already waiting in the outbox from an earlier run
  CourierStats stats;
  int64_t left = 0;    // still in the outbox at the end
  double seconds = 0;
  bool drained() const { return left == 0; }
};

hall::Result<SimulateSummary> simulate(Outbox& outbox, Courier& courier, const SimulateOptions& options,
                                       const hall::WallClock& wall = hall::system_wall_clock());
// One line: "simulate: tickets=... sent=... acked=... duplicates=... rejected=... (code=n ...) left=...
// ack_ms_p50=... ack_ms_p99=... ack_ms_max=..." (ack times from the last send, to the millisecond)
std::string format_summary(const SimulateSummary& s);

}  // namespace kiosk

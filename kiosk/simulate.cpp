#include "kiosk/simulate.h"

#include <fmt/format.h>

#include <thread>

#include "common/base/app.h"
#include "common/base/log.h"
#include "common/wire/uuid.h"

namespace kiosk {

hall::Result<std::vector<std::string>> parse_ticket_range(const std::string& spec) {
  const auto bad = [&](const std::string& why) {
    return hall::fail("--tickets \"" + spec + "\": " + why + "; write it like L0001-L5000");
  };
  const auto dash = spec.find('-');
  if (dash == std::string::npos) return bad("no '-' between the first and the last ticket");
  auto split = [](const std::string& t, std::string& prefix, std::string& digits) {
    size_t i = 0;
    while (i < t.size() && ((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' && t[i] <= 'z'))) ++i;
    prefix = t.substr(0, i);
    digits = t.substr(i);
    if (digits.empty() || digits.size() > 9) return false;
    for (char c : digits)
      if (c < '0' || c > '9') return false;
    return true;
  };
  std::string p1, d1, p2, d2;
  if (!split(spec.substr(0, dash), p1, d1) || !split(spec.substr(dash + 1), p2, d2))
    return bad("each end must be letters followed by 1-9 digits");
  if (p1 != p2) return bad("both ends must have the same letters");
  const long first = std::stol(d1), last = std::stol(d2);
  if (last < first) return bad("the last ticket comes before the first");
  if (last - first >= 1000000) return bad("more than 1,000,000 tickets");
  if (p1.size() + std::max(d1.size(), std::to_string(last).size()) > 16) return bad("tickets longer than 16 characters");
  std::vector<std::string> out;
  out.reserve(static_cast<size_t>(last - first + 1));
  for (long n = first; n <= last; ++n) out.push_back(p1 + fmt::format("{:0{}}", n, d1.size()));
  return out;
}

RandomRater::RandomRater(uint64_t seed) : rng(seed) {}

Evaluation RandomRater::rate(const std::string& ticket, hall::SystemTime at) {
  // Roughly what halls report: about 9 in 10 satisfied, a few bad ratings.
  std::discrete_distribution<int> score({2, 3, 7, 20, 68});  // weights of 1..5
  Evaluation e;
  e.uuid = hall::uuid_v7(at);
  e.created_at = hall::iso_time(at);
  e.ticket = ticket;
  e.score = score(rng) + 1;
  if (is_bad_score(e.score)) {
    std::uniform_int_distribution<size_t> pick(0, reasons().size() - 1);
    const size_t n = 1 + rng() % 2;
    for (size_t i = 0; i < n; ++i) {
      const std::string code = reasons()[pick(rng)].code;
      if (e.reasons.empty() || e.reasons.front() != code) e.reasons.push_back(code);
    }
    if (rng() % 2) e.phone = fmt::format("139{:08}", rng() % 100000000);
  }
  return e;
}

hall::Result<SimulateSummary> simulate(Outbox& outbox, Courier& courier, const SimulateOptions& o,
                                       const hall::WallClock& wall) {
  using Clock = Courier::Clock;
  SimulateSummary sum;
  sum.tickets = o.tickets.size();
  RandomRater rater(std::random_device{}());
  const auto start = Clock::now();
  const auto deadline = start + o.timeout;
  // The simulated ratings' own timeline (see SimulateOptions::spacing).
  const int64_t step_ms = std::max<int64_t>(1, o.spacing.count()) * 1000;
  int64_t clock_ms = hall::epoch_ms(wall()) / 1000 * 1000 - static_cast<int64_t>(o.tickets.size()) * step_ms;
  if (auto last = outbox.meta("simulate_clock_ms")) {
    try {
      clock_ms = std::max<int64_t>(clock_ms, std::stoll(*last) + step_ms);
    } catch (const std::exception&) {
      hall::log::warn("outbox {}: ignoring an unreadable simulate_clock_ms", outbox.path());
    }
  }
  size_t next = 0;
  while (!hall::stop_requested()) {
    const auto now = Clock::now();
    if (now >= deadline) break;
    // Queue what the rate allows (all at once when no rate is given), a
    // bounded batch per turn so replies keep being read.
    const size_t allowed = o.rate > 0
        ? static_cast<size_t>(std::chrono::duration<double>(now - start).count() * o.rate) + 1
        : o.tickets.size();
    if (next < o.tickets.size() && next < allowed) {
      // Reserve the timeline of this batch before using it (one write per batch).
      if (auto s = outbox.set_meta("simulate_clock_ms", std::to_string(clock_ms + 63 * step_ms)); !s)
        return s.take_error();
    }
    std::vector<Evaluation> batch_list;
    for (int batch = 0; next < o.tickets.size() && next < allowed && batch < 64; ++batch, ++next) {
      const std::string& t = o.tickets[next];
      if (outbox.has_ticket(t)) {
        ++sum.skipped;
        continue;
      }
      Evaluation e = rater.rate(t, hall::SystemTime(std::chrono::milliseconds(clock_ms)));
      e.kiosk_id = o.kiosk_id;
      clock_ms += step_ms;
      batch_list.push_back(std::move(e));
    }
    if (auto s = courier.submit_many(batch_list, now); !s) return s.take_error();
    sum.queued += batch_list.size();
    courier.pump(Clock::now());
    if (o.each_turn) o.each_turn(Clock::now());
    if (next >= o.tickets.size() && courier.waiting() == 0) break;
    courier.wait(std::chrono::milliseconds(next < o.tickets.size() ? 1 : 20));
  }
  sum.stats = courier.stats();
  sum.left = outbox.size();
  sum.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return sum;
}

std::string format_summary(const SimulateSummary& s) {
  std::string codes;
  for (const auto& [code, n] : s.stats.rejected) codes += fmt::format(" {}={}", code, n);
  return fmt::format(
      "simulate: tickets={} queued={} skipped={} sent={} resent={} acked={} duplicates={} late_acks={} "
      "timeouts={} retried_errors={} rejected={}{}{}{} left={} seconds={:.1f} per_s={:.0f} ack_ms_p50={} "
      "ack_ms_p99={} ack_ms_max={} {}",
      s.tickets, s.queued, s.skipped, s.stats.sent, s.stats.resent, s.stats.acked, s.stats.duplicates,
      s.stats.late_acks, s.stats.timeouts, s.stats.transient_errors, s.stats.rejected_total(),
      codes.empty() ? "" : " (", codes.empty() ? "" : codes.substr(1), codes.empty() ? "" : ")", s.left,
      s.seconds, s.seconds > 0 ? static_cast<double>(s.stats.acked) / s.seconds : 0.0,
      s.stats.ack_ms_quantile(0.5), s.stats.ack_ms_quantile(0.99), s.stats.ack_ms_quantile(1.0),
      s.drained() ? "drained" : "NOT drained");
}

}  // namespace kiosk

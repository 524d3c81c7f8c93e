// courier.h: delivers the outbox to the controller (evaluation.submit ->
// evaluation.ack, docs/protocol.md). An evaluation is written to the outbox
// before it is sent and leaves it only on an ack for its uuid, or on a
// permanent error (then it moves to the outbox's `rejected` table). Sends are
// windowed (at most `window` unacked requests), an unanswered request is
// resent after `ack_timeout`, and failures (timeouts, transient errors) back
// off exponentially up to `backoff_cap`; while there is no connection to the
// controller at all, sending is tried again every `backoff_base`. When the controller answers again after a silence, every
// waiting entry is due at once. Resends are safe: the controller stores a
// uuid once and acks repeats with duplicate=true.
// Threading: one thread owns a Courier and its Outbox; pump() never blocks.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/wire/backoff.h"
#include "common/wire/sockets.h"
#include "kiosk/delivery/outbox.h"

namespace kiosk {

struct CourierOptions {
  hall::Endpoint controller;  // the controller's device port
  size_t window = 32;         // unacked requests at most
  std::chrono::milliseconds ack_timeout{3000};
  // Resend pauses (hall::Backoff): base, 2*base, 4*base ... up to the cap.
  std::chrono::milliseconds backoff_base{250};
  std::chrono::milliseconds backoff_cap{8000};
  bool jitter = true;  // spread resends of many kiosks by +-20%
};

// True for the error codes protocol.md calls permanent.
bool is_permanent_code(const std::string& code);

struct CourierStats {
  uint64_t sent = 0;        // first attempts
  uint64_t resent = 0;      // later attempts (timeouts, transient errors, restarts)
  uint64_t acked = 0;       // entries removed on an ack
  uint64_t duplicates = 0;  // acks saying the controller already had the uuid
  uint64_t late_acks = 0;   // acks for uuids no longer waiting
  uint64_t timeouts = 0;
  uint64_t transient_errors = 0;
  std::map<std::string, uint64_t> rejected;  // permanent errors by code
  // Milliseconds from the last send of an entry to its ack, as a histogram
  // (bucket i holds acks that took i ms; the last bucket everything longer),
  // so a drill can tell how fast the controller answers under load.
  static constexpr size_t kAckBuckets = 10001;
  std::vector<uint64_t> ack_ms = std::vector<uint64_t>(kAckBuckets, 0);
  uint64_t rejected_total() const;
  // The ack time that `share` (0..1) of the acks took at most; 0 with no acks.
  int64_t ack_ms_quantile(double share) const;
};

class Courier {
 public:
  using Clock = std::chrono::steady_clock;

  // Loads what the outbox still holds (from an earlier run): all of it is due now.
  static hall::Result<std::unique_ptr<Courier>> create(Outbox& outbox, const hall::SocketFactory& sockets,
                                                       CourierOptions options);

  // Writes `e` to the outbox (durably) and queues it for sending.
  hall::Status submit(const Evaluation& e, Clock::time_point now);
  // The same for several (one outbox transaction; the simulator's batches).
  hall::Status submit_many(const std::vector<Evaluation>& list, Clock::time_point now);
  // Reads replies, handles acks, errors and timeouts, and sends what is due.
  // Returns the number of replies read.
  size_t pump(Clock::time_point now);
  // Waits up to `timeout` for a reply to arrive (for loops without a UI).
  void wait(std::chrono::milliseconds timeout);

  size_t waiting() const { return entries_.size(); }  // not yet acked or rejected
  size_t in_flight() const { return in_flight_; }
  const CourierStats& stats() const { return stats_; }
  // The failures so far of a waiting entry (-1 when not waiting); for tests.
  int failures(const std::string& uuid) const;
  // When a waiting entry will next be sent (for tests).
  Clock::time_point next_attempt(const std::string& uuid) const;

 private:
  struct Entry {
    Evaluation evaluation;
    int failures = 0;
    int attempts = 0;
    bool in_flight = false;
    uint64_t request_id = 0;
    Clock::time_point next_at{};
    Clock::time_point sent_at{};
  };
  Courier(Outbox& outbox, const hall::SocketFactory& sockets, CourierOptions options);
  void enqueue(Evaluation e, Clock::time_point due);
  void handle_reply(const std::string& frame, Clock::time_point now, std::vector<std::string>& acked);
  void failed(Entry& e, Clock::time_point now);
  void finish(const std::string& uuid);
  void send_due(Clock::time_point now);

  Outbox& outbox_;
  CourierOptions options_;
  std::unique_ptr<zmq::socket_t> socket_;
  std::map<uint64_t, Entry> entries_;                 // by local order, oldest first
  std::unordered_map<std::string, uint64_t> by_uuid_;
  std::unordered_map<uint64_t, std::string> by_request_;
  uint64_t next_order_ = 1;
  uint64_t next_request_ = 1;
  size_t in_flight_ = 0;
  Clock::time_point last_reply_{};
  Clock::time_point earliest_due_{};  // nothing is due before this
  CourierStats stats_;
  hall::Backoff backoff_;  // pauses after an entry's failures
};

}  // namespace kiosk

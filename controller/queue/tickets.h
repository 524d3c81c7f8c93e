// tickets.h: the store's view of queue tickets. Applies queue events
// (queue_feed.h) to the `tickets` table — creating a ticket it has not seen,
// recording calls, transfers, the finish or a no-show, and the wait and
// service times — and finds a ticket by its printed number (the most recently
// issued one with that number).
// Threading: the controller's thread (it uses the controller's Store).
#pragma once

#include <optional>
#include <cstdint>
#include <string>
#include <vector>

#include "controller/queue/queue_feed.h"
#include "common/store/store.h"
#include "common/vocab/queue_keys.h"

namespace controller {

struct Ticket {
  int64_t id = 0;
  std::string number;
  std::string state;  // waiting, called, finished, no_show
  std::string service_item_id, service_item_name;
  int window_number = 0;
  std::string window_name;
  std::string staff_id, staff_name;
  std::string created_at, called_at, finished_at;
  int64_t finished_ms = 0;  // 0 while not finished
  int64_t wait_s = -1, service_s = -1;  // -1 while unknown
};

// A ticket called to a window, as /queue/calls shows it.
using QueueCall = hall::wire::QueueCall;

class TicketBook {
 public:
  explicit TicketBook(hall::Store& store) : store_(store) {}

  // Applies one event. Replaying an event (after a feed restart) is harmless.
  hall::Status apply(const QueueEvent& event, const std::string& now_iso);
  // The latest ticket with `number` issued at or before `issued_by_ms`
  // (numbers restart daily: a rating made yesterday means yesterday's ticket).
  hall::Result<std::optional<Ticket>> find(const std::string& number, int64_t issued_by_ms = INT64_MAX);
  // The latest calls, newest first.
  std::vector<QueueCall> recent_calls(int limit);
  // The letters (A-Z) the latest `limit` tickets start with, in order.
  std::string recent_letters(int limit);
  // The latest tickets, newest first (hallctl tickets).
  std::vector<Ticket> recent(int limit);

 private:
  hall::Result<int64_t> ensure(const QueueEvent& e, const std::string& now_iso);
  hall::Store& store_;
  std::optional<hall::Statement> find_;  // prepared once: find() is on the ingest path
};

}  // namespace controller

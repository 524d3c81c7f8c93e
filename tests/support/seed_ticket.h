// seed_ticket.h: one ticket's queue events written straight into a store, as
// the queue feed would (the unit tests' TestController::add_ticket and the
// fuzz targets' hall both seed tickets this way).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

#include "common/time/clock.h"
#include "controller/queue/tickets.h"

namespace testing {

// Ticket `number` for 住房公积金提取 at window 3 (王芳): issued at created_ms,
// called a minute later, and finished (or "no_show") at finished_ms; a
// "waiting" ticket stops after issue, a "called" one after the call. Times
// as a queue system on a UTC server sends them ("+00:00").
inline hall::Status seed_ticket(controller::TicketBook& book, const std::string& number, const std::string& state,
                                int64_t created_ms, int64_t finished_ms) {
  auto ev = [&](controller::QueueEventKind k, int64_t at_ms) {
    controller::QueueEvent e;
    e.kind = k;
    e.ticket = number;
    e.at_ms = at_ms;
    e.at = hall::iso_time(hall::SystemTime(std::chrono::milliseconds(at_ms)),
                          hall::TimeZone::fixed(std::chrono::minutes(0)));
    e.service_item_id = "gjj-tiqu";
    e.service_item_name = "住房公积金提取";
    e.window_number = 3;
    e.window_name = "公积金窗口";
    e.staff_id = "wang-fang";
    e.staff_name = "王芳";
    return book.apply(e, e.at);
  };
  if (auto s = ev(controller::QueueEventKind::Created, created_ms); !s || state == "waiting") return s;
  if (auto s = ev(controller::QueueEventKind::Called, std::min(finished_ms - 60000, created_ms + 60000));
      !s || state == "called")
    return s;
  return ev(state == "no_show" ? controller::QueueEventKind::NoShow : controller::QueueEventKind::Finished,
            finished_ms);
}

}  // namespace testing

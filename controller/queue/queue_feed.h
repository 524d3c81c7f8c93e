// queue_feed.h: the queue system's event feed as data (docs/queue-api.md).
// Parses one page of the feed — {"feed": id, "next": cursor, "events": [...]}
// — into typed events. A page that is not that shape is an error; a single
// bad event (wrong type, missing field, unknown event name, bad time) is
// skipped with a reason, and the rest of the page is kept.
// Threading: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/result.h"

namespace controller {

enum class QueueEventKind { Created, Called, Recalled, Transferred, Finished, NoShow };

const char* event_name(QueueEventKind kind);  // "ticket.created" ...

struct QueueEvent {
  uint64_t seq = 0;
  QueueEventKind kind = QueueEventKind::Created;
  std::string ticket;             // as printed, e.g. "A023"
  std::string at;                 // ISO time with offset, as the feed wrote it
  int64_t at_ms = 0;
  std::string service_item_id;    // "" when the event does not say
  std::string service_item_name;
  int window_number = 0;          // 0 when the event does not say
  std::string window_name;
  std::string staff_id;
  std::string staff_name;
};

struct FeedPage {
  std::string feed;               // identifies one run of the feed; a change means it restarted
  uint64_t next = 0;              // the cursor for the next poll
  bool more = false;              // the feed has more events right now
  std::vector<QueueEvent> events;
  std::vector<std::string> skipped;  // one reason per bad event
};

hall::Result<FeedPage> parse_feed_page(std::string_view body);

}  // namespace controller

// queue_link.h: the controller's link to the hall's queue system. Polls the
// event feed (docs/queue-api.md) over HTTP with a cursor, applies each page
// of events to the tickets table in one transaction together with the new
// cursor, and publishes the latest calls on /queue/calls for the signage
// queue-call board. Failed polls back off (capped); a bad page or a bad event
// is logged with the reason and skipped. Also answers `tickets.list` on the
// admin socket (hallctl tickets).
// Threading: the HTTP request runs on an HttpWorker thread; everything else
// (parsing, store, publishing) runs in a controller timer on the loop thread,
// which only ever checks whether the worker is done — it never waits on it.
#pragma once

#include "common/base/result.h"
#include "common/base/config.h"

namespace controller {

class Controller;

// [queue]: the hall's queue-management feed (docs/queue-api.md).
struct QueueSettings {
  bool enabled = false;
  std::string url;           // base URL; the link GETs <url>/events?after=N
  int poll_ms = 1000;        // pause between polls when the feed is idle
  int timeout_ms = 3000;     // whole-request timeout
  int backoff_max_ms = 30000;
};

void add_queue_keys(hall::Schema& schema);
QueueSettings queue_settings_from(const hall::Config& config);


hall::Status install_queue_link(Controller& controller, const QueueSettings& settings);

}  // namespace controller

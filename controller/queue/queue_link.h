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

namespace controller {

class Controller;

hall::Status install_queue_link(Controller& controller);

}  // namespace controller

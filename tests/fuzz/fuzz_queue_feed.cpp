// fuzz_queue_feed: the queue system's event feed (controller/queue/
// queue_feed.h, docs/queue-api.md): one page of the feed as the queue system
// sends it, parsed, and its events applied to the tickets of a real store
// (controller/queue/tickets.h), which is then read back as the queue link
// publishes it. Rules: nothing throws; a page is taken or refused with a
// message; events apply or fail with a message.
#include "fuzz.h"

#include <unistd.h>

#include <filesystem>

#include "common/base/log.h"
#include "controller/core/schema.h"
#include "controller/queue/queue_feed.h"
#include "controller/queue/tickets.h"

namespace hall_fuzz {

namespace {
namespace fs = std::filesystem;

// A store of the controller's schema in a temp file, removed at exit.
struct TicketStore {
  fs::path file;
  std::unique_ptr<hall::Store> store;
  TicketStore() {
    (void)hall::log::init("fuzz", "off");
    const fs::path tmp = fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    file = tmp / ("hall-fuzz-queue-" + std::to_string(getpid()) + ".db");
    remove_files();
    auto s = hall::Store::open(file.string(), controller::migrations(), {.synchronous_full = false});
    FUZZ_CHECK(s.ok(), "cannot open the fuzz store");
    store = std::move(*s);
  }
  ~TicketStore() {
    store.reset();
    remove_files();
  }
  void remove_files() {
    std::error_code ec;
    for (const char* end : {"", "-wal", "-shm"}) fs::remove(file.string() + end, ec);
  }
};

hall::Store& ticket_store() {
  static TicketStore s;
  return *s.store;
}
}  // namespace

int queue_feed(const uint8_t* data, size_t size) {
  auto page = controller::parse_feed_page(as_text(data, size));
  if (!page) {
    FUZZ_CHECK(!page.error().empty(), "a refused page without a message");
    return 0;
  }
  FUZZ_CHECK(page->events.size() <= size, "more events than bytes");
  controller::TicketBook book(ticket_store());
  for (const auto& e : page->events) {
    (void)controller::event_name(e.kind);
    if (auto s = book.apply(e, e.at); !s) FUZZ_CHECK(!s.error().empty(), "a failed event without a message");
    (void)book.find(e.ticket, e.at_ms);
  }
  (void)book.recent_calls(10);
  (void)book.recent_letters(10);
  (void)book.recent(10);
  return 0;
}

}  // namespace hall_fuzz

HALL_FUZZ_ENTRY(hall_fuzz::queue_feed)

// outbox.h: the kiosk's durable store-and-forward queue. Every evaluation is
// written here (SQLite via hall::Store: WAL, synchronous=FULL) BEFORE it is
// sent, and deleted only when the controller acks its uuid. Entries the
// controller refuses for good (a "permanent" error) move to the `rejected`
// table with the reason, so nothing is lost and nothing is retried forever.
// The file is <kiosk.data_dir>/<kiosk.id>/outbox.db and survives restarts.
// Threading: one thread owns an Outbox (SQLite's connection rule).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/store/store.h"
#include "common/time/clock.h"
#include "kiosk/flow/evaluation.h"

namespace kiosk {

struct RejectedEntry {
  std::string uuid;
  std::string ticket;
  std::string code;
  std::string message;
};

// A damaged outbox found at open (outbox.h, Outbox::open).
struct OutboxSetAside {
  std::string file;      // where the damaged file now is: outbox.db.corrupt-<UTC time>
  std::string problem;   // what the check found
  size_t salvaged = 0;   // waiting ratings read back from it and queued again
};

class Outbox {
 public:
  // Opens or creates the outbox at `path` (its directory is created too).
  // An existing file is checked first (PRAGMA quick_check; the outbox is
  // small). A damaged one is never deleted and never written: it is renamed
  // <path>.corrupt-<UTC time> (with its -wal), the waiting ratings that can
  // still be read from it are queued again in a fresh outbox (resending is
  // safe: the controller stores a uuid once), and set_aside() says so. The
  // set-aside file keeps everything, the rejected table included.
  static hall::Result<std::unique_ptr<Outbox>> open(const std::string& path,
                                                    hall::SystemTime now = std::chrono::system_clock::now());
  const std::optional<OutboxSetAside>& set_aside() const { return set_aside_; }
  // <data_dir>/<kiosk_id>/outbox.db
  static std::string path_for(const std::string& data_dir, const std::string& kiosk_id);

  // Durably stores `e` (committed with fsync before this returns). A uuid
  // already present is refused.
  hall::Status add(const Evaluation& e);
  // The same for several, in one transaction (all or none).
  hall::Status add_many(const std::vector<Evaluation>& list);
  // Everything waiting, oldest first.
  hall::Result<std::vector<Evaluation>> pending();
  // Removes acked entries in one transaction. Unknown uuids are ignored.
  hall::Status remove(const std::vector<std::string>& uuids);
  // Moves an entry to `rejected` with the controller's code and message.
  hall::Status reject(const std::string& uuid, const std::string& code, const std::string& message);
  hall::Result<std::vector<RejectedEntry>> rejected();
  // True when `ticket` waits in the outbox (not yet acked).
  bool has_ticket(const std::string& ticket);
  int64_t size();
  // Small durable values (e.g. the simulator's clock); nullopt when unset.
  std::optional<std::string> meta(const std::string& key);
  hall::Status set_meta(const std::string& key, const std::string& value);
  const std::string& path() const { return store_->path(); }

 private:
  explicit Outbox(std::unique_ptr<hall::Store> store) : store_(std::move(store)) {}
  std::unique_ptr<hall::Store> store_;
  std::optional<OutboxSetAside> set_aside_;
};

}  // namespace kiosk

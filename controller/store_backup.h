// store_backup.h: backing up and restoring the central store, for hallctl
// backup and restore (docs/operations.md, Backup and restore). Both work on
// the files in controller.data_dir directly, not through the admin socket:
// a backup is a consistent copy made with SQLite's online backup API while
// the controller runs (one read transaction; the controller keeps writing),
// and a restore needs the controller stopped. Access is the file system's:
// whoever may read the data directory may copy the store.
// Callback numbers in the store are sealed with <key_dir>/phone.key, which a
// backup does not hold: it must be backed up too, kept apart.
// Threading: any; each call opens its own connections.
#pragma once

#include <cstdint>
#include <string>

#include "common/base/result.h"
#include "common/time/clock.h"

namespace controller {

// What a store file holds, from a read-only look.
struct StoreFacts {
  int schema_version = 0;
  int64_t evaluations = 0;
  int64_t bytes = 0;
};

// The file is a whole hall store this program can open: integrity_check ok,
// a schema version from 1 to the newest this program knows, the hall's
// tables there. Refusals say what is wrong and what to do.
hall::Result<StoreFacts> inspect_store(const std::string& path);

// <data_dir>/hall.db copied to `to` (a new file), then inspected.
hall::Result<StoreFacts> backup_store(const std::string& data_dir, const std::string& to);

struct Restored {
  StoreFacts facts;
  std::string set_aside;  // where the replaced store now is ("" when there was none)
};

// Puts the backup `from` in place of <data_dir>/hall.db. Refuses while a
// controller holds the data directory's lock (and holds it meanwhile), and
// refuses a file that inspect_store() does not pass. The store it replaces
// is renamed <data_dir>/hall.db.replaced-<UTC time> (with its -wal and
// -shm), never deleted.
hall::Result<Restored> restore_store(const std::string& data_dir, const std::string& from, hall::SystemTime now);

}  // namespace controller

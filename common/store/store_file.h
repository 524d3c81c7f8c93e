// store_file.h: a store as a file: is it whole (PRAGMA integrity_check or
// quick_check), which schema version it holds, and a consistent copy of it
// made with SQLite's online backup API while another process writes it
// (WAL: the copy is one read transaction, the writer is not held up).
// These open the file themselves, read-only where they only read.
// Threading: any; each call has its own connections.
#pragma once

#include <string>
#include <vector>

#include "common/base/result.h"

namespace hall {

enum class CheckDepth {
  Quick,  // PRAGMA quick_check: every page and b-tree, not index contents
  Full,   // PRAGMA integrity_check: quick_check plus every index against its table
};

// What the check found: empty when the file is whole. A file SQLite cannot
// open or read as a database at all is one problem naming why. At most
// `max_problems` lines.
Result<std::vector<std::string>> check_store_file(const std::string& path, CheckDepth depth,
                                                  int max_problems = 10);

// PRAGMA user_version of the file (read-only); an error if it is not a database.
Result<int> store_file_version(const std::string& path);

// Copies the database at `from` into a new file `to` (which must not exist),
// page by page in one read transaction of `from`: the copy is what `from`
// held at one moment, whatever is written meanwhile. `to` is written under
// a temporary name, synced and renamed into place. Returns the copied bytes.
Result<int64_t> backup_store_file(const std::string& from, const std::string& to);

}  // namespace hall

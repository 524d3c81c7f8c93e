#include "controller/store_backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "controller/core/schema.h"
#include "common/base/utf8.h"
#include "common/store/store_file.h"

namespace controller {

namespace fs = std::filesystem;

namespace {
// count(*) of a table, read-only; -1 when it cannot be read.
int64_t count_rows(const std::string& path, const char* table) {
  sqlite3* db = nullptr;
  int64_t n = -1;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    const std::string sql = std::string("SELECT count(*) FROM ") + table;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
      n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
  }
  sqlite3_close_v2(db);
  return n;
}
}  // namespace

hall::Result<StoreFacts> inspect_store(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return hall::fail(path + " is not a file");
  auto problems = hall::check_store_file(path, hall::CheckDepth::Full);
  if (!problems) return problems.take_error();
  if (!problems->empty()) {
    std::string found;
    for (const auto& p : *problems) found += (found.empty() ? "" : "; ") + hall::utf8::printable(p, 200);
    return hall::fail(path + " is damaged (PRAGMA integrity_check: " + found + "); use another backup");
  }
  auto version = hall::store_file_version(path);
  if (!version) return version.take_error();
  const int newest = migrations().back().version;
  if (*version < 1) return hall::fail(path + " is an SQLite file but not a hall store (schema version 0)");
  if (*version > newest)
    return hall::fail(path + " has schema version " + std::to_string(*version) + ", newer than this program knows (" +
                      std::to_string(newest) + "); restore it with the hallctl of the version that made it");
  StoreFacts f;
  f.schema_version = *version;
  f.evaluations = count_rows(path, "evaluations");
  if (f.evaluations < 0 || count_rows(path, "hall") < 0)
    return hall::fail(path + " is an SQLite file but not a hall store (no evaluations or hall table)");
  f.bytes = static_cast<int64_t>(fs::file_size(path, ec));
  return f;
}

hall::Result<StoreFacts> backup_store(const std::string& data_dir, const std::string& to) {
  const std::string from = data_dir + "/hall.db";
  auto copied = hall::backup_store_file(from, to);
  if (!copied) return copied.take_error();
  auto facts = inspect_store(to);
  if (!facts) return hall::fail("the backup " + to + " does not pass its check: " + facts.error());
  return facts;
}

hall::Result<Restored> restore_store(const std::string& data_dir, const std::string& from, hall::SystemTime now) {
  std::error_code ec;
  if (!fs::is_directory(data_dir, ec))
    return hall::fail(data_dir + " is not a directory; check controller.data_dir (nothing was changed)");
  // The controller's own lock (controller.h): held while it runs, and held
  // here so that none starts halfway through.
  const std::string lock_path = data_dir + "/controller.lock";
  const int lock = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock < 0) return hall::fail("cannot open " + lock_path + ": " + std::strerror(errno));
  struct Unlock {
    int fd;
    ~Unlock() { ::close(fd); }
  } unlock{lock};
  if (flock(lock, LOCK_EX | LOCK_NB) != 0)
    return hall::fail("a controller is running on " + data_dir +
                      "; stop it first, then restore (nothing was changed)");
  auto facts = inspect_store(from);
  if (!facts) return hall::fail(facts.error() + " (nothing was changed)");

  Restored out;
  out.facts = *facts;
  const std::string store = data_dir + "/hall.db";
  if (fs::exists(store, ec)) {
    out.set_aside = store + ".replaced-" + hall::file_stamp(now);
    for (const char* suffix : {"", "-wal", "-shm"}) {
      const std::string a = store + suffix;
      if (!fs::exists(a, ec)) continue;
      fs::rename(a, out.set_aside + suffix, ec);
      if (ec)
        return hall::fail("cannot set " + a + " aside as " + out.set_aside + suffix + ": " + ec.message() +
                          (std::string(suffix).empty() ? " (nothing was changed)"
                                                       : "; move the files named " + out.set_aside +
                                                             "* back by hand before starting the controller"));
    }
  }
  auto copied = hall::backup_store_file(from, store);
  if (!copied)
    return hall::fail("cannot copy " + from + " into " + store + ": " + copied.error() +
                      (out.set_aside.empty() ? std::string()
                                             : "; the replaced store is kept as " + out.set_aside));
  return out;
}

}  // namespace controller

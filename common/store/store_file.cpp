#include "common/store/store_file.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

namespace hall {

namespace {
// A connection that closes itself.
struct Db {
  sqlite3* h = nullptr;
  ~Db() { sqlite3_close_v2(h); }
};

Status open_db(Db& db, const std::string& path, int flags) {
  const int rc = sqlite3_open_v2(path.c_str(), &db.h, flags, nullptr);
  if (rc != SQLITE_OK)
    return fail("cannot open " + path + ": " + (db.h ? sqlite3_errmsg(db.h) : sqlite3_errstr(rc)));
  sqlite3_extended_result_codes(db.h, 1);
  sqlite3_busy_timeout(db.h, 5000);
  return {};
}
}  // namespace

Result<std::vector<std::string>> check_store_file(const std::string& path, CheckDepth depth, int max_problems) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return fail(path + " does not exist");
  Db db;
  if (auto s = open_db(db, path, SQLITE_OPEN_READONLY); !s) return s.take_error();
  const std::string sql = std::string(depth == CheckDepth::Quick ? "PRAGMA quick_check(" : "PRAGMA integrity_check(") +
                          std::to_string(max_problems) + ")";
  sqlite3_stmt* st = nullptr;
  std::vector<std::string> problems;
  // A file that is not a database at all fails here or on the first step.
  if (sqlite3_prepare_v2(db.h, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    problems.push_back(sqlite3_errmsg(db.h));
    return problems;
  }
  for (int i = 0; i <= max_problems; ++i) {
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
      const auto* t = sqlite3_column_text(st, 0);
      std::string line = t ? reinterpret_cast<const char*>(t) : "";
      if (line != "ok") problems.push_back(std::move(line));
      continue;
    }
    if (rc != SQLITE_DONE) problems.push_back(sqlite3_errmsg(db.h));
    break;
  }
  sqlite3_finalize(st);
  return problems;
}

Result<int> store_file_version(const std::string& path) {
  Db db;
  if (auto s = open_db(db, path, SQLITE_OPEN_READONLY); !s) return s.take_error();
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db.h, "PRAGMA user_version", -1, &st, nullptr) != SQLITE_OK)
    return fail(path + ": " + sqlite3_errmsg(db.h));
  const int rc = sqlite3_step(st);
  const int v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
  std::string why = rc == SQLITE_ROW ? "" : sqlite3_errmsg(db.h);
  sqlite3_finalize(st);
  if (v < 0) return fail(path + ": " + why);
  return v;
}

Result<int64_t> backup_store_file(const std::string& from, const std::string& to) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(to, ec)) return fail(to + " already exists; give a new file name (nothing was written)");
  if (!fs::exists(from, ec)) return fail(from + " does not exist; check controller.data_dir");
  const std::string tmp = to + ".part";
  fs::remove(tmp, ec);
  Db src, dst;
  if (auto s = open_db(src, from, SQLITE_OPEN_READONLY); !s) return s.take_error();
  if (auto s = open_db(dst, tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE); !s) return s.take_error();
  sqlite3_backup* b = sqlite3_backup_init(dst.h, "main", src.h, "main");
  if (!b) return fail("cannot start the backup into " + tmp + ": " + sqlite3_errmsg(dst.h));
  // All pages in one step: one read transaction on `from`, so the copy is
  // consistent; a WAL writer goes on meanwhile. Busy/locked: try again.
  int rc = SQLITE_OK;
  for (int tries = 0; tries < 100; ++tries) {
    rc = sqlite3_backup_step(b, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    sqlite3_sleep(50);
  }
  const int pages = sqlite3_backup_pagecount(b);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    std::string why = sqlite3_errstr(rc);
    sqlite3_close_v2(dst.h);
    dst.h = nullptr;
    fs::remove(tmp, ec);
    return fail("the backup of " + from + " failed: " + why + " (nothing was written to " + to + ")");
  }
  int page_size = 4096;
  if (sqlite3_stmt* st = nullptr; sqlite3_prepare_v2(dst.h, "PRAGMA page_size", -1, &st, nullptr) == SQLITE_OK) {
    if (sqlite3_step(st) == SQLITE_ROW) page_size = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
  }
  sqlite3_close_v2(dst.h);
  dst.h = nullptr;
  // The copy is a WAL database like its source: closed cleanly it has no -wal
  // left, so the one file is the whole backup. Synced, then renamed.
  if (int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  fs::rename(tmp, to, ec);
  if (ec) return fail("cannot rename " + tmp + " to " + to + ": " + ec.message());
  return static_cast<int64_t>(pages) * page_size;
}

}  // namespace hall

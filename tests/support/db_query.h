// db_query.h: read one number from an SQLite file a test's program wrote
// (read-only, so it can look while the program runs). -1 when the query
// fails. Threading: any.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>

namespace testing {

inline int64_t db_scalar(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  int64_t v = -1;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(h);
  return v;
}

}  // namespace testing

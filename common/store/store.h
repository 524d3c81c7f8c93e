// store.h: the SQLite store. Opens a database file in WAL mode, applies the
// owner's schema migrations in order (tracked in PRAGMA user_version, each in
// its own transaction), and runs SQL only through prepared statements with
// bound parameters. The controller is the one writer of the central store; a
// Store object belongs to one thread (SQLite's connection rule).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/base/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace hall {

struct Migration {
  int version;          // 1, 2, 3 ... in order
  std::string_view sql;  // one or more statements
};

class Statement {
 public:
  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) noexcept;
  ~Statement();

  Statement& bind(int index, int64_t v);
  Statement& bind(int index, double v);
  Statement& bind(int index, std::string_view v);
  // Binds text without copying it: the bytes must stay as they are until
  // the statement is reset or bound again. For hot paths only.
  Statement& bind_view(int index, std::string_view v);
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);

  // Steps once: true when a row is ready, false when done. Errors are values.
  Result<bool> step();
  // Steps to completion (for INSERT/UPDATE/DELETE) and resets.
  Status run();
  void reset();

  int64_t column_int(int col) const;
  double column_double(int col) const;
  std::string column_text(int col) const;
  bool column_is_null(int col) const;

 private:
  friend class Store;
  Statement(sqlite3* db, sqlite3_stmt* stmt, bool* last_full) : db_(db), stmt_(stmt), last_full_(last_full) {}
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  bool* last_full_ = nullptr;  // the Store's out_of_space() flag
};

struct StoreOptions {
  bool synchronous_full = true;  // PRAGMA synchronous=FULL (durable acks)
  int busy_timeout_ms = 5000;
};

class Store {
 public:
  // Opens (creating if needed) `path` and migrates it to the last version in
  // `migrations`. Refuses a database newer than the migrations know.
  static Result<std::unique_ptr<Store>> open(const std::string& path,
                                             const std::vector<Migration>& migrations,
                                             const StoreOptions& options = {});
  ~Store();

  Result<Statement> prepare(std::string_view sql);
  // The same statement, prepared once and kept for the store's life, for
  // SQL run again and again. Bind, then run() or step() and reset(), before
  // the next use.
  Result<Statement*> prepared(const std::string& sql);
  Status begin();
  Status commit();
  Status rollback();
  int schema_version() const;
  int64_t last_insert_rowid() const;
  // Rows changed by the last INSERT/UPDATE/DELETE.
  int changes() const;
  // True when a statement failed for lack of disk space (SQLITE_FULL, or an
  // I/O error with ENOSPC, e.g. growing the -shm file) since the store opened
  // or forget_out_of_space() was last called; a rollback does not clear it.
  bool out_of_space() const;
  void forget_out_of_space();
  const std::string& path() const { return path_; }

 private:
  Store(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status exec_script(std::string_view sql);
  Status migrate(const std::vector<Migration>& migrations);
  sqlite3* db_;
  std::string path_;
  bool last_full_ = false;  // out_of_space()
  std::unordered_map<std::string, Statement> prepared_;
};

}  // namespace hall

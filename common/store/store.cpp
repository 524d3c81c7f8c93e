#include "common/store/store.h"

#include <sqlite3.h>

#include <cerrno>

namespace hall {

namespace {
// The error of the connection's last failed call; sets *full when it failed
// for lack of disk space (SQLITE_FULL, or an I/O error with ENOSPC, e.g.
// growing the -shm file). Kept apart from SQLite's own error code, which the
// rollback after such a failure (or its failure: SQLite may have rolled back
// already) replaces.
Error sql_error(sqlite3* db, std::string_view what, bool* full) {
  const int rc = sqlite3_extended_errcode(db);
  if (rc == SQLITE_FULL || ((rc & 0xFF) == SQLITE_IOERR && sqlite3_system_errno(db) == ENOSPC)) *full = true;
  return fail(std::string(what) + ": " + sqlite3_errmsg(db));
}
}  // namespace

Statement::Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_), last_full_(o.last_full_) {
  o.stmt_ = nullptr;
}
Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    sqlite3_finalize(stmt_);
    db_ = o.db_;
    last_full_ = o.last_full_;
    stmt_ = o.stmt_;
    o.stmt_ = nullptr;
  }
  return *this;
}
Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); return *this; }
Statement& Statement::bind(int i, double v) { sqlite3_bind_double(stmt_, i, v); return *this; }
Statement& Statement::bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind_view(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  return *this;
}
Statement& Statement::bind_blob(int i, std::string_view v) {
  sqlite3_bind_blob(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind_null(int i) { sqlite3_bind_null(stmt_, i); return *this; }

Result<bool> Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Error e = sql_error(db_, "database step failed", last_full_);
  sqlite3_reset(stmt_);
  return e;
}

Status Statement::run() {
  for (;;) {
    auto r = step();
    if (!r) return r.take_error();
    if (!*r) break;
  }
  reset();
  return {};
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t Statement::column_int(int c) const { return sqlite3_column_int64(stmt_, c); }
double Statement::column_double(int c) const { return sqlite3_column_double(stmt_, c); }
std::string Statement::column_text(int c) const {
  const auto* p = sqlite3_column_blob(stmt_, c);
  const int n = sqlite3_column_bytes(stmt_, c);
  return p ? std::string(static_cast<const char*>(p), n) : std::string();
}
bool Statement::column_is_null(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }

Result<std::unique_ptr<Store>> Store::open(const std::string& path,
                                           const std::vector<Migration>& migrations,
                                           const StoreOptions& options) {
  // Before SQLite initialises: no global memory statistics. They put a mutex
  // and bookkeeping on every allocation SQLite makes, and nothing reads them.
  static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)configured;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = "cannot open database " + path + ": " +
                      (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)) +
                      "; check that the data directory exists and is writable";
    sqlite3_close(db);
    return fail(msg);
  }
  std::unique_ptr<Store> store(new Store(db, path));
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  {
    // journal_mode returns a row naming the mode actually set.
    auto st = store->prepare("PRAGMA journal_mode=WAL");
    if (!st) return st.take_error();
    auto row = st->step();
    if (!row) return fail(path + ": " + row.error());
    if (!*row || st->column_text(0) != "wal")
      return fail(path + ": could not switch the database to WAL mode");
  }
  if (auto s = store->exec_script(options.synchronous_full ? "PRAGMA synchronous=FULL"
                                                           : "PRAGMA synchronous=NORMAL");
      !s)
    return s.take_error();
  if (auto s = store->exec_script("PRAGMA foreign_keys=ON"); !s) return s.take_error();
  if (auto s = store->migrate(migrations); !s) return fail(path + ": " + s.error());
  return store;
}

// close_v2: a statement that outlives its Store (held by a service torn down
// later) keeps the connection until it is finalized.
Store::~Store() { sqlite3_close_v2(db_); }

Result<Statement> Store::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
      SQLITE_OK)
    return sql_error(db_, "cannot prepare statement", &last_full_);
  return Statement(db_, stmt, &last_full_);
}

Result<Statement*> Store::prepared(const std::string& sql) {
  if (auto it = prepared_.find(sql); it != prepared_.end()) return &it->second;
  auto st = prepare(sql);
  if (!st) return st.take_error();
  return &prepared_.emplace(sql, std::move(*st)).first->second;
}

Status Store::exec_script(std::string_view sql) {
  // Runs a trusted, parameter-free script (schema, pragmas) statement by
  // statement through prepared statements.
  std::string rest(sql);
  const char* tail = rest.c_str();
  while (*tail) {
    sqlite3_stmt* stmt = nullptr;
    const char* next = nullptr;
    if (sqlite3_prepare_v2(db_, tail, -1, &stmt, &next) != SQLITE_OK)
      return sql_error(db_, "schema statement failed", &last_full_);
    tail = next;
    if (!stmt) continue;  // whitespace or comment
    Statement st(db_, stmt, &last_full_);
    if (auto s = st.run(); !s) return s;
  }
  return {};
}

Status Store::begin() { return exec_script("BEGIN IMMEDIATE"); }
Status Store::commit() { return exec_script("COMMIT"); }
Status Store::rollback() { return exec_script("ROLLBACK"); }

int Store::schema_version() const {
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db_, "PRAGMA user_version", -1, &stmt, nullptr);
  int v = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
  sqlite3_finalize(stmt);
  return v;
}

int64_t Store::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int Store::changes() const { return sqlite3_changes(db_); }

bool Store::out_of_space() const { return last_full_; }
void Store::forget_out_of_space() { last_full_ = false; }

Status Store::migrate(const std::vector<Migration>& migrations) {
  const int current = schema_version();
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  if (current > latest)
    return fail("database schema version " + std::to_string(current) +
                " is newer than this program knows (" + std::to_string(latest) +
                "); upgrade the program or restore a matching backup");
  int expected = 1;
  for (const auto& m : migrations) {
    if (m.version != expected++)
      return fail("migrations must be numbered 1, 2, 3 ... without gaps");
    if (m.version <= current) continue;
    if (auto s = begin(); !s) return s;
    Status s = exec_script(m.sql);
    if (s) s = exec_script("PRAGMA user_version=" + std::to_string(m.version));
    if (!s) {
      (void)rollback();
      return fail("migration to schema version " + std::to_string(m.version) +
                  " failed: " + s.error());
    }
    if (auto c = commit(); !c) return c;
  }
  return {};
}

}  // namespace hall

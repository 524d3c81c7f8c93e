#include "kiosk/delivery/outbox.h"

#include <sqlite3.h>

#include <filesystem>
#include <set>

#include "common/store/store_file.h"

namespace kiosk {

namespace {
const std::vector<hall::Migration> kMigrations = {
    {1, R"sql(
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid TEXT NOT NULL UNIQUE,
  ticket TEXT NOT NULL,
  body TEXT NOT NULL,          -- the evaluation.submit fields as JSON
  queued_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX outbox_ticket ON outbox(ticket);
CREATE TABLE rejected (
  uuid TEXT PRIMARY KEY,
  ticket TEXT NOT NULL,
  body TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  rejected_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
)sql"},
    {2, R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql"},
};
}  // namespace

std::string Outbox::path_for(const std::string& data_dir, const std::string& kiosk_id) {
  return (std::filesystem::path(data_dir) / kiosk_id / "outbox.db").string();
}

namespace {
// The waiting entries that can still be read from a damaged outbox: read in
// seq order until the first unreadable page, then backwards from the end
// until one, so only the rows on damaged pages are missed.
std::vector<Evaluation> salvage(const std::string& path) {
  std::vector<Evaluation> out;
  std::set<std::string> seen;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    for (const char* sql : {"SELECT body FROM outbox ORDER BY seq", "SELECT body FROM outbox ORDER BY seq DESC"}) {
      sqlite3_stmt* st = nullptr;
      if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) break;
      for (int i = 0; i < 1000000 && sqlite3_step(st) == SQLITE_ROW; ++i) {
        const auto* t = sqlite3_column_text(st, 0);
        auto e = Evaluation::from_json(hall::Json::parse(t ? reinterpret_cast<const char*>(t) : "", nullptr, false));
        if (e && seen.insert(e->uuid).second) out.push_back(std::move(*e));
      }
      sqlite3_finalize(st);
    }
  }
  sqlite3_close_v2(db);
  return out;
}
}  // namespace

hall::Result<std::unique_ptr<Outbox>> Outbox::open(const std::string& path, hall::SystemTime now) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto dir = fs::path(path).parent_path();
  if (!dir.empty()) fs::create_directories(dir, ec);
  if (ec) return hall::fail("cannot create the outbox directory " + dir.string() + ": " + ec.message() +
                            "; check kiosk.data_dir");
  std::optional<OutboxSetAside> aside;
  std::vector<Evaluation> salvaged;
  if (fs::exists(path, ec)) {
    auto problems = hall::check_store_file(path, hall::CheckDepth::Quick, 3);
    if (!problems) problems = std::vector<std::string>{problems.error()};
    if (!problems->empty()) {
      aside = OutboxSetAside{path + ".corrupt-" + hall::file_stamp(now), {}, 0};
      for (const auto& p : *problems) aside->problem += (aside->problem.empty() ? "" : "; ") + p;
      for (const char* suffix : {"", "-wal", "-shm"}) {
        if (!fs::exists(path + suffix, ec)) continue;
        fs::rename(path + suffix, aside->file + suffix, ec);
        if (ec)
          return hall::fail("the outbox " + path + " is damaged (" + aside->problem + ") and cannot be set aside: " +
                            ec.message() + "; move it away by hand (it holds unsent ratings, keep it)");
      }
      salvaged = salvage(aside->file);
      aside->salvaged = salvaged.size();
    }
  }
  auto store = hall::Store::open(path, kMigrations, {.synchronous_full = true});
  if (!store) return store.take_error();
  std::unique_ptr<Outbox> box(new Outbox(std::move(*store)));
  if (!salvaged.empty())
    if (auto s = box->add_many(salvaged); !s) return hall::fail("cannot queue the ratings read back from " +
                                                               aside->file + ": " + s.error());
  box->set_aside_ = std::move(aside);
  return box;
}

hall::Status Outbox::add(const Evaluation& e) {
  auto st = store_->prepare("INSERT INTO outbox(uuid, ticket, body) VALUES (?1, ?2, ?3)");
  if (!st) return st.take_error();
  st->bind(1, std::string_view(e.uuid)).bind(2, std::string_view(e.ticket)).bind(3, e.to_json().dump());
  if (auto s = st->run(); !s) return hall::fail("cannot queue the evaluation for ticket " + e.ticket + ": " + s.error());
  return {};
}

hall::Status Outbox::add_many(const std::vector<Evaluation>& list) {
  if (list.empty()) return {};
  if (auto s = store_->begin(); !s) return s;
  for (const auto& e : list)
    if (auto s = add(e); !s) {
      (void)store_->rollback();
      return s;
    }
  return store_->commit();
}

hall::Result<std::vector<Evaluation>> Outbox::pending() {
  auto st = store_->prepare("SELECT body FROM outbox ORDER BY seq");
  if (!st) return st.take_error();
  std::vector<Evaluation> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.take_error();
    if (!*row) break;
    auto e = Evaluation::from_json(hall::Json::parse(st->column_text(0), nullptr, false));
    if (!e) return hall::fail(path() + ": damaged outbox entry: " + e.error());
    out.push_back(std::move(*e));
  }
  return out;
}

hall::Status Outbox::remove(const std::vector<std::string>& uuids) {
  if (uuids.empty()) return {};
  if (auto s = store_->begin(); !s) return s;
  auto st = store_->prepare("DELETE FROM outbox WHERE uuid = ?1");
  if (!st) {
    (void)store_->rollback();
    return st.take_error();
  }
  for (const auto& u : uuids) {
    st->bind(1, std::string_view(u));
    if (auto s = st->run(); !s) {
      (void)store_->rollback();
      return s;
    }
  }
  return store_->commit();
}

hall::Status Outbox::reject(const std::string& uuid, const std::string& code, const std::string& message) {
  if (auto s = store_->begin(); !s) return s;
  auto fail = [&](hall::Status s) {
    (void)store_->rollback();
    return s;
  };
  auto copy = store_->prepare(
      "INSERT OR REPLACE INTO rejected(uuid, ticket, body, code, message) "
      "SELECT uuid, ticket, body, ?2, ?3 FROM outbox WHERE uuid = ?1");
  if (!copy) return fail(copy.take_error());
  copy->bind(1, std::string_view(uuid)).bind(2, std::string_view(code)).bind(3, std::string_view(message));
  if (auto s = copy->run(); !s) return fail(s);
  auto del = store_->prepare("DELETE FROM outbox WHERE uuid = ?1");
  if (!del) return fail(del.take_error());
  del->bind(1, std::string_view(uuid));
  if (auto s = del->run(); !s) return fail(s);
  return store_->commit();
}

hall::Result<std::vector<RejectedEntry>> Outbox::rejected() {
  auto st = store_->prepare("SELECT uuid, ticket, code, message FROM rejected ORDER BY rejected_at, uuid");
  if (!st) return st.take_error();
  std::vector<RejectedEntry> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.take_error();
    if (!*row) break;
    out.push_back({st->column_text(0), st->column_text(1), st->column_text(2), st->column_text(3)});
  }
  return out;
}

bool Outbox::has_ticket(const std::string& ticket) {
  auto st = store_->prepare("SELECT 1 FROM outbox WHERE ticket = ?1 LIMIT 1");
  if (!st) return false;
  st->bind(1, std::string_view(ticket));
  auto row = st->step();
  return row && *row;
}

std::optional<std::string> Outbox::meta(const std::string& key) {
  auto st = store_->prepare("SELECT value FROM meta WHERE key = ?1");
  if (!st) return std::nullopt;
  st->bind(1, std::string_view(key));
  auto row = st->step();
  if (!row || !*row) return std::nullopt;
  return st->column_text(0);
}

hall::Status Outbox::set_meta(const std::string& key, const std::string& value) {
  auto st = store_->prepare("INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2");
  if (!st) return st.take_error();
  st->bind(1, std::string_view(key)).bind(2, std::string_view(value));
  return st->run();
}

int64_t Outbox::size() {
  auto st = store_->prepare("SELECT count(*) FROM outbox");
  if (!st) return -1;
  auto row = st->step();
  return row && *row ? st->column_int(0) : -1;
}

}  // namespace kiosk

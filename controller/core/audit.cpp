#include "controller/core/audit.h"

#include <nlohmann/json.hpp>

#include "common/base/digest.h"
#include "controller/core/meta.h"

namespace controller {

namespace {

std::string chain_hash(const std::string& prev, int64_t id, const AuditRow& r) {
  // A JSON array is an unambiguous encoding of the fields.
  return hall::sha256_hex(nlohmann::json::array({prev, id, r.at, r.who, r.subject, r.what, r.from, r.to, r.note}).dump());
}

constexpr char kSealedKey[] = "audit_sealed";
hall::Status seal_rows(hall::Store& store);

constexpr char kColumns[] = "id, at, who, subject, what, from_value, to_value, note, prev_hash, hash";

StoredAuditRow read_row(hall::Statement& st, std::string* prev_hash) {
  StoredAuditRow r;
  r.id = st.column_int(0);
  r.row = {st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4),
           st.column_text(5), st.column_text(6), st.column_text(7)};
  if (prev_hash) *prev_hash = st.column_text(8);
  r.hash = st.column_text(9);
  return r;
}

// The id and hash of the newest row (0, "" for an empty log).
hall::Result<std::pair<int64_t, std::string>> last_link(hall::Store& store) {
  auto st = store.prepared("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1");
  if (!st) return st.take_error();
  hall::Statement& q = **st;
  auto row = q.step();
  if (!row) {
    q.reset();
    return row.take_error();
  }
  std::pair<int64_t, std::string> out{0, ""};
  if (*row) out = {q.column_int(0), q.column_text(1)};
  q.reset();
  return out;
}

}  // namespace

hall::Status audited_change(hall::Store& store, const AuditRow& row, const std::function<hall::Status()>& change) {
  if (auto s = store.begin(); !s) return s;
  hall::Status s = change();
  if (s) s = write_audit(store, row);
  if (s) s = store.commit();
  if (!s) (void)store.rollback();
  return s;
}

hall::Status write_audit(hall::Store& store, const AuditRow& r) {
  auto last = last_link(store);
  if (!last) return last.take_error();
  const int64_t id = last->first + 1;
  auto st = store.prepared(
      "INSERT INTO audit (id, at, who, subject, what, from_value, to_value, note, prev_hash, hash) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st) return st.take_error();
  (*st)->bind(1, id).bind(2, r.at).bind(3, r.who).bind(4, r.subject).bind(5, r.what).bind(6, r.from)
      .bind(7, r.to).bind(8, r.note).bind(9, last->second).bind(10, chain_hash(last->second, id, r));
  return (*st)->run();
}

hall::Status seal_audit(hall::Store& store) {
  // Once only: rows from before the log was chained. Later, a row whose hash
  // was blanked behind the controller's back must stay broken, not be sealed.
  if (meta_get(store, kSealedKey) == "1") return {};
  if (auto s = seal_rows(store); !s) return s;
  return meta_set(store, kSealedKey, "1");
}

namespace {
hall::Status seal_rows(hall::Store& store) {
  auto st = store.prepare(std::string("SELECT ") + kColumns + " FROM audit ORDER BY id");
  if (!st) return st.take_error();
  std::vector<StoredAuditRow> rows;
  for (;;) {
    auto row = st->step();
    if (!row) return row.take_error();
    if (!*row) break;
    rows.push_back(read_row(*st, nullptr));
  }
  std::string prev;
  bool began = false;
  for (const auto& r : rows) {
    if (!r.hash.empty()) {
      prev = r.hash;
      continue;
    }
    if (!began) {
      if (auto s = store.begin(); !s) return s;
      began = true;
    }
    const std::string hash = chain_hash(prev, r.id, r.row);
    auto up = store.prepare("UPDATE audit SET prev_hash = ?1, hash = ?2 WHERE id = ?3");
    if (!up) return up.take_error();
    up->bind(1, prev).bind(2, hash).bind(3, r.id);
    if (auto s = up->run(); !s) {
      (void)store.rollback();
      return s;
    }
    prev = hash;
  }
  return began ? store.commit() : hall::Status{};
}
}  // namespace

hall::Result<AuditCheck> verify_audit(hall::Store& store) {
  auto st = store.prepare(std::string("SELECT ") + kColumns + " FROM audit ORDER BY id");
  if (!st) return st.take_error();
  AuditCheck check;
  std::string prev;
  for (;;) {
    auto row = st->step();
    if (!row) return row.take_error();
    if (!*row) break;
    std::string stored_prev;
    const StoredAuditRow r = read_row(*st, &stored_prev);
    ++check.rows;
    if (check.first_broken != 0) continue;
    if (stored_prev != prev)
      check = {check.rows, r.id, "it does not follow the row before it (a row was removed or inserted)"};
    else if (r.hash != chain_hash(prev, r.id, r.row))
      check = {check.rows, r.id, "its contents do not match its hash (the row was edited)"};
    prev = r.hash;
  }
  return check;
}

hall::Result<std::vector<StoredAuditRow>> list_audit(hall::Store& store, const std::string& since,
                                                     const std::string& who, int64_t limit) {
  auto st = store.prepare(std::string("SELECT * FROM (SELECT ") + kColumns +
                          " FROM audit WHERE at >= ?1 AND (?2 = '' OR who = ?2) ORDER BY id DESC LIMIT ?3) "
                          "ORDER BY id");
  if (!st) return st.take_error();
  st->bind(1, since).bind(2, who).bind(3, limit);
  std::vector<StoredAuditRow> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.take_error();
    if (!*row) break;
    out.push_back(read_row(*st, nullptr));
  }
  return out;
}

}  // namespace controller

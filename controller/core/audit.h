// audit.h: the one audit log (the `audit` table): who changed what, when,
// from and to. Services write a row inside the transaction of the change
// itself, so a change and its audit row commit together or not at all.
//
// The log is append-only (triggers refuse UPDATE and DELETE) and
// hash-chained: each row's hash is the SHA-256 of the previous row's hash and
// this row's fields, so an edit or a deleted row made behind the
// controller's back (sqlite3 on the file) breaks the chain at that row, and
// verify_audit() names it (docs/security.md).
// Threading: the thread that owns the store it is given.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/base/result.h"
#include "common/store/store.h"

namespace controller {

struct AuditRow {
  std::string at;       // ISO time with offset
  std::string who;      // the key's owner (staff id, operator, device) or "controller"
  std::string subject;  // "case:12", "peer_review:3", "bonus:1", "key:kiosk-1", "content:staff"
  std::string what;     // "open", "review.peer", "bonus.add", "key.enroll", "content.import" ...
  std::string from;     // before
  std::string to;       // after
  std::string note;
};

struct StoredAuditRow {
  int64_t id = 0;
  AuditRow row;
  std::string hash;
};

hall::Status write_audit(hall::Store& store, const AuditRow& row);

// Runs `change` and appends `row` in one transaction: both are stored or
// neither (then the change's error, or the audit's, is returned).
hall::Status audited_change(hall::Store& store, const AuditRow& row, const std::function<hall::Status()>& change);

// Chains rows written before the log was chained: once in a store's life
// (meta "audit_sealed"), at its first start with this version.
hall::Status seal_audit(hall::Store& store);

struct AuditCheck {
  int64_t rows = 0;
  int64_t first_broken = 0;  // 0: the chain holds
  std::string problem;       // what is wrong at first_broken
};
hall::Result<AuditCheck> verify_audit(hall::Store& store);

// Rows at or after `since` (ISO prefix, "" for all) by `who` ("" for
// anyone), oldest first, at most `limit` of the newest.
hall::Result<std::vector<StoredAuditRow>> list_audit(hall::Store& store, const std::string& since,
                                                     const std::string& who, int64_t limit);

}  // namespace controller

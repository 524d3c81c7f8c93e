// audit.h: one row of the `audit` table (migration 4): who changed what, when,
// from and to. Services write it inside the transaction of the change itself,
// so a change and its audit row commit together or not at all.
// Threading: the thread that owns the store it is given.
#pragma once

#include <string>

#include "common/base/result.h"
#include "common/store/store.h"

namespace controller {

struct AuditRow {
  std::string at;       // ISO local time
  std::string who;      // staff id or "system"
  std::string subject;  // "case:12", "peer_review:3", "bonus:1"
  std::string what;     // "open", "review.peer", "bonus.add" ...
  std::string from;
  std::string to;
  std::string note;
};

hall::Status write_audit(hall::Store& store, const AuditRow& row);

}  // namespace controller

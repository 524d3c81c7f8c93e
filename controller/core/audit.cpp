#include "controller/core/audit.h"

namespace controller {

hall::Status write_audit(hall::Store& store, const AuditRow& r) {
  auto st = store.prepared(
      "INSERT INTO audit (at, who, subject, what, from_value, to_value, note) VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!st) return st.take_error();
  (*st)->bind(1, r.at).bind(2, r.who).bind(3, r.subject).bind(4, r.what).bind(5, r.from).bind(6, r.to).bind(7, r.note);
  return (*st)->run();
}

}  // namespace controller

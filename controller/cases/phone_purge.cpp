#include "controller/cases/phone_purge.h"

#include <algorithm>
#include <string>

#include "controller/core/audit.h"
#include "controller/core/meta.h"
#include "common/time/clock.h"

namespace controller {

namespace {
// A case (named `t`) closed at or before ?1. closed_at is an ISO time with
// offset; julianday() takes it.
std::string closed_before(const std::string& t) {
  return t + ".state = 'closed' AND " + t + ".closed_at <> '' AND julianday(" + t + ".closed_at) <= julianday(?1)";
}

hall::Result<int64_t> run(hall::Store& store, const std::string& sql, const std::string& cutoff, int64_t cutoff_ms) {
  auto st = store.prepare(sql);
  if (!st) return st.take_error();
  if (sql.find("?2") != std::string::npos) st->bind(2, cutoff_ms);
  st->bind(1, cutoff);
  if (auto s = st->run(); !s) return s.take_error();
  return int64_t{store.changes()};
}
}  // namespace

int64_t phones_purged_total(hall::Store& store) {
  const std::string v = meta_get(store, kPhonesPurgedMeta);
  return v.empty() ? 0 : std::stoll(v);
}

hall::Result<PhonePurge> purge_phones(hall::Store& store, hall::SystemTime now, int days) {
  PhonePurge out;
  if (days <= 0) return out;
  const auto cutoff_time = now - std::chrono::hours(24) * days;
  const std::string cutoff = hall::iso_time(cutoff_time);
  const int64_t cutoff_ms = hall::epoch_ms(cutoff_time);
  if (auto s = store.begin(); !s) return s.take_error();
  auto work = [&]() -> hall::Status {
    auto a = run(store,
                 std::string("UPDATE evaluations SET phone = '' WHERE phone <> '' AND EXISTS (SELECT 1 FROM cases c "
                             "WHERE c.evaluation_uuid = evaluations.uuid AND ") + closed_before("c") + ")",
                 cutoff, cutoff_ms);
    if (!a) return a.take_error();
    auto b = run(store,
                 "UPDATE evaluations SET phone = '' WHERE phone <> '' AND received_ms <= ?2 AND NOT EXISTS "
                 "(SELECT 1 FROM cases c WHERE c.evaluation_uuid = evaluations.uuid)",
                 cutoff, cutoff_ms);
    if (!b) return b.take_error();
    // The case holds the same number as its rating: erased with it, counted once.
    auto c = run(store, "UPDATE cases SET phone = '' WHERE phone <> '' AND " + closed_before("cases"),
                 cutoff, cutoff_ms);
    if (!c) return c.take_error();
    out.of_closed_cases = std::max(*a, *c);
    out.of_ratings = *b;
    if (out.total() == 0) return {};
    if (auto s = meta_set(store, kPhonesPurgedMeta, std::to_string(phones_purged_total(store) + out.total())); !s)
      return s;
    return write_audit(store, {hall::iso_time(now), "system", "phones", "phone.purge", "",
                               std::to_string(out.total()),
                               "cases.phone_purge_days = " + std::to_string(days) + ": " +
                                   std::to_string(out.of_closed_cases) + " of closed cases, " +
                                   std::to_string(out.of_ratings) + " of ratings without a case"});
  };
  if (auto s = work(); !s) {
    (void)store.rollback();
    return hall::fail("cannot purge old phone numbers: " + s.error());
  }
  if (auto s = store.commit(); !s) return s.take_error();
  return out;
}

}  // namespace controller

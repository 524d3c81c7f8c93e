// phone_purge.h: how long a callback number is kept (issue 11, Privacy). A
// number is for the 回访 of a bad-review case: cases.phone_purge_days after
// its case closes, the number is erased from the case and from its rating
// (the sealed value becomes ''; the masked 138****5678 stays for reports). A
// rating without a case (scored 3-5, so nobody calls back) keeps its number
// the same number of days from when it was received. A case still open, in
// any state, keeps its number. Each purge that erased something writes one
// audit row ("phone.purge", the count) and adds the count to the total kept
// in meta (kPhonesPurgedMeta, shown by hallctl status).
// Threading: the thread that owns the store it is given.
#pragma once

#include <cstdint>

#include "common/base/result.h"
#include "common/store/store.h"
#include "common/time/clock.h"

namespace controller {

struct PhonePurge {
  int64_t of_closed_cases = 0;    // numbers of ratings whose case closed long enough ago
  int64_t of_ratings = 0;         // numbers of ratings without a case, received long enough ago
  int64_t total() const { return of_closed_cases + of_ratings; }
};

// Erases the numbers older than `days` at `now`, in one transaction with its
// audit row. days <= 0 purges nothing.
hall::Result<PhonePurge> purge_phones(hall::Store& store, hall::SystemTime now, int days);

// Every number purged in this store so far.
int64_t phones_purged_total(hall::Store& store);

}  // namespace controller

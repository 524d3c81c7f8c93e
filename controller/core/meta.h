// meta.h: small named facts the controller keeps between runs in the
// store's `meta` table (the CHP sequence reservation, the queue feed cursor).
// Threading: the controller's thread (it owns the store).
#pragma once

#include <string>

#include "common/store/store.h"

namespace controller {

// How many callback numbers were purged so far (cases/phone_purge.h; hallctl status).
inline constexpr char kPhonesPurgedMeta[] = "phones_purged";

// The stored value, or "" when the key is not set.
std::string meta_get(hall::Store& store, const std::string& key);
hall::Status meta_set(hall::Store& store, const std::string& key, const std::string& value);

}  // namespace controller

// uuid.h: time-ordered (version 7, RFC 9562) UUIDs in text form, for naming
// each evaluation exactly once. The first 48 bits are the Unix time in
// milliseconds, so uuids made later sort later and the store's unique index
// on them grows at its end instead of touching a random page per insert; the
// other 74 bits come from the kernel's random source (getrandom).
// Threading: safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "common/time/clock.h"

namespace hall {

// "tttttttt-tttt-7rrr-Nrrr-rrrrrrrrrrrr" (lower-case hex, N in 8..b), with
// t the 48-bit Unix time of `now` in milliseconds.
std::string uuid_v7(SystemTime now);
// True for the 36-character text form of any version.
bool is_uuid(std::string_view text);

}  // namespace hall

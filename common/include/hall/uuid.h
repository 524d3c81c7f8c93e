// uuid.h: random (version 4) UUIDs in RFC 4122 text form, from the kernel's
// random source (getrandom), for naming each evaluation exactly once.
// Threading: safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace hall {

// "xxxxxxxx-xxxx-4xxx-Nxxx-xxxxxxxxxxxx" (lower-case hex, N in 8..b).
std::string uuid_v4();
// True for the 36-character text form of any version.
bool is_uuid(std::string_view text);

}  // namespace hall

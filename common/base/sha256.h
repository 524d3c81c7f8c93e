// sha256.h: SHA-256 (FIPS 180-4) of a byte string, as lowercase hex. Media
// (staff photos, the hall logo) are stored and published under this name.
// Small and self-contained so the project needs no crypto library for it.
// Threading: pure function.
#pragma once

#include <string>
#include <string_view>

namespace hall {

// 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace hall

// digest.h: the SHA-256 and base64 the content needs, done by libsodium.
// Media (staff photos, the hall logo) are stored and published under the
// SHA-256 of their bytes; media bytes travel inside JSON admin messages
// (content.import, content.export) as RFC 4648 base64 (standard alphabet,
// padded). Threading: safe from any thread (libsodium is started once, on
// first use, behind a function-local static).
#pragma once

#include <string>
#include <string_view>

#include "common/base/result.h"

namespace hall {

// 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

std::string base64_encode(std::string_view bytes);
// Refuses characters outside the alphabet and bad padding, naming the offset.
Result<std::string> base64_decode(std::string_view text);

}  // namespace hall

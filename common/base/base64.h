// base64.h: RFC 4648 base64 (standard alphabet, padded). Media bytes travel
// inside JSON admin messages (content.import, content.export) in this form.
// Threading: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/base/result.h"

namespace hall {

std::string base64_encode(std::string_view bytes);
// Refuses characters outside the alphabet and bad padding, naming the offset.
Result<std::string> base64_decode(std::string_view text);

}  // namespace hall

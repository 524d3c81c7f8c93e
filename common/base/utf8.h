// utf8.h: strict UTF-8 validation and decoding (no overlongs, no surrogates,
// nothing above U+10FFFF). Threading: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace hall::utf8 {

// Byte offset of the first invalid sequence, or nullopt when `text` is valid.
std::optional<size_t> first_invalid(std::string_view text);

// Decodes valid UTF-8 into code points; invalid bytes decode as U+FFFD.
std::vector<char32_t> decode(std::string_view text);

}  // namespace hall::utf8

// utf8.h: strict UTF-8 validation, decoding and encoding (no overlongs, no
// surrogates, nothing above U+10FFFF). Threading: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hall::utf8 {

// Byte offset of the first invalid sequence, or nullopt when `text` is valid.
std::optional<size_t> first_invalid(std::string_view text);

// Decodes valid UTF-8 into code points; invalid bytes decode as U+FFFD.
std::vector<char32_t> decode(std::string_view text);

// Appends the UTF-8 bytes of `cp` to `out` (1 to 4 bytes); a surrogate or a
// value above U+10FFFF appends U+FFFD instead.
void append_utf8(std::string& out, char32_t cp);

// `text` made safe to print on a terminal or in a log line: control
// characters (C0 but newline kept only with `keep_newlines`, DEL, C1) become
// \n, \t, \e or \xNN / \u{NN}, invalid bytes \xNN, and a backslash \\.
// With `max_bytes` > 0 the result is cut near that length and ends in
// "…(N bytes)" naming the original size.
std::string printable(std::string_view text, size_t max_bytes = 0, bool keep_newlines = false);

}  // namespace hall::utf8

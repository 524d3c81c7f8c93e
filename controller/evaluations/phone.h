// phone.h: masking of citizens' callback numbers. Every place a phone number
// leaves the store for people or other systems (hallctl, reports, CSV,
// upstream) shows it masked: 13812345678 -> 138****5678.
// Threading: pure function.
#pragma once

#include <string>
#include <string_view>

namespace controller {

// Keeps the first 3 and last 4 digits of an 11+ digit number, fewer of a
// shorter one, and never shows fewer than 4 stars; non-digits are dropped.
// A number already masked (has "****" and at most 7 digits) stays as it is.
std::string mask_phone(std::string_view phone);

}  // namespace controller

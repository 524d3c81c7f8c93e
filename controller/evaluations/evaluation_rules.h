// evaluation_rules.h: what makes a kiosk rating acceptable, apart from the
// store: the five levels, the reason codes, the uuid and phone forms, and how
// a phone number is masked for people and for upstream.
// Threading: pure functions and constant data.
#pragma once

#include "controller/evaluations/phone.h"
#include "controller/queue/tickets.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace controller {

// "非常满意" for 5 ... "非常不满意" for 1; "" outside 1-5.
std::string_view score_label(int score);

// The reason codes a rating of 1 or 2 may carry (docs/protocol.md).
const std::vector<std::string_view>& reason_codes();
bool known_reason(std::string_view code);
// The words the kiosk shows for a reason code ("long_wait" -> "等候太久"),
// for records sent upstream; an unknown code comes back as it is.
std::string reason_label(const std::string& code);

// Digits only, at most 20; "" (no number) is valid.
bool valid_phone(std::string_view text);

// Why a ticket cannot be rated: a code for the kiosk and words for the person.
struct Refusal {
  std::string code, why;
};
// The ticket `number` (found as `t`, or not found) may be rated at `now_ms`
// (a look-up: the controller's clock; a rating: its created_at) when it was
// finished less than `window_h` hours before; "already rated" needs
// the store and is already_rated().
std::optional<Refusal> ticket_refusal(const std::string& number, const std::optional<Ticket>& t, int64_t now_ms,
                                      int window_h);
Refusal already_rated(const std::string& number);
// Why a known uuid sent with other content is refused (code "conflict").
std::string conflict_message(const std::string& uuid);
// The words for a kiosk when the store could not be read (code "store_error").
inline constexpr const char* kStoreUnreadable = "the controller could not read its store; try again";

}  // namespace controller

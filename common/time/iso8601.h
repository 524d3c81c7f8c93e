// iso8601.h: the one reader of ISO 8601 times, for everything that arrives
// as text (queue feed, kiosks, content files, hallctl, the signage's copy of
// the controller's keys): "2026-11-27T09:30:00+08:00", "T" or a space between
// date and time, optional fractional seconds ("09:30:00.250+08:00"), and "Z"
// or a "+HH:MM" / "-HH:MM" UTC offset. Dates are checked against the
// (proleptic Gregorian) calendar: 2024-02-29 is a day, 2026-02-29 is not.
// Writing times is clock.h's job (iso_time).
// Threading: pure functions.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/base/result.h"
#include "common/time/clock.h"

namespace hall {

// A time as written: its calendar day, the time of day, and the UTC offset
// if one was written.
struct IsoTime {
  std::chrono::year_month_day date;
  std::chrono::milliseconds time_of_day{0};       // 00:00:00.000 to 23:59:60.999
  std::optional<std::chrono::minutes> utc_offset;  // nullopt: none written (a local time)
};

// Which parts a form may leave out. The default is the strict form of an
// instant: seconds and offset present.
struct IsoForm {
  bool seconds_optional = false;  // "2026-11-27T09:30+08:00"
  bool offset_optional = false;   // "2026-11-27T09:30:00" (the reader's local time)
};

// "YYYY-MM-DD" at the start of `text`, as written: nullopt when the shape is
// wrong; the result may still not be a calendar day (check .ok()).
std::optional<std::chrono::year_month_day> read_iso_date(std::string_view text);

// Reads a whole time in `form`. The error names the text and what is wrong
// with it ("2026-13-01T09:00:00Z" has month 13; months are 01-12); callers
// add the forms they accept.
Result<IsoTime> parse_iso8601(std::string_view text, IsoForm form = {});

// The instant of a time read with an offset (one without is taken as UTC;
// clock.h's from_local reads it as local time instead).
std::chrono::sys_time<std::chrono::milliseconds> to_sys_time(const IsoTime& t);

// An instant: seconds and offset required. The error says how to write one.
// Years 1678-2261 (what a SystemTime holds).
Result<SystemTime> parse_iso_time(std::string_view text);
// The same, in milliseconds since the epoch (fractions below a millisecond
// are dropped); any year 0000-9999.
Result<int64_t> parse_iso_ms(std::string_view text);

// The hall time of an instant as written ("2026-11-30T23:30:00Z" is
// 2026-12-01 07:30 in Shanghai); a time written without an offset is taken
// as hall time already. For the hall's day, hour and month of a stored time,
// whatever zone its writer used.
Result<std::chrono::local_time<std::chrono::milliseconds>> hall_local_of(std::string_view iso);
Result<Date> hall_date_of(std::string_view iso);

}  // namespace hall

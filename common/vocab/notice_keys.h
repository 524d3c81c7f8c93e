// notice_keys.h: the /notices/ keys of the CHP map (docs/protocol.md, Key
// space): ticker notices /notices/ticker/<id> and the one urgent notice
// /notices/urgent. The controller's content service publishes them; signage
// reads them through from_json().
// Threading: plain values and pure functions.
#pragma once

#include <string>

#include "common/vocab/fields.h"

namespace hall::wire {

inline constexpr char kNoticesSubtree[] = "/notices/";
inline constexpr char kTickerPrefix[] = "/notices/ticker/";

struct Ticker {
  std::string id;
  std::string text;   // a ticker without text is not shown
  std::string until;  // ISO time or ""

  Json to_json() const;
  static Result<Ticker> from_json(const Json& j, const std::string& what = kTickerPrefix);
  bool operator==(const Ticker&) const = default;
};

struct UrgentNotice {
  static constexpr char kKey[] = "/notices/urgent";
  std::string text;
  std::string since;  // ISO time

  Json to_json() const;
  static Result<UrgentNotice> from_json(const Json& j, const std::string& what = kKey);
  bool operator==(const UrgentNotice&) const = default;
};

}  // namespace hall::wire

#include "common/vocab/notice_keys.h"

namespace hall::wire {

Json Ticker::to_json() const { return {{"id", id}, {"text", text}, {"until", until}}; }

Result<Ticker> Ticker::from_json(const Json& j, const std::string& what) {
  Ticker v;
  return FieldReader(j, what).text("id", v.id).text("text", v.text).text("until", v.until).finish(v);
}

Json UrgentNotice::to_json() const { return {{"text", text}, {"since", since}}; }

Result<UrgentNotice> UrgentNotice::from_json(const Json& j, const std::string& what) {
  UrgentNotice v;
  return FieldReader(j, what).text("text", v.text).text("since", v.since).finish(v);
}

}  // namespace hall::wire

#include "common/vocab/queue_keys.h"

namespace hall::wire {

Json QueueCall::to_json() const {
  return {{"ticket", ticket}, {"window", window}, {"window_name", window_name}, {"at", at}};
}

Result<QueueCall> QueueCall::from_json(const Json& j, const std::string& what) {
  QueueCall v;
  return FieldReader(j, what)
      .text("ticket", v.ticket)
      .integer("window", v.window)
      .text("window_name", v.window_name)
      .text("at", v.at)
      .finish(v);
}

Json QueueCalls::to_json() const {
  Json list = Json::array();
  for (const auto& c : calls) list.push_back(c.to_json());
  return {{"calls", list}};
}

Result<QueueCalls> QueueCalls::from_json(const Json& j, const std::string& what) {
  QueueCalls v;
  return FieldReader(j, what).list("calls", v.calls).finish(v);
}

Json QueueLetters::to_json() const { return {{"letters", letters}}; }

Result<QueueLetters> QueueLetters::from_json(const Json& j, const std::string& what) {
  QueueLetters v;
  return FieldReader(j, what).text("letters", v.letters).finish(v);
}

}  // namespace hall::wire

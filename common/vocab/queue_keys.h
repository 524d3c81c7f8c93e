// queue_keys.h: the /queue/ keys of the CHP map (docs/protocol.md, Key
// space): /queue/calls, the latest tickets called to a window, and
// /queue/letters, the letters tickets start with. The controller's queue link
// publishes them; signage reads the calls, kiosks the letters.
// Threading: plain values and pure functions.
#pragma once

#include <string>
#include <vector>

#include "common/vocab/fields.h"

namespace hall::wire {

inline constexpr char kQueueSubtree[] = "/queue/";

struct QueueCall {
  std::string ticket;  // "A023"; a call without a ticket is not shown
  int window = 0;
  std::string window_name;
  std::string at;  // ISO time

  Json to_json() const;
  static Result<QueueCall> from_json(const Json& j, const std::string& what = "call");
  bool operator==(const QueueCall&) const = default;
};

// /queue/calls: newest first, at most kMaxShown.
struct QueueCalls {
  static constexpr char kKey[] = "/queue/calls";
  static constexpr size_t kMaxShown = 10;
  std::vector<QueueCall> calls;

  Json to_json() const;
  static Result<QueueCalls> from_json(const Json& j, const std::string& what = kKey);
  bool operator==(const QueueCalls&) const = default;
};

// /queue/letters: the letters the queue system's tickets start with ("AL"),
// in order, so a kiosk's keypad offers exactly those.
struct QueueLetters {
  static constexpr char kKey[] = "/queue/letters";
  std::string letters;

  Json to_json() const;
  static Result<QueueLetters> from_json(const Json& j, const std::string& what = kKey);
  bool operator==(const QueueLetters&) const = default;
};

}  // namespace hall::wire

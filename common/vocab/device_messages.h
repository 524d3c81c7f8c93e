// device_messages.h: the messages of the device socket (docs/protocol.md,
// Device socket), one struct each: hello -> welcome, screen.status -> ok,
// ticket.lookup -> ticket, evaluation.submit -> evaluation.ack, and the
// error reply. to_json() gives the message's fields (without "type" and
// "id"; the codec adds those); from_json() reads them back from a body.
// Requests the controller takes also have from_message(), which first checks
// the exact field set with check_fields (codec.h), so refusals read as before:
//   "screen.status" message field "sequence" must be an integer
// Threading: plain values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/vocab/fields.h"
#include "common/wire/codec.h"

namespace hall::wire {

// Device ids (hello's device_id, screen.status's device_id, a rating's
// kiosk_id): 1-64 bytes of ASCII letters, digits, '.', '-' and '_', so an id
// can be stored, logged and printed as it is.
inline constexpr size_t kMaxDeviceIdBytes = 64;
bool valid_device_id(std::string_view id);
// The refusal of a bad id: names the field, shows the id escaped and cut.
std::string device_id_problem(const char* field, std::string_view id);
// screen.status's frame_ms: a finite number of milliseconds up to this.
inline constexpr double kMaxFrameMs = 60000;

// hello: every screen and kiosk on start and every 5 s.
struct Hello {
  static constexpr char kType[] = "hello";
  std::string device;  // "signage", "kiosk" or "console"
  std::string device_id;
  std::string version;
  // Damaged local data the device set aside when it started (its outbox or
  // its screen cache), in a line a person reads: "" when there was none.
  // Optional, at most kMaxSetAsideBytes.
  std::string set_aside;
  static constexpr size_t kMaxSetAsideBytes = 512;

  Json to_json() const;
  static Result<Hello> from_json(const Json& j, const std::string& what = kType);
  // check_fields, then the device kind and the device_id's form.
  static Result<Hello> from_message(const Message& m);
  bool operator==(const Hello&) const = default;
};

struct Welcome {
  static constexpr char kType[] = "welcome";
  std::string hall;
  std::string server_time;  // ISO time with offset

  Json to_json() const;
  static Result<Welcome> from_json(const Json& j, const std::string& what = kType);
  bool operator==(const Welcome&) const = default;
};

// screen.status: each signage screen every 5 s. Reply: ok (no fields).
struct ScreenStatus {
  static constexpr char kType[] = "screen.status";
  static constexpr char kReply[] = "ok";
  std::string device_id;
  std::string group;
  std::string board;  // one of kBoards (content_keys.h), "urgent", "blank" or "" (none yet)
  uint64_t sequence = 0;
  int64_t uptime_s = 0;
  double frame_ms = 0;
  int64_t rss_kb = 0;
  std::string offline_since;  // ISO time or ""

  Json to_json() const;
  static Result<ScreenStatus> from_json(const Json& j, const std::string& what = kType);
  // check_fields, then the device_id's form, a known board, no negative
  // count and a frame_ms of 0..kMaxFrameMs.
  static Result<ScreenStatus> from_message(const Message& m);
  bool operator==(const ScreenStatus&) const = default;
};

// ticket.lookup: a kiosk asks who served a ticket.
struct TicketLookup {
  static constexpr char kType[] = "ticket.lookup";
  std::string ticket;  // 1-16 bytes, e.g. "A023"

  Json to_json() const;
  static Result<TicketLookup> from_json(const Json& j, const std::string& what = kType);
  static Result<TicketLookup> from_message(const Message& m);
  bool operator==(const TicketLookup&) const = default;
};

// ticket: the reply to ticket.lookup.
struct TicketReply {
  static constexpr char kType[] = "ticket";
  struct Item {
    std::string id;
    std::string name;
    Json to_json() const;
    static Result<Item> from_json(const Json& j, const std::string& what);
    bool operator==(const Item&) const = default;
  };
  struct Window {
    int number = 0;
    std::string name;
    Json to_json() const;
    static Result<Window> from_json(const Json& j, const std::string& what);
    bool operator==(const Window&) const = default;
  };
  struct Staff {
    std::string id;
    std::string name;
    std::string post;   // from content_staff, or ""
    std::string photo;  // sha256 of /media/<sha256>, or ""
    Json to_json() const;
    static Result<Staff> from_json(const Json& j, const std::string& what);
    bool operator==(const Staff&) const = default;
  };
  std::string ticket;  // required
  Item service_item;   // required
  Window window;       // required
  Staff staff;         // required
  std::string finished_at;

  Json to_json() const;
  static Result<TicketReply> from_json(const Json& j, const std::string& what = kType);
  bool operator==(const TicketReply&) const = default;
};

// evaluation.submit: one rating, as the kiosk keeps it in its outbox.
struct EvaluationSubmit {
  static constexpr char kType[] = "evaluation.submit";
  std::string uuid;                  // RFC 4122 text form
  std::string ticket;                // e.g. "A023"
  int score = 0;                     // 1..5
  std::vector<std::string> reasons;  // reason codes, only for scores 1-2
  std::string phone;                 // digits or ""
  std::string kiosk_id;
  std::string created_at;            // ISO time on the kiosk's clock

  Json to_json() const;
  // Every field required (the outbox keeps exactly what to_json wrote).
  static Result<EvaluationSubmit> from_json(const Json& j, const std::string& what = "evaluation");
  // check_fields: the exact field set, JSON types and lengths (protocol.md).
  static Status check(const Message& m);
  // check(), then from_json.
  static Result<EvaluationSubmit> from_message(const Message& m);
  bool operator==(const EvaluationSubmit&) const = default;
};

struct EvaluationAck {
  static constexpr char kType[] = "evaluation.ack";
  std::string uuid;
  bool duplicate = false;  // it was stored already

  Json to_json() const;
  static Result<EvaluationAck> from_json(const Json& j, const std::string& what = kType);
  bool operator==(const EvaluationAck&) const = default;
};

// error: the refusal of any request (device and admin sockets, and the value
// of a CHP ERROR). encode_error / encode_refusal (codec.h) write it: code,
// message and permanent always; re and request when the request had them.
struct ErrorReply {
  static constexpr char kType[] = "error";
  std::string message;  // for people
  std::string code;     // a stable word for programs, or ""
  std::string request;  // the refused message's type, or ""
  std::optional<bool> permanent;  // never worth retrying (absent from controllers before issue 12)
  std::optional<uint64_t> re;     // the refused message's id

  Json to_json() const;
  static Result<ErrorReply> from_json(const Json& j, const std::string& what = kType);
  bool operator==(const ErrorReply&) const = default;
};

}  // namespace hall::wire

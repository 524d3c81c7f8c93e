#include "kiosk/settings.h"

#include "common/access/security.h"

namespace kiosk {

hall::Schema schema() {
  using hall::ValueType;
  hall::Schema s = {
      {"kiosk.id", ValueType::String, std::string("kiosk-1"), "this kiosk's id (names its outbox)"},
      {"kiosk.controller", ValueType::String, std::string("127.0.0.1"), "controller address"},
      {"kiosk.chp_port", ValueType::Integer, int64_t{5556}, "controller CHP snapshot port", 1, 65534},
      {"kiosk.device_port", ValueType::Integer, int64_t{5559}, "controller device port", 1, 65535},
      {"kiosk.idle_timeout_s", ValueType::Integer, int64_t{30}, "seconds before returning to the start", 5, 600},
      {"kiosk.language", ValueType::String, std::string("zh"), "language at rest: zh or en"},
      {"kiosk.data_dir", ValueType::String, std::string("var/kiosk"), "outbox directory; the outbox is <data_dir>/<id>/outbox.db"},
      {"kiosk.min_interval_ms", ValueType::Integer, int64_t{3000}, "least time between two ratings on this kiosk", 0, 600000},
      {"kiosk.thanks_s", ValueType::Integer, int64_t{6}, "seconds the thank-you screen stays", 1, 60},
      {"kiosk.in_flight", ValueType::Integer, int64_t{32}, "evaluations sent and not yet acked, at most", 1, 1024},
      {"kiosk.ack_timeout_ms", ValueType::Integer, int64_t{3000}, "resend an evaluation not acked in this time", 100, 600000},
      {"kiosk.voice", ValueType::Boolean, false, "speak a prompt on the Rate and Thanks steps (espeak-ng)"},
      {"kiosk.voice_command", ValueType::String, std::string("espeak-ng"),
       "the speech program, run as: <command> -v cmn|en <text>"},
      {"kiosk.resend_max_ms", ValueType::Integer, int64_t{8000}, "longest wait between two resends (backoff cap)", 100, 3600000},
  };
  hall::add_screen_keys(s, 1080, 1920);
  hall::add_security_mode_key(s);
  hall::add_client_key_keys(s, "", "");
  hall::add_common_keys(s);
  return s;
}

namespace {
// The id names a directory: keep it to a safe, portable file name.
bool safe_id(const std::string& id) {
  if (id.empty() || id.size() > 64 || id[0] == '.') return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
      return false;
  return true;
}
}  // namespace

hall::Result<Settings> settings_from(const hall::Config& c) {
  const std::string host = c.str("kiosk.controller");
  Settings s;
  s.id = c.str("kiosk.id");
  s.chp = {host, static_cast<int>(c.integer("kiosk.chp_port"))};
  s.device = {host, static_cast<int>(c.integer("kiosk.device_port"))};
  s.idle_timeout_s = static_cast<int>(c.integer("kiosk.idle_timeout_s"));
  s.language = c.str("kiosk.language");
  s.data_dir = c.str("kiosk.data_dir");
  s.min_interval_ms = static_cast<int>(c.integer("kiosk.min_interval_ms"));
  s.thanks_s = static_cast<int>(c.integer("kiosk.thanks_s"));
  s.in_flight = static_cast<int>(c.integer("kiosk.in_flight"));
  s.ack_timeout_ms = static_cast<int>(c.integer("kiosk.ack_timeout_ms"));
  s.resend_max_ms = static_cast<int>(c.integer("kiosk.resend_max_ms"));
  s.voice = c.boolean("kiosk.voice");
  s.voice_command = c.str("kiosk.voice_command");
  if (s.language != "zh" && s.language != "en")
    return hall::fail(c.source() + ": key 'kiosk.language' must be \"zh\" or \"en\", got \"" +
                      s.language + "\"");
  if (!safe_id(s.id))
    return hall::fail(c.source() + ": key 'kiosk.id' must be 1-64 letters, digits, '-', '_' or '.' (it names the "
                      "outbox directory), got \"" + s.id + "\"");
  if (s.data_dir.empty()) return hall::fail(c.source() + ": key 'kiosk.data_dir' must not be empty");
  if (s.voice && s.voice_command.empty())
    return hall::fail(c.source() + ": key 'kiosk.voice_command' must name a program when kiosk.voice is true");
  return s;
}

}  // namespace kiosk

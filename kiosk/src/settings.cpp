#include "kiosk/settings.h"

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
  };
  hall::add_screen_keys(s, 1080, 1920);
  hall::add_common_keys(s);
  return s;
}

hall::Result<Settings> settings_from(const hall::Config& c) {
  const std::string host = c.str("kiosk.controller");
  Settings s{c.str("kiosk.id"),
             {host, static_cast<int>(c.integer("kiosk.chp_port"))},
             {host, static_cast<int>(c.integer("kiosk.device_port"))},
             static_cast<int>(c.integer("kiosk.idle_timeout_s")),
             c.str("kiosk.language")};
  if (s.language != "zh" && s.language != "en")
    return hall::fail(c.source() + ": key 'kiosk.language' must be \"zh\" or \"en\", got \"" +
                      s.language + "\"");
  if (s.id.empty()) return hall::fail(c.source() + ": key 'kiosk.id' must not be empty");
  return s;
}

}  // namespace kiosk

#include "signage/settings.h"

namespace signage {

hall::Schema schema() {
  using hall::ValueType;
  hall::Schema s = {
      {"signage.id", ValueType::String, std::string("screen-1"), "this screen's id"},
      {"signage.group", ValueType::String, std::string("lobby"), "screen group (chooses the playlist)"},
      {"signage.controller", ValueType::String, std::string("127.0.0.1"), "controller address"},
      {"signage.chp_port", ValueType::Integer, int64_t{5556}, "controller CHP snapshot port", 1, 65534},
      {"signage.device_port", ValueType::Integer, int64_t{5559}, "controller device port", 1, 65535},
  };
  hall::add_screen_keys(s, 1920, 1080);
  hall::add_common_keys(s);
  return s;
}

Settings settings_from(const hall::Config& c) {
  const std::string host = c.str("signage.controller");
  return {c.str("signage.id"), c.str("signage.group"),
          {host, static_cast<int>(c.integer("signage.chp_port"))},
          {host, static_cast<int>(c.integer("signage.device_port"))}};
}

}  // namespace signage

#include "controller/core/settings.h"

#include "common/access/security.h"

namespace controller {

void add_core_keys(hall::Schema& s) {
  using hall::ValueType;
  s.insert(s.end(), {
      {"hall.name", ValueType::String, std::string("政务服务中心"), "hall name (seeds a new store)"},
      {"hall.name_en", ValueType::String, std::string("Government Service Center"), "English hall name"},
      {"hall.timezone", ValueType::String, std::string("Asia/Shanghai"), "the hall's IANA time zone (seeds a new store)"},
      {"controller.data_dir", ValueType::String, std::string("var"), "directory of the store and lock"},
      {"controller.bind", ValueType::String, std::string("127.0.0.1"), "address screens and kiosks reach (CHP, devices)"},
      {"controller.admin_bind", ValueType::String, std::string("127.0.0.1"), "address hallctl and the console reach"},
      {"controller.chp_port", ValueType::Integer, int64_t{5556}, "CHP snapshot port P (P+1 publishes)", 1, 65534},
      {"controller.device_port", ValueType::Integer, int64_t{5559}, "kiosk and screen port", 1, 65535},
      {"controller.admin_port", ValueType::Integer, int64_t{5560}, "hallctl and console port", 1, 65535},
      {"controller.clock_publish_s", ValueType::Integer, int64_t{30}, "seconds between /hall/clock updates", 1, 3600},
      {"controller.new_devices_per_min", ValueType::Integer, int64_t{60}, "most unknown device ids taken in per minute, per registry (hello, screen.status)", 1, 100000},
      {"controller.device_prune_days", ValueType::Integer, int64_t{30}, "forget devices and screen reports not heard from for this many days (0 never)", 0, 3650},
      {"security.key_dir", ValueType::String, std::string(""), "controller and first admin keys; empty: <data_dir>/keys"},
  });
  hall::add_security_mode_key(s);
}

hall::Result<CoreSettings> core_settings_from(const hall::Config& c) {
  CoreSettings s;
  auto curve = hall::curve_mode(c);
  if (!curve) return curve.take_error();
  s.curve = *curve;
  s.hall_name = c.str("hall.name");
  s.hall_name_en = c.str("hall.name_en");
  s.timezone = c.str("hall.timezone");
  s.data_dir = c.str("controller.data_dir");
  const std::string host = c.str("controller.bind");
  s.chp = {host, static_cast<int>(c.integer("controller.chp_port"))};
  s.device = {host, static_cast<int>(c.integer("controller.device_port"))};
  s.admin = {c.str("controller.admin_bind"), static_cast<int>(c.integer("controller.admin_port"))};
  s.clock_publish_s = static_cast<int>(c.integer("controller.clock_publish_s"));
  s.new_devices_per_min = static_cast<int>(c.integer("controller.new_devices_per_min"));
  s.device_prune_days = static_cast<int>(c.integer("controller.device_prune_days"));
  s.key_dir = c.str("security.key_dir").empty() ? s.data_dir + "/keys" : c.str("security.key_dir");
  return s;
}

}  // namespace controller

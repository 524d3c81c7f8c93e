// settings.h: the controller core's own configuration keys (hall.*,
// controller.*, security.*): the hall's name and time zone, the data directory, the three
// listening endpoints, the clock and transport security. Each service owns its section ([queue],
// [evaluation], ...) beside its code; controller/settings.h puts them together.
// Threading: plain values.
#pragma once

#include <string>

#include "common/base/config.h"
#include "common/wire/sockets.h"

namespace controller {

struct CoreSettings {
  std::string hall_name;     // seeds a new store; the store is the truth after
  std::string hall_name_en;
  std::string timezone = "Asia/Shanghai";  // hall time; seeds a new store like the name
  std::string data_dir;
  hall::Endpoint chp;        // snapshot port P; PUB on P+1
  hall::Endpoint device;     // kiosks and screens
  hall::Endpoint admin;      // hallctl and the console (its own bind address)
  int clock_publish_s = 30;
  // The device registries (devices, screen_status): how many unknown ids
  // they take in per minute, and after how many days silent a row goes.
  int new_devices_per_min = 60;
  int device_prune_days = 30;  // 0: never
  bool curve = true;         // security.mode = "curve"; false: "none", development only
  std::string key_dir;       // controller.key(_secret), the first admin key, phone.key
};

void add_core_keys(hall::Schema& schema);
// Fails on a security.mode other than "curve" or "none".
hall::Result<CoreSettings> core_settings_from(const hall::Config& config);

}  // namespace controller

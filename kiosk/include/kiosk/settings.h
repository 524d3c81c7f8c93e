// settings.h: the kiosk's configuration keys (kiosk.toml).
// Threading: plain values.
#pragma once

#include <string>

#include "hall/config.h"
#include "hall/sockets.h"

namespace kiosk {

struct Settings {
  std::string id;
  hall::Endpoint chp;     // controller's CHP snapshot port
  hall::Endpoint device;  // controller's device port
  int idle_timeout_s = 30;
  std::string language;   // "zh" or "en" at rest
};

hall::Schema schema();
hall::Result<Settings> settings_from(const hall::Config& config);

}  // namespace kiosk

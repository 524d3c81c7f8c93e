// settings.h: the kiosk's configuration keys (kiosk.toml), see
// docs/configuration.md and docs/kiosk.md.
// Threading: plain values.
#pragma once

#include <string>

#include "common/base/config.h"
#include "common/wire/sockets.h"

namespace kiosk {

struct Settings {
  std::string id;
  hall::Endpoint chp;     // controller's CHP snapshot port
  hall::Endpoint device;  // controller's device port
  int idle_timeout_s = 30;
  std::string language;   // "zh" or "en" at rest
  std::string data_dir;   // the outbox is <data_dir>/<id>/outbox.db
  int min_interval_ms = 3000;
  int thanks_s = 6;
  int in_flight = 32;
  int resend_max_ms = 8000;
  int ack_timeout_ms = 3000;
  bool voice = false;         // spoken prompts on the Rate and Thanks steps
  std::string voice_command;  // run as: <command> -v cmn|en <text>
};

hall::Schema schema();
hall::Result<Settings> settings_from(const hall::Config& config);

}  // namespace kiosk

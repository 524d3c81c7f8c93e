// settings.h: the signage player's configuration keys (signage.toml).
// Threading: plain values.
#pragma once

#include <string>

#include "hall/config.h"
#include "hall/sockets.h"

namespace signage {

struct Settings {
  std::string id;
  std::string group;
  hall::Endpoint chp;     // controller's CHP snapshot port
  hall::Endpoint device;  // controller's device port
};

hall::Schema schema();
Settings settings_from(const hall::Config& config);

}  // namespace signage

// settings.h: the signage player's configuration keys (signage.toml).
// Threading: plain values.
#pragma once

#include <string>

#include "common/base/config.h"
#include "common/wire/sockets.h"

namespace signage {

struct Settings {
  std::string id;
  std::string group;
  hall::Endpoint chp;     // controller's CHP snapshot port
  hall::Endpoint device;  // controller's device port
  std::string cache_dir;  // where the last snapshot is kept ("" -> var/signage/<id>)
  std::string board;      // pin one board ("" = follow the playlist)
  int status_interval_s = 5;
};

hall::Schema schema();
Settings settings_from(const hall::Config& config);

// The CHP subtrees a screen of `group` asks for (docs/protocol.md).
std::vector<std::string> subtrees(const std::string& group);

}  // namespace signage

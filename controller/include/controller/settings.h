// settings.h: the controller's configuration keys (controller.toml) and the
// typed settings read from them. See docs/configuration.md.
// Threading: plain values.
#pragma once

#include <string>

#include "controller/cases.h"
#include "controller/scoring.h"
#include "hall/config.h"
#include "hall/sockets.h"

namespace controller {

struct Settings {
  std::string hall_name;     // seeds a new store; the store is the truth after
  std::string hall_name_en;
  std::string data_dir;
  hall::Endpoint chp;        // snapshot port P; PUB on P+1
  hall::Endpoint device;     // kiosks and screens
  hall::Endpoint admin;      // hallctl and the console
  int clock_publish_s = 30;
  RankingSettings ranking;   // [ranking]; check with validate_ranking_settings()
  CaseSettings cases;        // [cases]
  std::string holidays_file; // cases.holidays_file
};

hall::Schema schema();
Settings settings_from(const hall::Config& config);

}  // namespace controller

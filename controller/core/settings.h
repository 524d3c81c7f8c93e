// settings.h: the controller's configuration keys (controller.toml) and the
// typed settings read from them. See docs/configuration.md.
// Threading: plain values.
#pragma once

#include <string>

#include "controller/cases/cases.h"
#include "controller/rankings/scoring.h"
#include "common/base/config.h"
#include "common/wire/sockets.h"

namespace controller {

// [queue]: the hall's queue-management feed (docs/queue-api.md).
struct QueueSettings {
  bool enabled = false;
  std::string url;           // base URL; the link GETs <url>/events?after=N
  int poll_ms = 1000;        // pause between polls when the feed is idle
  int timeout_ms = 3000;     // whole-request timeout
  int backoff_max_ms = 30000;
};

// [evaluation]: how kiosk ratings are checked and committed (docs/evaluations.md).
struct EvaluationSettings {
  int window_h = 24;           // a ticket may be rated this long after it was finished
  int min_interval_ms = 1500;  // press filter per kiosk (0: off)
  int batch_max = 512;         // evaluations per transaction (1: one transaction each)
};

// [upstream]: forwarding to the provincial 好差评 platform.
struct UpstreamSettings {
  bool enabled = false;
  std::string url;
  int batch = 100;
  int interval_ms = 2000;
  int timeout_ms = 5000;
  int backoff_max_ms = 60000;
  bool mask_phone = true;
  std::string source;  // who we are upstream; defaults to the hall name
};

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
  QueueSettings queue;
  EvaluationSettings evaluation;
  UpstreamSettings upstream;
};

hall::Schema schema();
Settings settings_from(const hall::Config& config);

}  // namespace controller

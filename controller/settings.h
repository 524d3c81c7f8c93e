// settings.h: the whole of controller.toml: the core's keys and every
// service's section, each declared beside its service (core/settings.h,
// queue/queue_link.h, evaluations/evaluations.h, upstream/upstream.h,
// rankings/rankings_service.h, cases/cases_service.h). See
// docs/configuration.md. Threading: plain values.
#pragma once

#include <string>

#include "common/base/config.h"
#include "controller/cases/cases_service.h"
#include "controller/core/settings.h"
#include "controller/evaluations/evaluations.h"
#include "controller/queue/queue_link.h"
#include "controller/rankings/rankings_service.h"
#include "controller/upstream/upstream.h"

namespace controller {

struct Settings : CoreSettings {
  RankingSettings ranking;   // [ranking]; check with validate_ranking_settings()
  CaseSettings cases;        // [cases]
  QueueSettings queue;       // [queue]
  EvaluationSettings evaluation;  // [evaluation]
  UpstreamSettings upstream;      // [upstream]
};

hall::Schema schema();
hall::Result<Settings> settings_from(const hall::Config& config);

}  // namespace controller

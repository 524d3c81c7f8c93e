#include "controller/settings.h"

namespace controller {

hall::Schema schema() {
  hall::Schema s;
  add_core_keys(s);
  add_ranking_keys(s);
  add_case_keys(s);
  add_queue_keys(s);
  add_evaluation_keys(s);
  add_upstream_keys(s);
  hall::add_common_keys(s);
  return s;
}

hall::Result<Settings> settings_from(const hall::Config& config) {
  Settings s;
  auto core = core_settings_from(config);
  if (!core) return core.take_error();
  static_cast<CoreSettings&>(s) = std::move(*core);
  s.ranking = ranking_settings_from(config);
  s.cases = case_settings_from(config);
  s.queue = queue_settings_from(config);
  s.evaluation = evaluation_settings_from(config);
  s.upstream = upstream_settings_from(config);
  return s;
}

}  // namespace controller

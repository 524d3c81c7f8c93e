#include "controller/core/settings.h"

namespace controller {

hall::Schema schema() {
  using hall::ValueType;
  hall::Schema s = {
      {"hall.name", ValueType::String, std::string("政务服务中心"), "hall name (seeds a new store)"},
      {"hall.name_en", ValueType::String, std::string("Government Service Center"), "English hall name"},
      {"controller.data_dir", ValueType::String, std::string("var"), "directory of the store and lock"},
      {"controller.bind", ValueType::String, std::string("127.0.0.1"), "address to listen on"},
      {"controller.chp_port", ValueType::Integer, int64_t{5556}, "CHP snapshot port P (P+1 publishes)", 1, 65534},
      {"controller.device_port", ValueType::Integer, int64_t{5559}, "kiosk and screen port", 1, 65535},
      {"controller.admin_port", ValueType::Integer, int64_t{5560}, "hallctl and console port", 1, 65535},
      {"controller.clock_publish_s", ValueType::Integer, int64_t{30}, "seconds between /hall/clock updates", 1, 3600},
      // [ranking]: scoring.h, docs/rankings.md
      {"ranking.m", ValueType::Float, 20.0, "Bayesian prior weight m (ratings)"},
      {"ranking.weight_citizen", ValueType::Float, 0.6, "composite weight of the citizen score"},
      {"ranking.weight_peer", ValueType::Float, 0.2, "composite weight of the peer-review score"},
      {"ranking.weight_leader", ValueType::Float, 0.2, "composite weight of the leader-review score"},
      {"ranking.star5", ValueType::Float, 95.0, "composite at or above which a window gets 5 stars"},
      {"ranking.star4", ValueType::Float, 90.0, "composite for 4 stars"},
      {"ranking.star3", ValueType::Float, 85.0, "composite for 3 stars"},
      {"ranking.star2", ValueType::Float, 80.0, "composite for 2 stars (below: 1 star)"},
      {"ranking.bonus_max", ValueType::Float, 10.0, "largest skill-contest bonus per entry (points)"},
      // [cases]: cases.h, workdays.h
      {"cases.deadline_working_days", ValueType::Integer, int64_t{5}, "working days to rectify a bad review", 1, 60},
      {"cases.holidays_file", ValueType::String, std::string("config/holidays.toml"), "holiday and make-up working day calendar"},
      {"queue.enabled", ValueType::Boolean, false, "follow the queue system's event feed"},
      {"queue.url", ValueType::String, std::string("http://127.0.0.1:8750"), "base URL of the queue feed (docs/queue-api.md)"},
      {"queue.poll_ms", ValueType::Integer, int64_t{1000}, "pause between polls of an idle feed", 50, 600000},
      {"queue.timeout_ms", ValueType::Integer, int64_t{3000}, "timeout of one feed request", 100, 120000},
      {"queue.backoff_max_ms", ValueType::Integer, int64_t{30000}, "longest pause after failed polls", 100, 3600000},
      {"evaluation.window_h", ValueType::Integer, int64_t{24}, "hours after service during which a ticket may be rated", 1, 24 * 90},
      {"evaluation.min_interval_ms", ValueType::Integer, int64_t{1500}, "press filter: least time between two ratings of one kiosk (0 off)", 0, 600000},
      {"evaluation.batch_max", ValueType::Integer, int64_t{512}, "most evaluations committed in one transaction", 1, 100000},
      {"upstream.enabled", ValueType::Boolean, false, "forward evaluations to the provincial platform"},
      {"upstream.url", ValueType::String, std::string(""), "endpoint that receives POSTed batches"},
      {"upstream.batch", ValueType::Integer, int64_t{100}, "most evaluations per upstream request", 1, 10000},
      {"upstream.interval_ms", ValueType::Integer, int64_t{2000}, "pause between upstream sends", 10, 3600000},
      {"upstream.timeout_ms", ValueType::Integer, int64_t{5000}, "timeout of one upstream request", 100, 120000},
      {"upstream.backoff_max_ms", ValueType::Integer, int64_t{60000}, "longest pause after failed sends", 100, 3600000},
      {"upstream.mask_phone", ValueType::Boolean, true, "send phone numbers masked (138****5678)"},
      {"upstream.source", ValueType::String, std::string(""), "our name upstream (empty: the hall name)"},
  };
  hall::add_common_keys(s);
  return s;
}

Settings settings_from(const hall::Config& c) {
  Settings s;
  s.hall_name = c.str("hall.name");
  s.hall_name_en = c.str("hall.name_en");
  s.data_dir = c.str("controller.data_dir");
  const std::string host = c.str("controller.bind");
  s.chp = {host, static_cast<int>(c.integer("controller.chp_port"))};
  s.device = {host, static_cast<int>(c.integer("controller.device_port"))};
  s.admin = {host, static_cast<int>(c.integer("controller.admin_port"))};
  s.clock_publish_s = static_cast<int>(c.integer("controller.clock_publish_s"));
  s.ranking.m = c.real("ranking.m");
  s.ranking.weight_citizen = c.real("ranking.weight_citizen");
  s.ranking.weight_peer = c.real("ranking.weight_peer");
  s.ranking.weight_leader = c.real("ranking.weight_leader");
  s.ranking.star_thresholds = {c.real("ranking.star5"), c.real("ranking.star4"), c.real("ranking.star3"),
                               c.real("ranking.star2")};
  s.ranking.bonus_max = c.real("ranking.bonus_max");
  s.cases.deadline_working_days = static_cast<int>(c.integer("cases.deadline_working_days"));
  s.holidays_file = c.str("cases.holidays_file");
  s.queue.enabled = c.boolean("queue.enabled");
  s.queue.url = c.str("queue.url");
  s.queue.poll_ms = static_cast<int>(c.integer("queue.poll_ms"));
  s.queue.timeout_ms = static_cast<int>(c.integer("queue.timeout_ms"));
  s.queue.backoff_max_ms = static_cast<int>(c.integer("queue.backoff_max_ms"));
  s.evaluation.window_h = static_cast<int>(c.integer("evaluation.window_h"));
  s.evaluation.min_interval_ms = static_cast<int>(c.integer("evaluation.min_interval_ms"));
  s.evaluation.batch_max = static_cast<int>(c.integer("evaluation.batch_max"));
  s.upstream.enabled = c.boolean("upstream.enabled");
  s.upstream.url = c.str("upstream.url");
  s.upstream.batch = static_cast<int>(c.integer("upstream.batch"));
  s.upstream.interval_ms = static_cast<int>(c.integer("upstream.interval_ms"));
  s.upstream.timeout_ms = static_cast<int>(c.integer("upstream.timeout_ms"));
  s.upstream.backoff_max_ms = static_cast<int>(c.integer("upstream.backoff_max_ms"));
  s.upstream.mask_phone = c.boolean("upstream.mask_phone");
  s.upstream.source = c.str("upstream.source");
  return s;
}

}  // namespace controller

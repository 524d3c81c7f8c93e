#include "common/base/app.h"

#include <atomic>
#include <csignal>
#include <filesystem>

#include "common/base/log.h"

namespace hall {

namespace {
std::atomic<bool> g_stop{false};
extern "C" void on_signal(int) { g_stop.store(true); }
}  // namespace

bool stop_requested() { return g_stop.load(); }
void request_stop() { g_stop.store(true); }

void add_common_options(CLI::App& app, CommonOptions& opts, const std::string& default_config) {
  opts.config_file = default_config;
  app.add_option("--config", opts.config_file, "TOML config file")
      ->default_str(default_config.empty() ? "(built-in defaults)" : default_config);
  app.add_option("--set", opts.overrides, "override one key: --set section.key=value (repeatable)")
      ->type_name("KEY=VALUE");
  app.set_version_flag("--version", std::string(app.get_name()) + " " HALL_VERSION);
}

Result<Config> start_program(const std::string& program, const Schema& schema,
                             const CommonOptions& opts) {
  auto cfg = Config::load(schema, opts.config_file, opts.overrides);
  if (!cfg) return cfg.take_error();
  if (auto s = log::init(program, cfg->str("log.level")); !s) return s.take_error();
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  return cfg;
}

}  // namespace hall

#include "common/base/log.h"

#include <spdlog/sinks/stdout_sinks.h>

namespace hall::log {

Status init(const std::string& program, const std::string& level) {
  auto lvl = spdlog::level::from_str(level);
  if (lvl == spdlog::level::off && level != "off") {
    return fail("unknown log level '" + level +
                "': use trace, debug, info, warn, error or off");
  }
  auto logger = spdlog::stderr_logger_mt(program + "-stderr");
  logger->set_pattern("%Y-%m-%d %H:%M:%S.%e " + program + " %l: %v");
  logger->set_level(lvl);
  logger->flush_on(spdlog::level::trace);
  spdlog::set_default_logger(logger);
  return {};
}

}  // namespace hall::log

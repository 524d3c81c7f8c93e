// log.h: levelled logging to stderr for every program (spdlog underneath).
// Threading: safe from any thread.
#pragma once

#include <spdlog/spdlog.h>

#include <string>

#include "common/base/result.h"

namespace hall::log {

// Sets up the stderr logger with the program name as prefix. `level` is one of
// trace, debug, info, warn, error, off.
Status init(const std::string& program, const std::string& level);

using spdlog::debug;
using spdlog::error;
using spdlog::info;
using spdlog::warn;

}  // namespace hall::log

// app.h: the command line every program shares (--config, --set, --version,
// --help via CLI11) and the start-up that follows it: load the config against
// the program's schema, set up logging, and install SIGINT/SIGTERM handling.
// Threading: call from main() only; stop_requested() may be read anywhere.
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "common/base/config.h"

namespace hall {

struct CommonOptions {
  std::string config_file;
  std::vector<std::string> overrides;
};

// Adds --config, --set and --version to `app`. `default_config` is used when
// --config is not given (empty: built-in defaults only).
void add_common_options(CLI::App& app, CommonOptions& opts, const std::string& default_config);

// Parses the command line. Returns nullopt to go on, or the exit code to
// leave with: 0 after --help or --version; 2 after a usage error, printed
// with the closest command or option when the mistake looks like a typo
// (hallctl: unknown command "ranking"; did you mean "rankings"?) and where
// to read more.
std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv);

// Loads the config and starts logging. On failure the error names the file,
// key and expected type; main() prints it and exits non-zero.
Result<Config> start_program(const std::string& program, const Schema& schema,
                             const CommonOptions& opts);

// True once SIGINT or SIGTERM arrived (handlers installed by start_program).
bool stop_requested();
void request_stop();

}  // namespace hall

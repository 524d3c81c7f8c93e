// hallctl.h: how hallctl's commands are organised. Each area (status,
// content, screens, evaluations...) has a file hallctl_<area>.cpp with an
// add_<area>_commands() that adds CLI11 subcommands and the function that
// runs each. main() in hallctl.cpp lists the areas.
// Threading: main() only.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

#include "console/admin/admin_client.h"

namespace hallctl {

struct Context {
  admin::Client admin;
  bool json = false;

  // One request to the controller's admin socket. On failure prints
  // "hallctl: <message>" to stderr and returns nullopt.
  std::optional<hall::Message> call(std::string_view type, const hall::Json& fields = hall::Json::object(),
                                    std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;
  // With --json: prints `body` as indented JSON and returns true (the
  // command is done); otherwise prints nothing and returns false.
  bool print_json(const hall::Json& body) const;
};

// `s` padded with spaces to `width` terminal cells (a CJK character takes
// two), and at least one space, for lining up table columns.
std::string pad(const std::string& s, size_t width);

// A command returns the process exit code: 0 done, 1 failed, 2 bad usage.
using Command = std::function<int(const Context&)>;

struct Commands {
  std::vector<std::pair<CLI::App*, Command>> list;
  void add(CLI::App* sub, Command run) { list.emplace_back(sub, std::move(run)); }
};

void add_status_commands(CLI::App& app, Commands& commands);
void add_content_commands(CLI::App& app, Commands& commands);
void add_notice_commands(CLI::App& app, Commands& commands);
void add_screens_commands(CLI::App& app, Commands& commands);
void add_evaluation_commands(CLI::App& app, Commands& commands);  // evaluations, tickets
void add_rankings_commands(CLI::App& app, Commands& commands);     // rankings show|recompute
void add_cases_commands(CLI::App& app, Commands& commands);        // cases, case ID ACTION
void add_reviews_commands(CLI::App& app, Commands& commands);      // review peer|leader, bonus add, reviews
void add_report_commands(CLI::App& app, Commands& commands);       // report month

}  // namespace hallctl

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
  std::string no_keys;  // why this hallctl has no usable keys ("" when it has them, or needs none)
  std::string data_dir;  // controller.data_dir, for backup and restore (they work on the files)
  std::string key_dir;   // security.key_dir (phone.key is there)

  // One request to the controller's admin socket. On failure prints
  // "hallctl: <message>" to stderr and returns nullopt.
  std::optional<hall::Message> call(std::string_view type, const hall::Json& fields = hall::Json::object(),
                                    std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;
  // With --json: prints `body` as indented JSON and returns true (the
  // command is done); otherwise prints nothing and returns false.
  bool print_json(const hall::Json& body) const;
};

// Everything hallctl prints is safe for a terminal: main() puts a filter on
// stdout and stderr that escapes control characters but newline and tab
// (ESC becomes \e, NUL \x00, C1 controls \xNN), whatever the code printing.
// Values from the controller that belong on one line (ids, names, a table
// cell) go through text() or pad(), which escape newline and tab too.
std::string text(const hall::Json& object, const char* key);
std::string text(const std::string& s);

// `s`, escaped as text() does, padded with spaces to `width` terminal cells
// (a CJK character takes two), and at least one space, for table columns.
std::string pad(const std::string& s, size_t width);

// For the number of a case or a bonus: a whole number from 1 up, or the
// refusal "must be a number from 1 up (hallctl ...), got X".
CLI::Validator record_number(const std::string& listed_by);

// Installs the terminal filter on std::cout and std::cerr (and routes C
// stdio's stdout/stderr writes of hallctl through them). Call once, first.
void filter_terminal_output();

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
void add_keys_commands(CLI::App& app, Commands& commands);         // keys, whoami, audit
void add_backup_commands(CLI::App& app, Commands& commands);       // backup FILE, restore FILE

}  // namespace hallctl

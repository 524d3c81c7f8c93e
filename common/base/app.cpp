#include "common/base/app.h"

#include <atomic>
#include <csignal>
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <vector>

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

namespace {
std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands({})) names.push_back(sub->get_name());
  return names;
}

// The long option names `app` and, through fallthrough, its parents take.
std::vector<std::string> option_names(const CLI::App* app) {
  std::vector<std::string> names;
  for (; app; app = app->get_parent())
    for (const auto* opt : app->get_options({}))
      for (const auto& n : opt->get_lnames()) names.push_back("--" + n);
  return names;
}

const CLI::Option* find_option(const CLI::App* app, const std::string& arg) {
  for (; app; app = app->get_parent())
    for (const auto* opt : app->get_options({}))
      if (opt->check_name(arg)) return opt;
  return nullptr;
}

// Walks the words as CLI11 would, down the commands they name, to the first
// word no command or option takes: what the person probably meant there.
std::string typo_hint(const CLI::App& app, const std::vector<std::string>& words) {
  const CLI::App* at = &app;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string w = words[i];
    if (w.size() > 1 && w[0] == '-') {
      const std::string name = w.substr(0, w.find('='));
      const auto* opt = find_option(at, name);
      if (!opt) {
        const std::string near = closest_name(name, option_names(at));
        return "unknown option " + name + (near.empty() ? "" : "; did you mean " + near + "?");
      }
      if (w.find('=') == std::string::npos && opt->get_expected_min() > 0) ++i;  // its value
      continue;
    }
    const auto names = command_names(*at);
    const bool takes_values = !at->get_options([](const CLI::Option* o) { return o->get_positional(); }).empty();
    if (names.empty()) continue;  // a value for this command
    CLI::App* sub = nullptr;
    try {
      sub = at->get_subcommand(w);
    } catch (const CLI::OptionNotFound&) {
    }
    if (sub) {
      at = sub;
      continue;
    }
    if (takes_values) continue;  // a value, not a command
    const std::string near = closest_name(w, names);
    const std::string where = at == &app ? "" : " of \"" + at->get_name() + "\"";
    return "unknown command \"" + w + "\"" + where +
           (near.empty() ? "; the commands are: " + joined(names) : "; did you mean \"" + near + "\"?");
  }
  // The words ended at a command that needs one of its own: none named.
  if (const auto names = command_names(*at); !names.empty() && at->get_require_subcommand_min() > 0)
    return (at == &app ? std::string("say which command") : "\"" + at->get_name() + "\" needs a command") + ": " +
           joined(names);
  return "";
}
}  // namespace

std::optional<int> parse_command_line(CLI::App& app, int argc, char** argv) {
  try {
    app.parse(argc, argv);
    return std::nullopt;
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    const std::string hint = typo_hint(app, std::vector<std::string>(argv + 1, argv + argc));
    std::cerr << app.get_name() << ": " << (hint.empty() ? std::string(e.what()) : hint) << "\n"
              << "Run '" << app.get_name() << " --help' for what it takes.\n";
    return 2;
  }
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

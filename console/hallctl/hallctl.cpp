// hallctl: the hall manager's command line. Talks to the controller's admin
// socket; with no flags it reaches 127.0.0.1 at the default admin port.
#include <cstdio>

#include "console/hallctl/hallctl.h"
#include "controller/settings.h"
#include "common/base/app.h"

namespace hallctl {

bool Context::print_json(const hall::Json& body) const {
  if (json) std::cout << body.dump(2) << "\n";
  return json;
}

std::optional<hall::Message> Context::call(std::string_view type, const hall::Json& fields,
                                           std::chrono::milliseconds timeout) const {
  auto reply = admin.request(type, fields, timeout);
  if (!reply) {
    std::fprintf(stderr, "hallctl: %s\n", reply.error().c_str());
    return std::nullopt;
  }
  return std::move(*reply);
}

std::string pad(const std::string& s, size_t width) {
  size_t cells = 0;  // CJK characters take two cells
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = s[i];
    if ((c & 0xC0) == 0x80) continue;
    cells += c >= 0xE0 ? 2 : 1;
  }
  return cells >= width ? s + " " : s + std::string(width - cells, ' ');
}

}  // namespace hallctl

int main(int argc, char** argv) {
  CLI::App app{"Sanliang Hall manager's command line", "hallctl"};
  hall::CommonOptions common;
  hall::add_common_options(app, common, "");
  bool json = false;
  app.add_flag("--json", json, "print machine-readable JSON");
  app.require_subcommand(1);
  app.fallthrough();  // global flags may follow the command: hallctl status --json

  hallctl::Commands commands;
  hallctl::add_status_commands(app, commands);
  hallctl::add_content_commands(app, commands);
  hallctl::add_notice_commands(app, commands);
  hallctl::add_screens_commands(app, commands);
  hallctl::add_evaluation_commands(app, commands);
  hallctl::add_rankings_commands(app, commands);
  hallctl::add_cases_commands(app, commands);
  hallctl::add_reviews_commands(app, commands);
  hallctl::add_report_commands(app, commands);
  CLI11_PARSE(app, argc, argv);

  common.overrides.insert(common.overrides.begin(), "log.level=warn");
  auto config = hall::start_program("hallctl", controller::schema(), common);
  if (!config) {
    std::fprintf(stderr, "hallctl: %s\n", config.error().c_str());
    return 2;
  }
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);
  const hallctl::Context context{{sockets, controller::settings_from(*config).admin}, json};
  for (auto& [sub, run] : commands.list)
    if (sub->parsed()) return run(context);
  return 2;
}

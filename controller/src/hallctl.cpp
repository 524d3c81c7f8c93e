// hallctl: the hall manager's command line. Talks to the controller's admin
// socket; with no flags it reaches 127.0.0.1 at the default admin port.
#include <cstdio>
#include <iostream>

#include "controller/settings.h"
#include "hall/app.h"
#include "hall/log.h"
#include "hall/rpc.h"

namespace {

int print_status(const hall::Message& reply, bool json) {
  const auto& b = reply.body;
  if (json) {
    std::cout << b.dump(2) << "\n";
    return 0;
  }
  std::cout << "hall:      " << b.value("hall", "") << "\n"
            << "version:   " << b.value("version", "") << "\n"
            << "uptime:    " << b.value("uptime_s", 0) << " s\n"
            << "store:     " << b.value("store", "") << " (schema v" << b.value("schema_version", 0) << ")\n"
            << "published: " << b.value("keys", 0) << " keys, sequence " << b.value("sequence", 0) << "\n";
  const auto& devices = b["devices"];
  std::cout << "devices:   " << devices.size() << "\n";
  for (const auto& d : devices)
    std::cout << "  " << d.value("kind", "") << "  " << d.value("id", "") << "  last seen "
              << d.value("last_seen", "") << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Sanliang Hall manager's command line", "hallctl"};
  hall::CommonOptions common;
  hall::add_common_options(app, common, "");
  bool json = false;
  app.add_flag("--json", json, "print machine-readable JSON");
  app.require_subcommand(1);
  app.fallthrough();  // global flags may follow the command: hallctl status --json
  auto* status = app.add_subcommand("status", "show the controller's state and known devices");
  CLI11_PARSE(app, argc, argv);

  hall::Schema schema = controller::schema();
  common.overrides.insert(common.overrides.begin(), "log.level=warn");
  auto config = hall::start_program("hallctl", schema, common);
  if (!config) {
    std::fprintf(stderr, "hallctl: %s\n", config.error().c_str());
    return 2;
  }
  const auto settings = controller::settings_from(*config);
  zmq::context_t ctx;
  hall::SocketFactory sockets(ctx);

  if (*status) {
    auto reply = hall::call(sockets, settings.admin, "status");
    if (!reply) {
      std::fprintf(stderr, "hallctl: %s\n", reply.error().c_str());
      return 1;
    }
    return print_status(*reply, json);
  }
  return 2;
}
